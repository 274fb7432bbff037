// Fuzz tests of validateAgainstNetwork (issue 9): events naming random element ids, real ones
// of the bundled FI–EE network, and keys of Object.prototype. The check lists exactly the
// events whose element the network lacks, by path, in one ScenarioValidationError.
import fc from 'fast-check';
import type { Network } from '@finest/grid';
import { afterAll, describe, expect, it } from 'vitest';
// test support of the grid package, shared by the fuzz tests of every parser (test code only)
import {
  attempt,
  FUZZ_TEST_TIMEOUT_MS,
  FuzzTally,
  fuzzRuns,
} from '../../../grid/src/test-support/fuzz.ts';
import { parseScenario } from '../parse-scenario.ts';
import { expectRefusal, library, networks } from '../test-support/scenario-fuzz.ts';
import { validateAgainstNetwork } from './validate.ts';

const fiEe = networks.get('fi-ee')!;
const tally = new FuzzTally('scenario-validate');
afterAll(() => tally.report());

describe('validateAgainstNetwork under fuzzing', () => {
  it(
    'names the path of every element id the network lacks, and only those',
    () => {
      const refs: Record<string, (id: string) => unknown> = {
        trip: (id) => ({ type: 'trip', at: 0, element: { kind: 'branch', id } }),
        derate: (id) => ({ type: 'derate', at: 0, generator: id, PmaxMW: 1 }),
        'set-hvdc': (id) => ({ type: 'set-hvdc', at: 0, link: id, MW: 1 }),
        'activate-reserve': (id) => ({
          type: 'activate-reserve',
          at: 0,
          bus: id,
          MW: 1,
          name: 'r',
        }),
        'scale-demand': (id) => ({ type: 'scale-demand', at: 0, scope: { area: id }, factor: 2 }),
      };
      const known = new Set([
        ...fiEe.branches.map((b) => b.id),
        ...fiEe.generators.map((g) => g.id),
        ...fiEe.hvdcLinks.map((h) => h.id),
        ...fiEe.buses.flatMap((b) => [b.id, b.area]),
      ]);
      const idArb = fc.oneof(
        fc.string({ minLength: 1, maxLength: 120 }),
        fc.constantFrom(...known, '__proto__', 'constructor', 'toString'),
      );
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.constantFrom(...Object.keys(refs)), idArb), {
            minLength: 1,
            maxLength: 5,
          }),
          (events) => {
            tally.count('element ids');
            const s = parseScenario({
              ...(library[0] as object),
              events: events.map(([t, id]) => refs[t]!(id)),
            });
            const out = attempt(() => validateAgainstNetwork(s, fiEe));
            const unknown = events.flatMap(([t, id], k) => (isKnown(fiEe, t, id) ? [] : [k]));
            tally.outcome(out.ok ? 'all ids known' : 'unknown ids listed');
            if (out.ok) {
              expect(unknown).toEqual([]);
              return;
            }
            const err = expectRefusal(out.error, s.id);
            expect(err.issues.map((i) => Number(/^events\[(\d+)\]/.exec(i.path)![1]))).toEqual(
              unknown,
            );
          },
        ),
        { seed: 9_404, numRuns: fuzzRuns(300) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

/** Whether an id is in the network as the element an event of type `t` names. */
function isKnown(net: Network, t: string, id: string): boolean {
  const ids: Record<string, string[]> = {
    trip: net.branches.map((b) => b.id),
    derate: net.generators.map((g) => g.id),
    'set-hvdc': net.hvdcLinks.map((h) => h.id),
    'activate-reserve': net.buses.map((b) => b.id),
    'scale-demand': net.buses.map((b) => b.area),
  };
  return ids[t]!.includes(id);
}
