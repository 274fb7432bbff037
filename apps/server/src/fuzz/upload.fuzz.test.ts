// Fuzz of MATPOWER uploads end to end: case9 mutated as the reader's own fuzz tests mutate
// cases (truncations, odd numbers, wrong column counts, broken bytes, unknown fields …) and
// posted to /api/networks. Every upload is stored (201, then readable and deletable) or
// refused with 400 naming the uploaded file and line, never anything else; the networks stored
// before are unchanged and the database passes its integrity check.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMutation,
  mutationArb,
} from '../../../../packages/grid/src/test-support/matpower-mutations.ts';
import { DB_FILE } from '../store/open-db.ts';
import { testServer, type TestServer } from '../testing/app.ts';
import { CASE9 } from '../testing/case9.ts';
import { expectNoInternals, fuzzRuns, reportFuzzCounts } from '../testing/fuzz.ts';

const RUNS = fuzzRuns(1000);
const HANG_MS = 5_000;

let s: TestServer;
let before: string;
beforeAll(async () => {
  s = await testServer();
  await s.app.inject({
    method: 'POST',
    url: '/api/networks?name=keeper',
    headers: { 'content-type': 'text/plain' },
    payload: CASE9,
  });
  before = (await s.app.inject({ url: '/api/networks/keeper' })).body;
});
afterAll(() => s.close());

describe('MATPOWER upload fuzz', () => {
  it(`stores or refuses ${RUNS} mutated cases with the file and line`, async () => {
    const outcomes = { stored: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const text = mutations.reduce(applyMutation, CASE9);
        const started = performance.now();
        const res = await s.app.inject({
          method: 'POST',
          url: '/api/networks?name=fuzz',
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          payload: text,
        });
        expect(performance.now() - started, 'hung').toBeLessThan(HANG_MS);
        expectNoInternals(res.body, 'upload');
        if (res.statusCode === 201) {
          outcomes.stored++;
          const { id } = (res.json() as { network: { id: string } }).network;
          expect((await s.app.inject({ url: `/api/networks/${id}` })).statusCode).toBe(200);
          const del = await s.app.inject({ method: 'DELETE', url: `/api/networks/${id}` });
          expect(del.statusCode).toBe(204);
          return;
        }
        outcomes.refused++;
        expect(res.statusCode, res.body).toBe(400);
        const err = res.json() as { code: string; message: string };
        expect(['FINEST_MATPOWER_PARSE', 'FINEST_NETWORK_INVALID', 'FINEST_BAD_REQUEST']).toContain(
          err.code,
        );
        if (err.code === 'FINEST_MATPOWER_PARSE') expect(err.message).toMatch(/^fuzz\.m:\d+/);
      }),
      { numRuns: RUNS, seed: 13_2026, endOnFailure: true },
    );
    expect((await s.app.inject({ url: '/api/networks/keeper' })).body).toBe(before);
    const db = new Database(join(s.dataDir, DB_FILE), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(outcomes.stored + outcomes.refused).toBe(RUNS);
    reportFuzzCounts('matpower-upload', { inputs: RUNS, ...outcomes });
  }, 600_000);
});
