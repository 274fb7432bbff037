// Fuzz tests of the WebSocket message schemas (issue 9): every call of the contract, and inline
// scenarios from the library, with fields dropped, renamed and retyped, huge numbers, grown
// arrays, nesting; random JSON values; random text through JSON.parse. safeParse gives a valid
// message or issues with paths — it never throws, never hangs, never writes into its input — and
// a valid message holds only what JSON carries (no NaN or ±Infinity) and reads back the same.
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
// test support of the grid and scenario packages, shared by the fuzz tests of every parser
import {
  attempt,
  FUZZ_TEST_TIMEOUT_MS,
  FuzzTally,
  fuzzRuns,
  HANG_BOUND_MS,
} from '../../grid/src/test-support/fuzz.ts';
import {
  applyJsonMutation,
  deepFreeze,
  jsonMutationArb,
} from '../../grid/src/test-support/json-mutations.ts';
import { library } from '../../scenario/src/test-support/scenario-fuzz.ts';
import { ClientMessageSchema, ServerMessageSchema } from './messages.ts';

const tally = new FuzzTally('protocol-messages');
afterAll(() => tally.report());

const trip = { type: 'trip', at: 60, element: { kind: 'hvdc', id: 'estlink-2' } };
const CLIENT_SEEDS: unknown[] = [
  { type: 'subscribe', runId: 'r1', fromTick: 12 },
  { type: 'unsubscribe', runId: 'r1' },
  { type: 'start', scenarioId: 'estlink-2', networkId: 'fi-ee', seed: 3, autoplay: false },
  ...library.map((scenario) => ({ type: 'start', scenario })),
  { type: 'play', runId: 'r1' },
  { type: 'pause', runId: 'r1' },
  { type: 'speed', runId: 'r1', speed: 60 },
  { type: 'seek', runId: 'r1', t: 120 },
  { type: 'branch', runId: 'r1', atS: 60, events: [trip] },
  { type: 'ping', id: 1 },
];
const time = '2025-01-01T00:00:00.000Z';
const SERVER_SEEDS: unknown[] = [
  { type: 'welcome', protocolVersion: 1, serverTime: time },
  { type: 'run-created', runId: 'r2', parentRunId: 'r1' },
  { type: 'progress', runId: 'r1', fraction: 0.5, ticks: 10 },
  { type: 'state', runId: 'r1', playing: true, speed: 60, t: 0, tick: -1, serverTimeMs: 1 },
  { type: 'log', runId: 'r1', entries: [], replace: true },
  { type: 'end', runId: 'r1', ticks: 10 },
  { type: 'error', code: 'FINEST_WS_BAD_MESSAGE', message: 'x', ref: 'seek' },
  { type: 'pong', id: 3, serverTime: time },
];
// prettier-ignore
const TYPES = [
  'subscribe', 'unsubscribe', 'start', 'play', 'pause', 'speed', 'seek', 'branch', 'ping',
  'welcome', 'run', 'log', 'kpis', 'progress', 'state', 'end', 'error', 'pong', 'launch',
];

/** safeParse of one value: checks the outcome either way. */
function checkMessage(schema: z.ZodType, json: unknown): void {
  // frozen: a schema writing into its input would throw a TypeError here
  const before = JSON.stringify(deepFreeze(json));
  const out = attempt(() => schema.safeParse(json));
  // a hang detector, not a speed check (see HANG_BOUND_MS)
  expect(out.ms).toBeLessThan(HANG_BOUND_MS);
  if (!out.ok) throw out.error;
  expect(JSON.stringify(json), 'the input is left as it was').toBe(before);
  const result = out.value;
  tally.outcome(result.success ? 'valid' : 'refused');
  if (!result.success) {
    expect(result.error.issues.length).toBeGreaterThan(0);
    for (const i of result.error.issues) {
      expect(i.path.every((p) => typeof p === 'string' || typeof p === 'number')).toBe(true);
      expect(i.message.length).toBeGreaterThan(0);
    }
    return;
  }
  // sent on as JSON: NaN or ±Infinity would come back as null and fail the schema
  const text = JSON.stringify(result.data);
  expect(JSON.stringify(schema.parse(JSON.parse(text)))).toBe(text);
}

const randomValue = fc.oneof(fc.jsonValue(), fc.anything());
const property = (schema: z.ZodType, seeds: unknown[], name: string) =>
  fc.property(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .tuple(
            fc.constantFrom(...seeds),
            fc.array(jsonMutationArb(TYPES), { minLength: 1, maxLength: 4 }),
          )
          .map(([seed, ms]) => ms.reduce(applyJsonMutation, seed)),
      },
      { weight: 1, arbitrary: randomValue },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constantFrom(...TYPES),
          runId: randomValue,
          t: randomValue,
        }),
      },
    ),
    (json) => {
      tally.count(name);
      checkMessage(schema, json);
    },
  );

describe('WebSocket message schemas under fuzzing', () => {
  it(
    'reads mutated and random client messages into valid ones or issues with paths',
    () => {
      fc.assert(property(ClientMessageSchema, CLIENT_SEEDS, 'client message'), {
        seed: 9_601,
        numRuns: fuzzRuns(1200),
      });
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'reads mutated and random server messages into valid ones or issues with paths',
    () => {
      fc.assert(property(ServerMessageSchema, SERVER_SEEDS, 'server message'), {
        seed: 9_602,
        numRuns: fuzzRuns(600),
      });
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'reads random text as the server does: JSON.parse, then the schema',
    () => {
      const text = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.json(),
        fc.constantFrom(...CLIENT_SEEDS).map((m) => JSON.stringify(m).slice(0, -1)),
      );
      fc.assert(
        fc.property(text, (t) => {
          tally.count('client text');
          const json = attempt(() => JSON.parse(t) as unknown);
          if (json.ok) checkMessage(ClientMessageSchema, json.value);
          else {
            expect(json.error).toBeInstanceOf(SyntaxError);
            tally.outcome('invalid JSON');
          }
        }),
        { seed: 9_603, numRuns: fuzzRuns(800) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
