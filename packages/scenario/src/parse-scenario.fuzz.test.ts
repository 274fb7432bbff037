// Fuzz tests of the scenario reader (issue 9): the library scenarios (data/scenarios) with
// fields dropped, renamed and retyped, odd numbers and strings, grown arrays, nesting, events of
// every type, times past the end, and broken JSON text; and random JSON values. parseScenario
// gives a valid scenario or a ScenarioValidationError listing paths, never another exception, in
// bounded time, without touching its input; validateAgainstNetwork the same on what it accepts.
import fc from 'fast-check';
import type { Network } from '@finest/grid';
import { afterAll, describe, expect, it } from 'vitest';
// test support of the grid package, shared by the fuzz tests of every parser (test code only)
import {
  attempt,
  FUZZ_TEST_TIMEOUT_MS,
  FuzzTally,
  fuzzRuns,
  HANG_BOUND_MS,
} from '../../grid/src/test-support/fuzz.ts';
import {
  applyJsonMutation,
  applyTextMutation,
  deepFreeze,
  jsonMutationArb,
  textMutationArb,
} from '../../grid/src/test-support/json-mutations.ts';
import { validateAgainstNetwork } from './engine/validate.ts';
import { parseScenario } from './parse-scenario.ts';
import type { Scenario } from './schema/scenario.ts';
import { expectRefusal, library, networks } from './test-support/scenario-fuzz.ts';

const fiEe = networks.get('fi-ee')!;
const tally = new FuzzTally('scenario-parse');
afterAll(() => tally.report());

/** One event of every type, and option blocks the library does not use, to mutate in place. */
// prettier-ignore
const TEMPLATES: unknown[] = [
  { type: 'trip', at: 10, element: { kind: 'substation', id: fiEe.buses[0]!.id } },
  { type: 'restore', at: 20, element: { kind: 'generator', id: fiEe.generators[0]!.id } },
  { type: 'derate', at: 30, generator: fiEe.generators[1]!.id, PmaxMW: 100 },
  { type: 'set-hvdc', at: 0, link: fiEe.hvdcLinks[0]!.id, MW: -500 },
  { type: 'scale-demand', at: 0, scope: { country: 'FI' }, temperatureDeltaC: -20 },
  { type: 'scale-demand', at: 0, scope: { area: 'nordic' }, factor: 1.1 },
  { type: 'activate-reserve', at: 60, bus: fiEe.buses[1]!.id, MW: 250, rampS: 30, name: 'Kiisa' },
  { type: 'redispatch', at: 5, generator: fiEe.generators[2]!.id, MW: 0 },
  { ufls: { nordic: [{ frequencyHz: 48.8, shedPct: 5 }] }, seed: 7, restoreDelayS: 0 },
  { protection: { enabled: false, instantaneousPct: 150 }, temperatureSensitivityMWPerC: { FI: 50 } },
  'trip', 'restore', 'scale-demand', 'branch', 'hvdc', 'generator', 'substation', 'nordic', 'FI',
  'no-such-element', '2025-02-08T09:00:00+02:00', 'https://example.org/x', 'pre-2025', 86_400 * 7,
];

/** Checks what parseScenario made of a value: a sound scenario or a proper refusal. */
function checkParse(json: unknown): void {
  // frozen: a reader that wrote into its input would throw a TypeError here
  const before = JSON.stringify(deepFreeze(json));
  const out = attempt(() => parseScenario(json, 'fuzz.json'));
  // a hang detector, not a speed check (see HANG_BOUND_MS)
  expect(out.ms, 'parse time (ms)').toBeLessThan(HANG_BOUND_MS);
  expect(JSON.stringify(json), 'the input is left as it was').toBe(before);
  tally.outcome(out.ok ? 'valid' : 'refused');
  if (!out.ok) {
    expectRefusal(out.error, 'fuzz.json');
    return;
  }
  const s = out.value;
  for (const e of s.events) expect(e.at).toBeLessThanOrEqual(s.durationS);
  // a valid scenario survives JSON (no NaN or ±Infinity) and reads back the same
  expect(JSON.stringify(parseScenario(JSON.parse(JSON.stringify(s))))).toBe(JSON.stringify(s));
  checkAgainstNetwork(s, networks.get(s.network) ?? fiEe);
}

function checkAgainstNetwork(s: Scenario, net: Network): void {
  const out = attempt(() => validateAgainstNetwork(s, net));
  if (out.ok) return;
  const err = expectRefusal(out.error, s.id);
  for (const issue of err.issues) expect(issue.path).toMatch(/^events\[\d+\]\./);
}

const scenarioArb = fc.record({
  base: fc.nat(library.length - 1),
  mutations: fc.array(jsonMutationArb(TEMPLATES), { minLength: 1, maxLength: 4 }),
});

describe('scenario reader under fuzzing', () => {
  it('reads every library scenario (the seeds of the fuzzing)', () => {
    for (const s of library) checkParse(s);
  });

  it(
    'reads a mutated scenario into a valid one or lists the bad paths',
    () => {
      fc.assert(
        fc.property(scenarioArb, ({ base, mutations }) => {
          tally.count('mutated value');
          checkParse(mutations.reduce(applyJsonMutation, library[base]));
        }),
        { seed: 9_401, numRuns: fuzzRuns(1200) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'reads mutated scenario text: invalid JSON stays with JSON.parse, the rest as above',
    () => {
      fc.assert(
        fc.property(
          fc.nat(library.length - 1),
          fc.array(textMutationArb, { minLength: 1, maxLength: 3 }),
          (base, mutations) => {
            tally.count('mutated text');
            const text = mutations.reduce(
              applyTextMutation,
              JSON.stringify(library[base], null, 1),
            );
            const json = attempt(() => JSON.parse(text) as unknown);
            if (json.ok) checkParse(json.value);
            else {
              expect(json.error).toBeInstanceOf(SyntaxError);
              tally.outcome('invalid JSON');
            }
          },
        ),
        { seed: 9_402, numRuns: fuzzRuns(800) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'reads random JSON values',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (json) => {
          tally.count('random value');
          checkParse(json);
        }),
        { seed: 9_403, numRuns: fuzzRuns(500) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
