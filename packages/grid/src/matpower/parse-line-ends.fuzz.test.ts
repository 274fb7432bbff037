// Fuzz tests of the MATPOWER reader (issue 9): a case reads the same whatever its line ends
// (LF, CR LF, a lone CR as old Mac editors write) and with or without a UTF-8 byte order mark
// (Windows editors): the same network, or the same refusal at the same line.
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { FUZZ_TEST_TIMEOUT_MS, FuzzTally, fuzzRuns } from '../test-support/fuzz.ts';
import { readChecked } from '../test-support/matpower-checks.ts';
import { applyMutation, mutationArb } from '../test-support/matpower-mutations.ts';
import {
  describeOnCases,
  readSharedCase,
  sharedCaseFiles,
} from '../test-support/shared-matpower.ts';

const CASES = ['case9.m', 'case14.m', 'case30.m', 'case118.m'].filter((f) =>
  sharedCaseFiles.includes(f),
);
const texts = CASES.map(readSharedCase);
const tally = new FuzzTally('matpower-line-ends');
afterAll(() => tally.report());

const VARIANTS: Record<string, (lf: string) => string> = {
  'CR LF': (lf) => lf.replace(/\n/g, '\r\n'),
  CR: (lf) => lf.replace(/\n/g, '\r'),
  BOM: (lf) => `\ufeff${lf}`,
};

describeOnCases('MATPOWER reader: line ends and byte order mark', () => {
  it(
    'reads a case, mutated or not, the same with every line end and with a BOM',
    () => {
      fc.assert(
        fc.property(
          fc.nat(Math.max(0, CASES.length - 1)),
          fc.array(mutationArb, { maxLength: 2 }),
          fc.constantFrom(...Object.keys(VARIANTS)),
          (base, mutations, variant) => {
            tally.count(variant);
            const lf = mutations.reduce(applyMutation, texts[base]!).replace(/\r\n?/g, '\n');
            const expected = readChecked(lf, 'ends.m', tally);
            const actual = readChecked(VARIANTS[variant]!(lf), 'ends.m');
            if (expected instanceof Error)
              expect(actual).toMatchObject({ message: expected.message });
            else expect(actual).toEqual(expected);
          },
        ),
        { seed: 9_101, numRuns: fuzzRuns(600) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
