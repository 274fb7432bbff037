// Test support: a server on a temporary data directory (inject() or an ephemeral port), the
// short scenario the tests run, and helpers to wait for runs.
import type { FastifyInstance } from 'fastify';
import type { ScenarioInput } from '@finest/scenario/schema';
import type { RunDetails } from '@finest/protocol';
import { buildApp, type BuildAppOptions } from '../app.ts';
import { tempDir } from './temp-dir.ts';

export interface TestServer {
  app: FastifyInstance;
  dataDir: string;
  /** ws://127.0.0.1:port/ws once listen() was called */
  wsUrl: string;
  /** a new app on the same data directory (the old one must be closed) */
  restart(): Promise<TestServer>;
  close(): Promise<void>;
}

export async function testServer(
  opts: Partial<BuildAppOptions> & { listen?: boolean; dataDir?: string } = {},
): Promise<TestServer> {
  const dir = opts.dataDir === undefined ? tempDir() : undefined;
  const dataDir = opts.dataDir ?? dir!.path;
  const { listen, ...rest } = opts;
  const app = await buildApp({
    ...rest,
    dataDir,
    webDistDir: rest.webDistDir ?? `${dataDir}/no-web`,
  });
  let wsUrl = '';
  if (listen) {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    wsUrl = `${address.replace('http', 'ws')}/ws`;
  } else await app.ready();
  return {
    app,
    dataDir,
    wsUrl,
    restart: () => testServer({ ...opts, dataDir }),
    close: async () => {
      await app.close();
      dir?.remove();
    },
  };
}

/** Estlink 2 tripping at 364 s, 20 minutes long: a run of about a hundred frames. */
export const TEST_SCENARIO: ScenarioInput = {
  schemaVersion: 1,
  id: 'test-estlink2',
  title: 'Test: Estlink 2 trips',
  network: 'fi-ee',
  topology: 'pre-2025',
  start: { time: '2024-12-25T12:20:00+02:00' },
  durationS: 1200,
  stepS: 60,
  events: [
    { type: 'set-hvdc', at: 0, link: 'H14816', MW: 658 },
    { type: 'trip', at: 364, element: { kind: 'hvdc', id: 'H14816' }, cause: 'test' },
  ],
};

export const AUTH = (token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
});

export async function waitForRun(
  app: FastifyInstance,
  id: string,
  timeoutMs = 20_000,
): Promise<RunDetails> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const d = (await app.inject({ url: `/api/runs/${id}` })).json() as RunDetails;
    if (d.status !== 'queued' && d.status !== 'running') return d;
    if (Date.now() > end) throw new Error(`run ${id} still ${d.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startRun(
  app: FastifyInstance,
  body: Record<string, unknown> = { scenario: TEST_SCENARIO },
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/runs', payload: body, headers });
  if (res.statusCode !== 202) throw new Error(`POST /api/runs: ${res.statusCode} ${res.body}`);
  return (res.json() as { run: { id: string } }).run.id;
}
