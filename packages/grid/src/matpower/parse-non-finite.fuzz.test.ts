// Fuzz tests of the MATPOWER reader (issue 9): NaN and ±Inf in any column of a bus, gen or
// branch row. NaN is refused everywhere, naming its line and column. ±Inf is accepted where
// MATPOWER reads it as "no limit" — generator Qmax, Qmin, Pmax, Pmin and the columns after Pmin,
// branch ratings (+Inf; RATE_A ≥ 1e10 is unconstrained in MATPOWER's OPF) and angle limits —
// and in result columns the reader ignores; anywhere else it is refused at its line.
// Reference: MATPOWER manual, appendix B (CASEFORMAT); lib/opf_setup.m (limits it ignores).
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { MatpowerParseError } from '../errors.ts';
import { FUZZ_TEST_TIMEOUT_MS, FuzzTally, fuzzRuns } from '../test-support/fuzz.ts';
import { readChecked } from '../test-support/matpower-checks.ts';
import { replaceCell } from '../test-support/matpower-mutations.ts';
import {
  describeOnCases,
  readSharedCase,
  sharedCaseFiles,
} from '../test-support/shared-matpower.ts';
import { matpowerToNetwork } from './to-network.ts';
import { parseMatpower } from './parse.ts';

const CASES = ['case9.m', 'case30.m', 'case118.m'].filter((f) => sharedCaseFiles.includes(f));
const texts = CASES.map(readSharedCase);
const tally = new FuzzTally('matpower-non-finite');
afterAll(() => tally.report());

const NAN = ['NaN', 'nan', '-NaN', '+NaN'];
const INF = ['Inf', '+Inf', '-Inf', 'inf', '-inf', '1e400', '-1e400', '1e309'];

/** Where ±Inf may stand, by matrix and 0-based column, and the network field it lands in. */
function infinityField(field: string, col: number, sign: number): string | null | undefined {
  if (field === 'bus') return col >= 13 ? null : undefined;
  if (field === 'gen')
    return { 3: 'Qmax', 4: 'Qmin', 8: 'Pmax', 9: 'Pmin' }[col] ?? (col >= 10 ? null : undefined);
  if (field === 'branch') {
    if (col >= 5 && col <= 7) return sign > 0 ? ['rateA', 'rateB', 'rateC'][col - 5] : undefined;
    return { 11: 'angmin', 12: 'angmax' }[col] ?? (col >= 13 ? null : undefined);
  }
  return undefined;
}

describeOnCases('MATPOWER reader: NaN and Inf in every column', () => {
  it(
    'refuses NaN with its line and column, and takes ±Inf only where MATPOWER means no limit',
    () => {
      fc.assert(
        fc.property(
          fc.nat(Math.max(0, CASES.length - 1)),
          fc.constantFrom('bus', 'gen', 'branch'),
          fc.nat(),
          fc.nat(),
          fc.constantFrom(...NAN, ...INF),
          (base, field, row, col, token) => {
            tally.count(NAN.includes(token) ? 'NaN' : 'Inf');
            const cell = replaceCell(texts[base]!, field, row, col, token)!;
            const out = readChecked(cell.text, 'inf.m', tally);
            if (NAN.includes(token)) {
              expect(out).toBeInstanceOf(MatpowerParseError);
              expect(out).toMatchObject({ line: cell.line, column: cell.column });
              expect((out as Error).message).toMatch(/NaN is not allowed/);
              return;
            }
            const sign = token.startsWith('-') ? -1 : 1;
            const where = infinityField(field, cell.col, sign);
            if (where === undefined) {
              expect(out, `${field} column ${cell.col + 1}`).toBeInstanceOf(MatpowerParseError);
              expect((out as MatpowerParseError).line).toBe(cell.line);
              return;
            }
            expect(out, `${field} column ${cell.col + 1}`).not.toBeInstanceOf(Error);
            if (where === null) return;
            const capped = matpowerToNetwork(parseMatpower(cell.text, 'inf.m'), {
              infinityAs: 1e5,
            });
            const valueIn = (net: unknown): unknown => {
              const list = field === 'gen' ? 'generators' : 'branches';
              return (net as Record<string, Record<string, unknown>[]>)[list]![cell.index]![where];
            };
            expect(valueIn(out)).toBe(sign * Infinity);
            expect(valueIn(capped)).toBe(sign * 1e5);
          },
        ),
        { seed: 9_201, numRuns: fuzzRuns(600) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
