// Fuzz tests of the scenario reader at its limits (issue 9): fields nested up to 200,000 deep
// (built as JSON text) and arrays far past their maximum. A refusal names the field, comes in
// bounded time and does not run out of stack.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
// test support of the grid package, shared by the fuzz tests of every parser (test code only)
import {
  attempt,
  FUZZ_TEST_TIMEOUT_MS,
  FuzzTally,
  fuzzRuns,
  HANG_BOUND_MS,
} from '../../grid/src/test-support/fuzz.ts';
import { deepJson } from '../../grid/src/test-support/json-mutations.ts';
import { parseScenario } from './parse-scenario.ts';
import { expectRefusal, library } from './test-support/scenario-fuzz.ts';

const tally = new FuzzTally('scenario-limits');
afterAll(() => tally.report());

describe('scenario reader: deep nesting and huge arrays', () => {
  it(
    'refuses a field nested a hundred thousand deep without running out of stack',
    () => {
      fc.assert(
        fc.property(
          fc.nat(library.length - 1),
          fc.constantFrom('tags', 'events', 'start', 'options', 'sources', 'durationS', 'extra'),
          fc.integer({ min: 1_000, max: 200_000 }),
          fc.boolean(),
          (base, field, depth, objects) => {
            tally.count('deep nesting');
            const doc = JSON.stringify({ ...(library[base] as object), [field]: 0 });
            const text = doc.replace(`"${field}":0`, `"${field}":${deepJson(depth, objects)}`);
            const out = attempt(() => parseScenario(JSON.parse(text), 'deep.json'));
            expect(out.ms, 'parse time (ms)').toBeLessThan(HANG_BOUND_MS);
            tally.outcome(out.ok ? 'valid' : 'refused');
            // deep values in an object field sit under unknown keys and are dropped
            if (!out.ok)
              expect(expectRefusal(out.error, 'deep.json').issues[0]!.path).toMatch(
                new RegExp(`^${field}`),
              );
            else expect(field === 'extra' || (objects && field === 'options')).toBe(true);
          },
        ),
        { seed: 9_405, numRuns: fuzzRuns(40) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'refuses arrays past their limit, however long, naming the array',
    () => {
      const small = { type: 'trip', at: 0, element: { kind: 'branch', id: 'x' } };
      fc.assert(
        fc.property(
          fc.nat(library.length - 1),
          fc.constantFrom('events', 'tags'),
          fc.integer({ min: 1, max: 100_000 }),
          (base, field, extra) => {
            tally.count('huge array');
            const limit = field === 'events' ? 10_000 : 20;
            const item = field === 'events' ? small : 'tag';
            const doc = { ...(library[base] as object), [field]: Array(limit + extra).fill(item) };
            const out = attempt(() => parseScenario(doc, 'huge.json'));
            expect(out.ms, 'parse time (ms)').toBeLessThan(HANG_BOUND_MS);
            tally.outcome(out.ok ? 'valid' : 'refused');
            const issues = expectRefusal(out.ok ? null : out.error, 'huge.json').issues;
            expect(issues.map((i) => i.path)).toContain(field);
          },
        ),
        { seed: 9_406, numRuns: fuzzRuns(20) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
