export {
  ClientMessageSchema,
  PROTOCOL_VERSION,
  RunInfoSchema,
  RunStatusSchema,
  ServerMessageSchema,
} from './messages.ts';
export type { ClientMessage, RunInfo, ServerMessage } from './messages.ts';
export {
  decodeFrame,
  decodeFrameHeader,
  encodeFrame,
  FrameDecodeError,
  isFrameMessage,
} from './frame-codec.ts';
export type { EncodedFrameHeader, FrameHeader } from './frame-codec.ts';
export { frameFromJson, frameToJson, joinFrames, splitFrames } from './frame-pack.ts';
export {
  ApiErrorSchema,
  ApiIssueSchema,
  BranchRunSchema,
  CompareQuerySchema,
  CompareResponseSchema,
  KpiDifferenceSchema,
  NetworkCreatedSchema,
  RunComparisonSchema,
  DuplicateScenarioSchema,
  FrameJsonSchema,
  FramesJsonSchema,
  FramesQuerySchema,
  GEO_LAYERS,
  GeoJsonSchema,
  GeoLayerListSchema,
  GeoLayerNameSchema,
  HealthSchema,
  IdParamSchema,
  N1PairSchema,
  N1ResultSchema,
  NetworkListSchema,
  NetworkSummarySchema,
  NetworkUploadQuerySchema,
  NetworkUploadSchema,
  RunCreatedSchema,
  RunDetailsSchema,
  RunExportSchema,
  RunKindSchema,
  RunListItemSchema,
  RunListSchema,
  RunLogSchema,
  ScenarioEnvelopeSchema,
  ScenarioListSchema,
  ScenarioSummarySchema,
} from './rest.ts';
export { StartMessageSchema, StartRunSchema } from './start-run.ts';
export type { StartRun } from './start-run.ts';
export type {
  ApiError,
  ApiIssue,
  BranchRun,
  CompareResponse,
  FrameJson,
  GeoLayerName,
  Health,
  N1Result,
  NetworkSummary,
  NetworkUpload,
  RunDetails,
  RunKind,
  RunListItem,
  ScenarioEnvelope,
  ScenarioSummary,
} from './rest.ts';
export { IntSpecError, MAX_SEED, MAX_SEEDS, parseHoursSpec, parseSeedsSpec } from './int-spec.ts';
export * from './sweep.ts';
export { lastIndexAtOrBefore, TIME_TOLERANCE_S } from './time-index.ts';
