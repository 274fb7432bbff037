// Fuzz of the REST API: random requests to every route of the OpenAPI document (and to paths
// that are not routes), with random methods, path parameters (traversal, encodings, NUL, too
// long), query strings, content types and bodies (mutated valid scenarios, random JSON, bad
// JSON, text). Every answer is a success or a 4xx in the error catalogue's shape without server
// internals, in bounded time; the server stays up and what was stored before is intact.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../store/open-db.ts';
import { TEST_SCENARIO, testServer, waitForRun, type TestServer } from '../testing/app.ts';
import { expectNoInternals, fuzzRuns, reportFuzzCounts } from '../testing/fuzz.ts';
import { arbitraryBody, arbitraryQuery, arbitrarySegment } from './rest-arbitraries.ts';

const RUNS = fuzzRuns(1500);
/** a hang detector, not a speed check: the slowest route answers in milliseconds */
const HANG_MS = 5_000;

let s: TestServer;
let routes: { method: string; path: string }[];
const canary = { ...TEST_SCENARIO, id: 'canary', title: 'Canary: must survive the fuzz' };
let canaryStored: unknown;
const known: string[] = ['estlink2-2024-12-25', 'fi-ee', 'canary-copy'];

beforeAll(async () => {
  // a small quota-free server with low limits, so size limits are hit often
  s = await testServer({ limits: { bodyBytes: 64 * 1024, uploadBytes: 128 * 1024 } });
  const doc = (await s.app.inject({ url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
  );
  canaryStored = (
    await s.app.inject({ method: 'POST', url: '/api/scenarios', payload: canary })
  ).json();
  const run = await s.app.inject({
    method: 'POST',
    url: '/api/runs',
    payload: { scenario: TEST_SCENARIO },
  });
  const runId = (run.json() as { run: { id: string } }).run.id;
  await waitForRun(s.app, runId);
  known.push(runId);
}, 60_000);
afterAll(() => s.close());

describe('REST fuzz', () => {
  it(`answers ${RUNS} random requests with a success or a catalogued 4xx`, async () => {
    expect(routes.length).toBeGreaterThan(15);
    const statuses = new Map<number, number>();
    let tried = 0;
    const request = fc.record({
      route: fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...routes) },
        {
          weight: 1,
          arbitrary: fc.record({ method: fc.constant('GET'), path: fc.constant('/{x}') }),
        },
      ),
      method: fc.option(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        {
          freq: 5,
        },
      ),
      segment: arbitrarySegment(known),
      query: arbitraryQuery(),
      body: arbitraryBody(canary),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ route, method, segment, query, body }) => {
        tried++;
        const url = route.path.replace(/\{[^}]+\}/g, segment) + query;
        const started = performance.now();
        const res = await s.app.inject({
          method: (method ?? route.method) as 'GET',
          url,
          ...(body.contentType ? { headers: { 'content-type': body.contentType } } : {}),
          ...(body.payload === undefined ? {} : { payload: body.payload }),
        });
        const where = `${method ?? route.method} ${url}`;
        expect(performance.now() - started, `${where} hung`).toBeLessThan(HANG_MS);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, `${where}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        expectNoInternals(res.body, where);
        if (res.statusCode >= 400 && (method ?? route.method) !== 'HEAD') {
          const err = res.json() as { statusCode: number; code: string; message: string };
          expect(err.statusCode, where).toBe(res.statusCode);
          expect(err.code, where).toMatch(/^FINEST_[A-Z_]+$/);
          expect(typeof err.message, where).toBe('string');
        }
      }),
      { numRuns: RUNS, seed: 9_2026, endOnFailure: true },
    );
    // what was stored before the fuzz is intact, and the store passes its checks
    const after = await s.app.inject({ url: '/api/scenarios/canary' });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual(canaryStored);
    expect((await s.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    const db = new Database(join(s.dataDir, DB_FILE), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(tried).toBe(RUNS);
    reportFuzzCounts('rest', {
      inputs: tried,
      routes: routes.length,
      statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
    });
  }, 600_000);
});
