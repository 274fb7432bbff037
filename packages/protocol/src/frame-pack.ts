// Many frames in one buffer, as GET /api/runs/:id/frames returns them and the run store keeps
// them (deflated): per frame a u32 little-endian byte length, then the frame's bytes
// (frame-codec.ts). Also the JSON form of a frame, for ?format=json and exports.
import type { Frame } from '@finest/scenario/schema';
import { FrameDecodeError } from './frame-codec.ts';
import type { FrameJson } from './rest.ts';

/** Concatenates encoded frames, each after its u32 LE length. */
export function joinFrames(frames: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const f of frames) total += 4 + f.byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const f of frames) {
    view.setUint32(at, f.byteLength, true);
    out.set(f, at + 4);
    at += 4 + f.byteLength;
  }
  return out;
}

/** Splits what joinFrames made (views into `data`, no copies). */
export function splitFrames(data: Uint8Array): Uint8Array[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < data.byteLength) {
    if (at + 4 > data.byteLength) throw new FrameDecodeError('frames: truncated length prefix');
    const n = view.getUint32(at, true);
    if (at + 4 + n > data.byteLength) throw new FrameDecodeError('frames: truncated frame');
    out.push(data.subarray(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return out;
}

export function frameToJson(f: Frame): FrameJson {
  return {
    tick: f.tick,
    t: f.t,
    keyframe: f.keyframe,
    busVm: Array.from(f.busVm),
    busVa: Array.from(f.busVa),
    busLoadMW: Array.from(f.busLoadMW),
    busShedMW: Array.from(f.busShedMW),
    branchFlowMW: Array.from(f.branchFlowMW),
    branchLoadingPct: Array.from(f.branchLoadingPct),
    branchStatus: Array.from(f.branchStatus),
    hvdcMW: Array.from(f.hvdcMW),
    hvdcStatus: Array.from(f.hvdcStatus),
    generatorMW: Array.from(f.generatorMW),
    areaFrequencyHz: Array.from(f.areaFrequencyHz),
  };
}

export function frameFromJson(j: FrameJson): Frame {
  return {
    tick: j.tick,
    t: j.t,
    keyframe: j.keyframe,
    busVm: Float32Array.from(j.busVm),
    busVa: Float32Array.from(j.busVa),
    busLoadMW: Float32Array.from(j.busLoadMW),
    busShedMW: Float32Array.from(j.busShedMW),
    branchFlowMW: Float32Array.from(j.branchFlowMW),
    branchLoadingPct: Float32Array.from(j.branchLoadingPct),
    branchStatus: Uint8Array.from(j.branchStatus),
    hvdcMW: Float32Array.from(j.hvdcMW),
    hvdcStatus: Uint8Array.from(j.hvdcStatus),
    generatorMW: Float32Array.from(j.generatorMW),
    areaFrequencyHz: Float32Array.from(j.areaFrequencyHz),
  };
}
