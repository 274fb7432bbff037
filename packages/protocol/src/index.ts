export {
  ClientMessageSchema,
  PROTOCOL_VERSION,
  RunInfoSchema,
  RunStatusSchema,
  ServerMessageSchema,
} from './messages.ts';
export type { ClientMessage, RunInfo, ServerMessage } from './messages.ts';
export { decodeFrame, encodeFrame, FrameDecodeError, isFrameMessage } from './frame-codec.ts';
export type { EncodedFrameHeader } from './frame-codec.ts';
