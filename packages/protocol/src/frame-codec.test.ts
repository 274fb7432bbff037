import { describe, expect, it } from 'vitest';
import type { Frame } from '@finest/scenario/schema';
import {
  decodeFrame,
  decodeFrameHeader,
  encodeFrame,
  FrameDecodeError,
  isFrameMessage,
} from './frame-codec.ts';
import { frameFromJson, frameToJson, joinFrames, splitFrames } from './frame-pack.ts';

function frame(tick: number, keyframe = false): Frame {
  return {
    tick,
    t: tick * 60.5,
    keyframe,
    busVm: Float32Array.of(1, 0.98, 1.02),
    busVa: Float32Array.of(0, -3.5, 2.25),
    busLoadMW: Float32Array.of(100, 0, 50),
    busShedMW: Float32Array.of(0, 0, 12.5),
    branchFlowMW: Float32Array.of(80, -20),
    branchLoadingPct: Float32Array.of(40, 10),
    branchStatus: Uint8Array.of(1, 2),
    hvdcMW: Float32Array.of(650),
    hvdcStatus: Uint8Array.of(1),
    generatorMW: Float32Array.of(150, 0),
    areaFrequencyHz: Float32Array.of(49.9, 50),
  };
}

describe('frame codec', () => {
  it('round-trips a frame with its run id, tick, time and keyframe flag', () => {
    const bytes = encodeFrame('run-ä1', frame(7, true));
    expect(isFrameMessage(bytes)).toBe(true);
    const back = decodeFrame(bytes);
    expect(back.runId).toBe('run-ä1');
    expect(back.tick).toBe(7);
    expect(back.t).toBe(7 * 60.5);
    expect(back.keyframe).toBe(true);
    expect(frameToJson(back.frame)).toEqual(frameToJson(frame(7, true)));
  });

  it('rejects truncated and foreign bytes with FrameDecodeError', () => {
    const bytes = encodeFrame('r', frame(1));
    expect(() => decodeFrame(bytes.subarray(0, bytes.length - 1))).toThrow(FrameDecodeError);
    expect(() => decodeFrame(bytes.subarray(0, 10))).toThrow(FrameDecodeError);
    expect(() => decodeFrame(new TextEncoder().encode('{"type":"subscribe"}'))).toThrow(/magic/);
    expect(isFrameMessage(new Uint8Array(2))).toBe(false);
  });

  it('rejects corrupt lengths instead of reading past the end', () => {
    const bytes = encodeFrame('r', frame(1));
    const idLen = bytes.slice();
    new DataView(idLen.buffer).setUint32(12, 0xffffffff, true);
    expect(() => decodeFrame(idLen)).toThrow(/truncated/);
    const count = bytes.slice();
    new DataView(count.buffer).setUint32(16 + 4 + 8, 0xfffffff0, true);
    expect(() => decodeFrame(count)).toThrow(/truncated/);
  });

  it('rejects bytes after the frame and a time that is not a number', () => {
    const bytes = encodeFrame('r', frame(1));
    const longer = new Uint8Array(bytes.length + 4);
    longer.set(bytes);
    expect(() => decodeFrame(longer)).toThrow(/4 bytes after the end of the frame/);
    const nan = bytes.slice();
    new DataView(nan.buffer).setFloat64(16 + 4, Number.NaN, true);
    expect(() => decodeFrame(nan)).toThrow(/time is not a finite number/);
  });

  it('decodes a frame that sits at an offset inside a larger buffer', () => {
    const bytes = encodeFrame('r', frame(3));
    const big = new Uint8Array(bytes.length + 8);
    big.set(bytes, 8);
    expect(decodeFrame(big.subarray(8)).tick).toBe(3);
  });

  it('decodes the arrays as views onto the bytes, without copying them', () => {
    const bytes = encodeFrame('run-1', frame(4));
    const { frame: f } = decodeFrame(bytes);
    for (const a of [f.busVm, f.areaFrequencyHz, f.branchStatus, f.hvdcStatus])
      expect(a.buffer).toBe(bytes.buffer);
    // a view: a change to the bytes shows in the frame
    const at = f.busVa.byteOffset;
    new DataView(bytes.buffer).setFloat32(at, 7.5, true);
    expect(f.busVa[0]).toBe(7.5);
  });

  it('copies a frame at an offset that is not a multiple of 4 once, whole, and decodes it', () => {
    for (const offset of [1, 2, 3, 5]) {
      const bytes = encodeFrame('r', frame(9, true));
      const big = new Uint8Array(bytes.length + offset);
      big.set(bytes, offset);
      const back = decodeFrame(big.subarray(offset));
      expect(frameToJson(back.frame)).toEqual(frameToJson(frame(9, true)));
      expect(back.frame.busVm.buffer).not.toBe(big.buffer);
      expect(back.frame.busVm.buffer).toBe(back.frame.hvdcStatus.buffer);
    }
  });

  it('keeps the wire format of protocol version 1 byte for byte', () => {
    // the bytes the layout above specifies, written out independently (Python struct, '<')
    const bytes = encodeFrame('ab', {
      ...frame(2, true),
      busVm: Float32Array.of(1),
      busVa: Float32Array.of(-1.5),
      busLoadMW: Float32Array.of(10),
      busShedMW: Float32Array.of(0),
      branchFlowMW: Float32Array.of(),
      branchLoadingPct: Float32Array.of(),
      branchStatus: Uint8Array.of(),
      hvdcMW: Float32Array.of(650),
      hvdcStatus: Uint8Array.of(2),
      generatorMW: Float32Array.of(),
      areaFrequencyHz: Float32Array.of(50),
    });
    expect(Buffer.from(bytes).toString('hex')).toBe(
      '31464546' +
        '01000000' +
        '02000000' +
        '02000000' +
        '61620000' +
        '0000000000405e40' +
        '01000000' +
        '00000000' +
        '01000000' +
        '00000000' +
        '01000000' +
        '00000000' +
        '0000803f' +
        '0000c0bf' +
        '00002041' +
        '00000000' +
        '00802244' +
        '00004842' +
        '02',
    );
  });
});

describe('frame header', () => {
  it('reads tick, time, flags and counts without the arrays', () => {
    const bytes = encodeFrame('run-7', frame(5, true));
    expect(decodeFrameHeader(bytes)).toEqual({
      runId: 'run-7',
      tick: 5,
      t: 5 * 60.5,
      keyframe: true,
      nBus: 3,
      nBranch: 2,
      nHvdc: 1,
      nGen: 2,
      nArea: 2,
      arraysAt: 16 + 8 + 8 + 24,
      size: bytes.length,
    });
    expect(() => decodeFrameHeader(new TextEncoder().encode('{"type":"state"}'))).toThrow(
      FrameDecodeError,
    );
  });
});

describe('frame packs', () => {
  it('joins and splits frames with a length prefix each', () => {
    const frames = [0, 1, 2].map((k) => encodeFrame('r', frame(k, k === 1)));
    const packed = joinFrames(frames);
    expect(packed.byteLength).toBe(frames.reduce((n, f) => n + 4 + f.byteLength, 0));
    const parts = splitFrames(packed);
    expect(parts.map((p) => decodeFrame(p).tick)).toEqual([0, 1, 2]);
    expect(splitFrames(joinFrames([]))).toEqual([]);
  });

  it('rejects a truncated pack', () => {
    const packed = joinFrames([encodeFrame('r', frame(0))]);
    expect(() => splitFrames(packed.subarray(0, packed.length - 3))).toThrow(FrameDecodeError);
    expect(() => splitFrames(packed.subarray(0, 2))).toThrow(FrameDecodeError);
  });

  it('JSON form round-trips', () => {
    const j = frameToJson(frame(4));
    expect(frameToJson(frameFromJson(j))).toEqual(j);
  });
});
