// Fuzz of the WebSocket: random messages on one connection (mutated valid calls of every type,
// random JSON, text that is not JSON, binary), each followed by a ping. Every message is
// answered in order (the pong comes back, in bounded time), errors are in the catalogue's
// shape without server internals, and the connection stays open; a message past the size
// limit closes only that connection (1009). Another viewer is unaffected throughout.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '@finest/protocol';
import {
  startRun,
  TEST_SCENARIO,
  testServer,
  waitForRun,
  type TestServer,
} from '../testing/app.ts';
import { expectNoInternals, fuzzRuns, reportFuzzCounts } from '../testing/fuzz.ts';
import { TestClient } from '../testing/ws-client.ts';

const RUNS = fuzzRuns(600);
const HANG_MS = 5_000;
const MESSAGE_LIMIT = 64 * 1024;

let s: TestServer;
let runId: string;
beforeAll(async () => {
  s = await testServer({ listen: true, limits: { wsMessageBytes: MESSAGE_LIMIT } });
  runId = await startRun(s.app);
  await waitForRun(s.app, runId);
}, 60_000);
afterAll(() => s.close());

const validMessages = (id: string): Record<string, unknown>[] => [
  { type: 'subscribe', runId: id, fromTick: 3 },
  { type: 'unsubscribe', runId: id },
  { type: 'play', runId: id },
  { type: 'pause', runId: id },
  { type: 'speed', runId: id, speed: 600 },
  { type: 'seek', runId: id, t: 120 },
  { type: 'start', scenarioId: 'estlink2-2024-12-25', autoplay: false },
  { type: 'start', scenario: { ...TEST_SCENARIO, durationS: 120 }, autoplay: false },
  {
    type: 'branch',
    runId: id,
    atS: 60,
    events: [{ type: 'trip', at: 60, element: { kind: 'hvdc', id: 'H14816' } }],
  },
  { type: 'ping', id: 1 },
];

const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(1e308, -0, 2 ** 53 + 1, NaN, '', 'x'.repeat(20_000), null, [], {}),
  fc.string({ maxLength: 30 }),
);

const arbitraryMessage = (id: string): fc.Arbitrary<string | Buffer> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...validMessages(id)),
          // one of the message's own fields (by index), or a new one
          fc.oneof(fc.nat(), fc.string({ maxLength: 12 })),
          hostile,
        )
        .map(([msg, field, value]) => {
          const keys = Object.keys(msg);
          const k = typeof field === 'number' ? keys[field % keys.length]! : field;
          return JSON.stringify({ ...msg, [k]: value });
        }),
    },
    { weight: 1, arbitrary: fc.constantFrom(...validMessages(id)).map((m) => JSON.stringify(m)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"type":',
        '[',
        '"',
        '{"type":"subscribe","runId":"' + 'x'.repeat(5000) + '"}',
      ),
    },
  );

function checkErrors(messages: ServerMessage[], where: string): number {
  let errors = 0;
  for (const m of messages) {
    if (m.type !== 'error') continue;
    errors++;
    expect(m.code, where).toMatch(/^FINEST_[A-Z_]+$/);
    expect(typeof m.message, where).toBe('string');
    expectNoInternals(JSON.stringify(m), where);
  }
  return errors;
}

describe('WebSocket fuzz', () => {
  it(`answers ${RUNS} random messages in order and keeps the connection`, async () => {
    const fuzzer = await TestClient.connect(s.wsUrl);
    const bystander = await TestClient.connect(s.wsUrl);
    bystander.send({ type: 'subscribe', runId });
    let tried = 0;
    let errors = 0;
    let pingId = 1000;
    await fc.assert(
      fc.asyncProperty(arbitraryMessage(runId), async (message) => {
        tried++;
        const from = fuzzer.json().length;
        fuzzer.sendRaw(message);
        const id = ++pingId;
        fuzzer.send({ type: 'ping', id });
        const where = `after ${String(message).slice(0, 120)}`;
        await fuzzer.waitFor('pong', (p) => p.id === id, HANG_MS);
        errors += checkErrors(fuzzer.json().slice(from), where);
        expect(fuzzer.closed, where).toBeUndefined();
      }),
      { numRuns: RUNS, seed: 11_2026, endOnFailure: true },
    );
    bystander.send({ type: 'ping', id: 1 });
    await bystander.waitFor('pong', (p) => p.id === 1);
    expect(bystander.closed).toBeUndefined();
    expect(tried).toBe(RUNS);
    reportFuzzCounts('websocket', { inputs: tried, errorsAnswered: errors });
    await fuzzer.close();
    await bystander.close();
  }, 600_000);

  it('closes only the connection that sends a message past the size limit (1009)', async () => {
    const big = await TestClient.connect(s.wsUrl);
    const other = await TestClient.connect(s.wsUrl);
    big.sendRaw('x'.repeat(MESSAGE_LIMIT + 1));
    for (let i = 0; i < 200 && !big.closed; i++) await new Promise((r) => setTimeout(r, 10));
    expect(big.closed?.code).toBe(1009);
    other.send({ type: 'ping', id: 7 });
    await other.waitFor('pong', (p) => p.id === 7);
    await other.close();
  });
});
