// Fuzz tests of the binary frame codec (issue 9): random bytes, and encoded frames and frame packs
// truncated, bit-flipped, with header fields overwritten, extended, or at an odd offset in a
// larger buffer. decodeFrame and splitFrames give what the bytes hold or throw FrameDecodeError,
// never a RangeError out of a DataView, never a loop without end or an allocation larger than
// the bytes; and what encodeFrame writes decodes to the same frame.
import fc from 'fast-check';
import type { Frame } from '@finest/scenario/schema';
import { afterAll, describe, expect, it } from 'vitest';
// test support of the grid package, shared by the fuzz tests of every parser (test code only)
import {
  attempt,
  FUZZ_TEST_TIMEOUT_MS,
  FuzzTally,
  fuzzRuns,
  HANG_BOUND_MS,
} from '../../grid/src/test-support/fuzz.ts';
import { decodeFrame, encodeFrame, FrameDecodeError, isFrameMessage } from './frame-codec.ts';
import { joinFrames, splitFrames } from './frame-pack.ts';

const tally = new FuzzTally('protocol-frames');
afterAll(() => tally.report());

const floats = (n: number) =>
  fc.array(fc.float(), { minLength: n, maxLength: n }).map((a) => Float32Array.from(a));
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

/** A frame of up to 20 buses and branches, 5 HVDC links, 20 generators and 4 areas. */
const frameArb: fc.Arbitrary<Frame> = fc
  .tuple(fc.nat(20), fc.nat(20), fc.nat(5), fc.nat(20), fc.nat(4))
  .chain(([nBus, nBranch, nHvdc, nGen, nArea]) =>
    fc.record({
      tick: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      t: fc.double({ noNaN: true, noDefaultInfinity: true }), // decodeFrame refuses a time that is not finite
      keyframe: fc.boolean(),
      busVm: floats(nBus),
      busVa: floats(nBus),
      busLoadMW: floats(nBus),
      busShedMW: floats(nBus),
      branchFlowMW: floats(nBranch),
      branchLoadingPct: floats(nBranch),
      branchStatus: bytes(nBranch),
      hvdcMW: floats(nHvdc),
      hvdcStatus: bytes(nHvdc),
      generatorMW: floats(nGen),
      areaFrequencyHz: floats(nArea),
    }),
  );
const runIdArb = fc.string({ unit: 'grapheme', maxLength: 40 });

/** header offsets of the run id length and (for a 1-byte id) the five counts */
const HEADER_U32 = [0, 4, 8, 12, 24, 28, 32, 36, 40, 44];
const damage = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({
    kind: fc.constant('u32' as const),
    at: fc.constantFrom(...HEADER_U32),
    value: fc.oneof(
      fc.constantFrom(0, 1, 3, 4, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff),
      fc.nat(),
    ),
  }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
);
type Damage = typeof damage extends fc.Arbitrary<infer D> ? D : never;

function applyDamage(data: Uint8Array, d: Damage): Uint8Array {
  const out = data.slice();
  switch (d.kind) {
    case 'truncate':
      return out.subarray(0, d.at % (out.length + 1));
    case 'flip':
      if (out.length > 0) out[d.at % out.length]! ^= 1 << d.bit;
      return out;
    case 'u32':
      if (d.at + 4 <= out.length) new DataView(out.buffer).setUint32(d.at, d.value, true);
      return out;
    case 'append': {
      const longer = new Uint8Array(out.length + d.bytes.length);
      longer.set(out);
      longer.set(d.bytes, out.length);
      return longer;
    }
  }
}

/** The same bytes at an odd offset of a larger buffer, as a Node Buffer from a socket may be. */
function atOffset(data: Uint8Array, offset: number): Uint8Array {
  const big = new Uint8Array(data.length + offset + 3);
  big.set(data, offset);
  return big.subarray(offset, offset + data.length);
}

function expectDecodeError(err: unknown, prefix: 'frame' | 'frames'): void {
  if (!(err instanceof FrameDecodeError)) throw err;
  expect(err.name).toBe('FrameDecodeError');
  expect(err.code).toBe('FINEST_FRAME_DECODE');
  expect(err.message.startsWith(`${prefix}: `), err.message).toBe(true);
}

/** Decodes, checks the outcome either way; a decoded frame never claims more than the bytes. */
function checkDecode(data: Uint8Array): void {
  expect(typeof isFrameMessage(data)).toBe('boolean');
  const out = attempt(() => decodeFrame(data));
  // a hang detector, not a speed check (see HANG_BOUND_MS)
  expect(out.ms).toBeLessThan(HANG_BOUND_MS);
  tally.outcome(out.ok ? 'frame' : 'refused');
  if (!out.ok) return expectDecodeError(out.error, 'frame');
  const f = out.value.frame;
  const nBus = f.busVm.length;
  const nBranch = f.branchFlowMW.length;
  const [nHvdc, nGen, nArea] = [f.hvdcMW.length, f.generatorMW.length, f.areaFrequencyHz.length];
  const payload = 4 * (4 * nBus + 2 * nBranch + nHvdc + nGen + nArea) + nBranch + nHvdc;
  expect(payload + 48).toBeLessThanOrEqual(data.byteLength);
  expect([f.busVa, f.busLoadMW, f.busShedMW].map((a) => a.length)).toEqual([nBus, nBus, nBus]);
  expect([f.branchLoadingPct.length, f.branchStatus.length]).toEqual([nBranch, nBranch]);
  expect(f.hvdcStatus.length).toBe(nHvdc);
  expect(Number.isInteger(f.tick) && f.tick >= 0 && f.tick < 2 ** 32).toBe(true);
}

describe('frame codec under fuzzing', () => {
  it(
    'decodes what it encodes',
    () => {
      fc.assert(
        fc.property(runIdArb, frameArb, fc.nat(7), (runId, frame, offset) => {
          tally.count('round trip');
          const back = decodeFrame(atOffset(encodeFrame(runId, frame), offset));
          expect(back).toEqual({
            runId,
            tick: frame.tick,
            t: frame.t,
            keyframe: frame.keyframe,
            frame,
          });
        }),
        { seed: 9_501, numRuns: fuzzRuns(500) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'decodes damaged frames or refuses them with FrameDecodeError',
    () => {
      fc.assert(
        fc.property(
          runIdArb,
          frameArb,
          fc.array(damage, { minLength: 1, maxLength: 4 }),
          fc.nat(7),
          (runId, frame, damages, offset) => {
            tally.count('damaged frame');
            checkDecode(atOffset(damages.reduce(applyDamage, encodeFrame(runId, frame)), offset));
          },
        ),
        { seed: 9_502, numRuns: fuzzRuns(1500) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'decodes random bytes, with or without the magic number, or refuses them',
    () => {
      const magic = Uint8Array.of(0x31, 0x46, 0x45, 0x46);
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, withMagic) => {
          tally.count('random bytes');
          const data = withMagic ? Uint8Array.from([...magic, ...bytes]) : bytes;
          checkDecode(data);
        }),
        { seed: 9_503, numRuns: fuzzRuns(1000) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'splits damaged and random packs into views that cover the bytes, or refuses them',
    () => {
      const pack = fc
        .array(fc.tuple(runIdArb, frameArb), { maxLength: 4 })
        .map((fs) => joinFrames(fs.map(([id, f]) => encodeFrame(id, f))));
      fc.assert(
        fc.property(
          fc.oneof(pack, fc.uint8Array({ maxLength: 200 })),
          fc.array(damage, { maxLength: 3 }),
          fc.nat(7),
          (bytes, damages, offset) => {
            tally.count('pack');
            const data = atOffset(damages.reduce(applyDamage, bytes), offset);
            const out = attempt(() => splitFrames(data));
            expect(out.ms).toBeLessThan(HANG_BOUND_MS);
            if (!out.ok) return expectDecodeError(out.error, 'frames');
            const covered = out.value.reduce((n, part) => n + 4 + part.byteLength, 0);
            expect(covered).toBe(data.byteLength);
            for (const part of out.value) {
              expect(part.buffer).toBe(data.buffer);
              checkDecode(part);
            }
          },
        ),
        { seed: 9_504, numRuns: fuzzRuns(800) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
