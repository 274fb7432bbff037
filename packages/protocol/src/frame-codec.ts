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
// bytes, so what a viewer sees is what was saved. Every f32 array starts at a multiple of 4 from
// the frame's first byte, so the arrays are written with one typed-array copy each and decoded
// as views onto the bytes (no per-float loop). A frame whose bytes sit at an offset that is not
// a multiple of 4 (a frame after an odd-sized one in a pack, a pooled Node buffer) is copied
// once, whole, to an aligned buffer first. The format is unchanged since version 1 of the
// protocol, so stored runs still decode.
import type { Frame } from '@finest/scenario/schema';

const MAGIC = 0x46454631;
const KEYFRAME = 1;
/** typed-array views read the host's byte order; every engine we run on is little-endian */
const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

export interface EncodedFrameHeader {
  runId: string;
  tick: number;
  t: number;
  keyframe: boolean;
}

export interface FrameHeader extends EncodedFrameHeader {
  nBus: number;
  nBranch: number;
  nHvdc: number;
  nGen: number;
  nArea: number;
  /** byte offset of busVm from the frame's first byte (a multiple of 4) */
  arraysAt: number;
  /** bytes of the whole frame */
  size: number;
}

// Arithmetic, not `& ~3`: a corrupt u32 length must not wrap to a small int32.
const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/** f32 values per frame, in the order they are written */
const floatCount = (
  h: Pick<FrameHeader, 'nBus' | 'nBranch' | 'nHvdc' | 'nGen' | 'nArea'>,
): number => 4 * h.nBus + 2 * h.nBranch + h.nHvdc + h.nGen + h.nArea;

export function encodeFrame(runId: string, frame: Frame): Uint8Array {
  const id = new TextEncoder().encode(runId);
  const counts = {
    nBus: frame.busVm.length,
    nBranch: frame.branchFlowMW.length,
    nHvdc: frame.hvdcMW.length,
    nGen: frame.generatorMW.length,
    nArea: frame.areaFrequencyHz.length,
  };
  const head = 16 + pad4(id.length) + 8 + 24;
  const bytes = new Uint8Array(head + 4 * floatCount(counts) + counts.nBranch + counts.nHvdc);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, frame.keyframe ? KEYFRAME : 0, true);
  view.setUint32(8, frame.tick, true);
  view.setUint32(12, id.length, true);
  bytes.set(id, 16);
  let at = 16 + pad4(id.length);
  view.setFloat64(at, frame.t, true);
  at += 8;
  for (const n of [counts.nBus, counts.nBranch, counts.nHvdc, counts.nGen, counts.nArea, 0]) {
    view.setUint32(at, n, true);
    at += 4;
  }
  for (const a of floatArrays(frame)) {
    if (HOST_LITTLE_ENDIAN) new Float32Array(bytes.buffer, at, a.length).set(a);
    else for (let k = 0; k < a.length; k++) view.setFloat32(at + 4 * k, a[k]!, true);
    at += 4 * a.length;
  }
  bytes.set(frame.branchStatus, at);
  bytes.set(frame.hvdcStatus, at + counts.nBranch);
  return bytes;
}

const floatArrays = (f: Frame): Float32Array[] => [
  f.busVm,
  f.busVa,
  f.busLoadMW,
  f.busShedMW,
  f.branchFlowMW,
  f.branchLoadingPct,
  f.hvdcMW,
  f.generatorMW,
  f.areaFrequencyHz,
];

export class FrameDecodeError extends Error {
  // named, so logs and String(err) say which error it is rather than "Error"
  override readonly name = 'FrameDecodeError';
  readonly code = 'FINEST_FRAME_DECODE';
}

/**
 * Reads a frame's header without touching its arrays: what a load client or a router needs
 * (tick, time). Throws FrameDecodeError on anything that is not exactly one whole frame.
 */
export function decodeFrameHeader(data: Uint8Array): FrameHeader {
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
  const counts = { nBus, nBranch, nHvdc, nGen, nArea };
  const arraysAt = at + 24;
  const size = arraysAt + 4 * floatCount(counts) + nBranch + nHvdc;
  need(size, 'arrays');
  // a frame is exactly its encoded size: more bytes mean a misread length or two frames glued
  if (data.byteLength !== size)
    throw new FrameDecodeError(
      `frame: ${data.byteLength - size} bytes after the end of the frame (${size} bytes)`,
    );
  return { runId, tick, t, keyframe: (flags & KEYFRAME) !== 0, ...counts, arraysAt, size };
}

/**
 * Decodes a binary frame; throws FrameDecodeError on anything that is not one. The arrays are
 * views onto `data` (or onto one aligned copy of it): they share its memory, so a caller that
 * reuses the bytes for something else must copy the frame first.
 */
export function decodeFrame(data: Uint8Array): EncodedFrameHeader & { frame: Frame } {
  const h = decodeFrameHeader(data);
  // new Uint8Array(typed array) copies (a Node Buffer's slice() would not)
  const bytes = data.byteOffset % 4 === 0 || !HOST_LITTLE_ENDIAN ? data : new Uint8Array(data);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = h.arraysAt;
  const take = (n: number): Float32Array => {
    let out: Float32Array;
    if (HOST_LITTLE_ENDIAN) out = new Float32Array(bytes.buffer, bytes.byteOffset + at, n);
    else {
      out = new Float32Array(n);
      for (let k = 0; k < n; k++) out[k] = view.getFloat32(at + 4 * k, true);
    }
    at += 4 * n;
    return out;
  };
  const frame: Frame = {
    tick: h.tick,
    t: h.t,
    keyframe: h.keyframe,
    busVm: take(h.nBus),
    busVa: take(h.nBus),
    busLoadMW: take(h.nBus),
    busShedMW: take(h.nBus),
    branchFlowMW: take(h.nBranch),
    branchLoadingPct: take(h.nBranch),
    hvdcMW: take(h.nHvdc),
    generatorMW: take(h.nGen),
    areaFrequencyHz: take(h.nArea),
    branchStatus: bytes.subarray(at, at + h.nBranch),
    hvdcStatus: bytes.subarray(at + h.nBranch, at + h.nBranch + h.nHvdc),
  };
  return { runId: h.runId, tick: h.tick, t: h.t, keyframe: h.keyframe, frame };
}

/** True when a binary message is a frame (cheap check before decoding). */
export function isFrameMessage(data: Uint8Array): boolean {
  return (
    data.byteLength >= 4 &&
    new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true) === MAGIC
  );
}
