// Binary encoding of a frame for WebSocket messages and the run store. Little-endian:
//
//   offset 0   u32  magic 0x46454631 ("FEF1")
//          4   u32  flags (bit 0: keyframe)
//          8   u32  tick
//         12   u32  byte length of the run id (UTF-8), then the id padded to 4 bytes
//          …   f64  t (s), u32 × 5  nBus nBranch nHvdc nGen nArea, u32 pad
//          …   f32  busVm, busVa, busLoadMW, busShedMW        (nBus each)
//              f32  branchFlowMW, branchLoadingPct             (nBranch each)
//              f32  hvdcMW (nHvdc), generatorMW (nGen), areaFrequencyHz (nArea)
//              u8   branchStatus (nBranch), hvdcStatus (nHvdc)
//
// Float32 keeps a frame of the FI–EE network under 4 kB; the store and the stream use the same
// bytes, so what a viewer sees is what was saved.
import type { Frame } from '@finest/scenario/schema';

const MAGIC = 0x46454631;
const KEYFRAME = 1;

export interface EncodedFrameHeader {
  runId: string;
  tick: number;
  t: number;
  keyframe: boolean;
}

// Arithmetic, not `& ~3`: a corrupt u32 length must not wrap to a small int32.
const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

export function encodeFrame(runId: string, frame: Frame): Uint8Array {
  const id = new TextEncoder().encode(runId);
  const nBus = frame.busVm.length;
  const nBranch = frame.branchFlowMW.length;
  const nHvdc = frame.hvdcMW.length;
  const nGen = frame.generatorMW.length;
  const nArea = frame.areaFrequencyHz.length;
  const head = 16 + pad4(id.length) + 8 + 24;
  const floats = 4 * nBus + 2 * nBranch + nHvdc + nGen + nArea;
  const bytes = new Uint8Array(head + 4 * floats + nBranch + nHvdc);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, frame.keyframe ? KEYFRAME : 0, true);
  view.setUint32(8, frame.tick, true);
  view.setUint32(12, id.length, true);
  bytes.set(id, 16);
  let at = 16 + pad4(id.length);
  view.setFloat64(at, frame.t, true);
  at += 8;
  for (const n of [nBus, nBranch, nHvdc, nGen, nArea, 0]) {
    view.setUint32(at, n, true);
    at += 4;
  }
  const put = (a: Float32Array): void => {
    for (let k = 0; k < a.length; k++, at += 4) view.setFloat32(at, a[k]!, true);
  };
  put(frame.busVm);
  put(frame.busVa);
  put(frame.busLoadMW);
  put(frame.busShedMW);
  put(frame.branchFlowMW);
  put(frame.branchLoadingPct);
  put(frame.hvdcMW);
  put(frame.generatorMW);
  put(frame.areaFrequencyHz);
  bytes.set(frame.branchStatus, at);
  bytes.set(frame.hvdcStatus, at + nBranch);
  return bytes;
}

export class FrameDecodeError extends Error {
  // named, so logs and String(err) say which error it is rather than "Error"
  override readonly name = 'FrameDecodeError';
  readonly code = 'FINEST_FRAME_DECODE';
}

/** Decodes a binary frame; throws FrameDecodeError on anything that is not one. */
export function decodeFrame(data: Uint8Array): EncodedFrameHeader & { frame: Frame } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const need = (n: number, what: string): void => {
    if (n > data.byteLength)
      throw new FrameDecodeError(`frame: truncated at ${what} (${data.byteLength} bytes)`);
  };
  need(16, 'header');
  if (view.getUint32(0, true) !== MAGIC) throw new FrameDecodeError('frame: bad magic number');
  const flags = view.getUint32(4, true);
  const tick = view.getUint32(8, true);
  const idLength = view.getUint32(12, true);
  need(16 + pad4(idLength) + 32, 'run id and counts');
  const runId = new TextDecoder().decode(data.subarray(16, 16 + idLength));
  let at = 16 + pad4(idLength);
  const t = view.getFloat64(at, true);
  if (!Number.isFinite(t)) throw new FrameDecodeError(`frame: time is not a finite number (${t})`);
  at += 8;
  const [nBus, nBranch, nHvdc, nGen, nArea] = [0, 1, 2, 3, 4].map((k) =>
    view.getUint32(at + 4 * k, true),
  ) as [number, number, number, number, number];
  at += 24;
  const size = at + 4 * (4 * nBus + 2 * nBranch + nHvdc + nGen + nArea) + nBranch + nHvdc;
  need(size, 'arrays');
  // a frame is exactly its encoded size: more bytes mean a misread length or two frames glued
  if (data.byteLength !== size)
    throw new FrameDecodeError(
      `frame: ${data.byteLength - size} bytes after the end of the frame (${size} bytes)`,
    );
  const take = (n: number): Float32Array => {
    const out = new Float32Array(n);
    for (let k = 0; k < n; k++, at += 4) out[k] = view.getFloat32(at, true);
    return out;
  };
  const frame: Frame = {
    tick,
    t,
    keyframe: (flags & KEYFRAME) !== 0,
    busVm: take(nBus),
    busVa: take(nBus),
    busLoadMW: take(nBus),
    busShedMW: take(nBus),
    branchFlowMW: take(nBranch),
    branchLoadingPct: take(nBranch),
    hvdcMW: take(nHvdc),
    generatorMW: take(nGen),
    areaFrequencyHz: take(nArea),
    branchStatus: data.slice(at, at + nBranch),
    hvdcStatus: data.slice(at + nBranch, at + nBranch + nHvdc),
  };
  return { runId, tick, t, keyframe: frame.keyframe, frame };
}

/** True when a binary message is a frame (cheap check before decoding). */
export function isFrameMessage(data: Uint8Array): boolean {
  return (
    data.byteLength >= 4 &&
    new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true) === MAGIC
  );
}
