// Fuzz tests of loadMatpowerFile (issue 9): case files with broken bytes — invalid UTF-8, NUL,
// a byte order mark, a multi-byte character cut by truncation — load into a sound network or
// are refused with a MatpowerParseError naming the path and a line; never another exception.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { MatpowerParseError } from '../errors.ts';
import {
  attempt,
  FUZZ_TEST_TIMEOUT_MS,
  FuzzTally,
  fuzzRuns,
  HANG_BOUND_MS,
} from '../test-support/fuzz.ts';
import { expectParseError, expectSoundNetwork } from '../test-support/matpower-checks.ts';
import {
  describeOnCases,
  readSharedCase,
  sharedCaseFiles,
} from '../test-support/shared-matpower.ts';
import { loadMatpowerFile } from './load.ts';

const CASES = ['case9.m', 'case30.m'].filter((f) => sharedCaseFiles.includes(f));
const files = CASES.map((f) => new TextEncoder().encode(readSharedCase(f)));
const dir = mkdtempSync(join(tmpdir(), 'finest-load-fuzz-'));
const path = join(dir, 'broken.m');
const tally = new FuzzTally('matpower-load');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  tally.report();
});

/** byte sequences a UTF-8 decoder must cope with: stray continuation bytes, overlong forms… */
// prettier-ignore
const ODD_BYTES = [
  [0x80], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff],
  [0xfe], [0x00], [0xef, 0xbb, 0xbf], [0xc3, 0xa9], [0x0d], [0x0c],
];
const edit = fc.oneof(
  fc.record({ at: fc.nat(), bytes: fc.constantFrom(...ODD_BYTES) }),
  fc.record({ at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 }) }),
  fc.record({ at: fc.nat(), cut: fc.constant(true) }),
);

function applyEdit(
  data: Uint8Array,
  e: { at: number; bytes?: number[]; cut?: boolean },
): Uint8Array {
  const at = e.at % (data.length + 1);
  if (e.cut) return data.subarray(0, at);
  const out = new Uint8Array(data.length + e.bytes!.length);
  out.set(data.subarray(0, at));
  out.set(e.bytes!, at);
  out.set(data.subarray(at), at + e.bytes!.length);
  return out;
}

describeOnCases('loadMatpowerFile under fuzzing', () => {
  it(
    'loads a file with broken bytes into a sound network or names its path and line',
    () => {
      fc.assert(
        fc.property(
          fc.nat(Math.max(0, CASES.length - 1)),
          fc.array(edit, { minLength: 1, maxLength: 3 }),
          (base, edits) => {
            tally.count('broken bytes');
            const bytes = edits.reduce(applyEdit, files[base]!);
            writeFileSync(path, bytes);
            const out = attempt(() => loadMatpowerFile(path));
            // a hang detector, not a speed check (see HANG_BOUND_MS)
            expect(out.ms).toBeLessThan(HANG_BOUND_MS);
            tally.outcome(out.ok ? 'network' : 'refused');
            if (out.ok) return expectSoundNetwork(out.value);
            const err = expectParseError(out.error, path, new TextDecoder().decode(bytes));
            expect(err).toBeInstanceOf(MatpowerParseError);
            expect(err.message.startsWith(`${path}:`)).toBe(true);
          },
        ),
        { seed: 9_301, numRuns: fuzzRuns(200) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
