import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { isLoopback, resolveConfig } from './config.ts';
import { ServerConfigError } from './errors.ts';
import { AUTH, testServer, TEST_SCENARIO, type TestServer } from './testing/app.ts';
import { tempDir } from './testing/temp-dir.ts';
import { TestClient } from './testing/ws-client.ts';

const TOKEN = 'a-long-enough-test-token';

describe('listening address and token', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.3.2.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', 'example.org', '128.0.0.1'])
      expect(isLoopback(h), h).toBe(false);
  });

  it('listens on 127.0.0.1 by default, open to local writes', () => {
    const c = resolveConfig({ dataDir: 'x' });
    expect(c).toMatchObject({ host: '127.0.0.1', loopback: true, token: undefined });
  });

  it('refuses to start on another address without a (long enough) token', async () => {
    expect(() => resolveConfig({ dataDir: 'x', host: '0.0.0.0' })).toThrow(ServerConfigError);
    expect(() => resolveConfig({ dataDir: 'x', host: '0.0.0.0', token: 'short' })).toThrow(
      /16 characters/,
    );
    expect(resolveConfig({ dataDir: 'x', host: '0.0.0.0', token: TOKEN }).token).toBe(TOKEN);
    const dir = tempDir();
    await expect(buildApp({ dataDir: dir.path, host: '0.0.0.0' })).rejects.toThrow(/FINEST_TOKEN/);
    dir.remove();
  });
});

describe('with a write token', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer({ token: TOKEN, listen: true, limits: { bodyBytes: 32 * 1024 } });
  });
  afterAll(() => s.close());

  it('reads need no token', async () => {
    expect((await s.app.inject({ url: '/api/scenarios' })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/api/health' })).json()).toMatchObject({
      writesNeedToken: true,
    });
  });

  it('writes without the token, or with a wrong one, get 401 and change nothing', async () => {
    for (const headers of [
      {},
      AUTH('wrong-token-of-some-length'),
      { authorization: TOKEN },
      AUTH(`${TOKEN}x`),
    ]) {
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/scenarios',
        payload: TEST_SCENARIO,
        headers,
      });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.json()).toMatchObject({ code: 'FINEST_UNAUTHORIZED' });
    }
    for (const [method, url] of [
      ['DELETE', '/api/runs/x'],
      ['PUT', '/api/scenarios/x'],
      ['POST', '/api/networks/fi-ee/n1'],
      ['POST', '/api/runs'],
    ] as const)
      expect((await s.app.inject({ method, url, payload: {} })).statusCode, url).toBe(401);
    expect((await s.app.inject({ url: '/api/scenarios/test-estlink2' })).statusCode).toBe(404);
  });

  it('writes with the token succeed', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      payload: TEST_SCENARIO,
      headers: AUTH(TOKEN),
    });
    expect(res.statusCode).toBe(201);
  });

  it('WebSocket start and branch need the token; watching does not', async () => {
    const anon = await TestClient.connect(s.wsUrl);
    anon.send({ type: 'start', scenarioId: 'estlink2-2024-12-25' });
    expect(await anon.waitFor('error')).toMatchObject({
      code: 'FINEST_UNAUTHORIZED',
      ref: 'start',
    });
    anon.send({ type: 'ping', id: 7 });
    expect(await anon.waitFor('pong')).toMatchObject({ id: 7 });

    const viaQuery = await TestClient.connect(`${s.wsUrl}?token=${TOKEN}`);
    viaQuery.send({ type: 'start', scenario: TEST_SCENARIO, autoplay: false });
    const created = await viaQuery.waitFor('run-created');
    const viaHeader = await TestClient.connect(s.wsUrl, { headers: AUTH(TOKEN) });
    viaHeader.send({
      type: 'branch',
      runId: created.runId,
      atS: 100,
      events: [{ type: 'trip', at: 100, element: { kind: 'hvdc', id: 'H14807' } }],
    });
    expect(await viaHeader.waitFor('run-created')).toMatchObject({ parentRunId: created.runId });
    anon.send({ type: 'subscribe', runId: created.runId });
    expect(await anon.waitFor('run')).toMatchObject({ run: { id: created.runId } });
    await Promise.all([anon.close(), viaQuery.close(), viaHeader.close()]);
  });

  it('limits body sizes (413) and content types (415)', async () => {
    const big = await s.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: AUTH(TOKEN),
      payload: { ...TEST_SCENARIO, id: 'big', description: 'x'.repeat(40 * 1024) },
    });
    expect(big.json()).toMatchObject({ statusCode: 413, code: 'FINEST_BODY_TOO_LARGE' });
    const xml = await s.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: { ...AUTH(TOKEN), 'content-type': 'application/xml' },
      payload: '<scenario/>',
    });
    expect(xml.json()).toMatchObject({ statusCode: 415, code: 'FINEST_UNSUPPORTED_MEDIA_TYPE' });
  });

  it('an unexpected failure says FINEST_INTERNAL and nothing about the server', async () => {
    const db = new Database(`${s.dataDir}/finest.db`);
    db.prepare("INSERT INTO scenarios VALUES ('corrupt', '{not json', 'x', 'x')").run();
    db.close();
    const res = await s.app.inject({ url: '/api/scenarios/corrupt' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      statusCode: 500,
      code: 'FINEST_INTERNAL',
      error: 'Internal Server Error',
      message: 'internal error; see the server log',
    });
    expect(res.body).not.toMatch(/SyntaxError|\.ts|\/tmp|\/work|at /);
  });
});

describe('logs and limits', () => {
  it('never writes a WebSocket token into the request log', async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => lines.push(line) };
    const s = await testServer({ token: TOKEN, listen: true, logger: { level: 'info', stream } });
    const c = await TestClient.connect(`${s.wsUrl}?token=${TOKEN}`);
    await c.waitFor('welcome');
    await c.close();
    await s.close();
    expect(lines.join('\n')).toContain('/ws?token=[redacted]');
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('answers 429 when too many runs are computing or waiting', async () => {
    const s = await testServer({ limits: { maxActiveRuns: 1 } });
    try {
      const first = await s.app.inject({
        method: 'POST',
        url: '/api/runs',
        payload: { scenario: TEST_SCENARIO },
      });
      expect(first.statusCode).toBe(202);
      const second = await s.app.inject({
        method: 'POST',
        url: '/api/runs',
        payload: { scenario: TEST_SCENARIO },
      });
      expect(second.json()).toMatchObject({ statusCode: 429, code: 'FINEST_TOO_MANY_RUNS' });
    } finally {
      await s.close();
    }
  });
});
