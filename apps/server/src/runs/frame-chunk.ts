// A chunk of consecutive frames as the store keeps it: the encoded frames joined with length
// prefixes and deflated, plus each frame's time and keyframe flag kept raw for the index.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { joinFrames, splitFrames } from '@finest/protocol';
import type { ChunkRow } from '../store/frames-repo.ts';

export interface FrameMeta {
  /** s */
  t: number;
  keyframe: boolean;
}

export function packChunk(
  firstTick: number,
  frames: readonly Uint8Array[],
  meta: readonly FrameMeta[],
): ChunkRow {
  const times = new Float64Array(meta.map((m) => m.t));
  const keyframes = Uint8Array.from(meta, (m) => (m.keyframe ? 1 : 0));
  return {
    first_tick: firstTick,
    last_tick: firstTick + frames.length - 1,
    times: Buffer.from(times.buffer),
    keyframes: Buffer.from(keyframes),
    data: deflateRawSync(joinFrames(frames)),
  };
}

/** The frames of a chunk, as plain Uint8Array views of one inflated buffer. */
export function unpackChunk(data: Uint8Array): Uint8Array[] {
  const raw = inflateRawSync(data);
  return splitFrames(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
}

/** The times of a chunk row (f64 LE); copies, since a Buffer may sit at any byte offset. */
export function chunkTimes(times: Uint8Array): Float64Array {
  const out = new Float64Array(times.byteLength / 8);
  const view = new DataView(times.buffer, times.byteOffset, times.byteLength);
  for (let k = 0; k < out.length; k++) out[k] = view.getFloat64(8 * k, true);
  return out;
}
