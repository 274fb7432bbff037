// Security checks over every route of the OpenAPI document, so a route added later is covered
// without a new test: with a write token set, every POST/PUT/DELETE without it is refused
// (401) and changes nothing; every route that takes a body refuses one past the limit (413);
// and the static web app never serves a file outside its folder, however the path is encoded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, TEST_SCENARIO, testServer, type TestServer } from './testing/app.ts';
import { tempDir } from './testing/temp-dir.ts';

const TOKEN = 'route-check-token-0123456789';
const BODY_LIMIT = 16 * 1024;

let s: TestServer;
let writes: { method: string; url: string }[];
const site = tempDir('finest-site-');
const SECRET = 'top-secret-outside-the-web-root';

beforeAll(async () => {
  const dist = join(site.path, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>twin</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(site.path, 'secret.txt'), SECRET);
  s = await testServer({
    token: TOKEN,
    webDistDir: dist,
    limits: { bodyBytes: BODY_LIMIT, uploadBytes: BODY_LIMIT },
  });
  const doc = (await s.app.inject({ url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => m !== 'get')
      .map((m) => ({ method: m.toUpperCase(), url: path.replace(/\{[^}]+\}/g, 'fi-ee') })),
  );
});
afterAll(async () => {
  await s.close();
  site.remove();
});

describe('every write route', () => {
  it('needs the token (401), and a refused write changes nothing', async () => {
    expect(writes.length).toBeGreaterThanOrEqual(8);
    const before = (await s.app.inject({ url: '/api/scenarios' })).body;
    for (const { method, url } of writes) {
      const res = await s.app.inject({
        method: method as 'POST',
        url,
        payload: { ...TEST_SCENARIO, id: 'sneaky' },
      });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json(), `${method} ${url}`).toMatchObject({ code: 'FINEST_UNAUTHORIZED' });
    }
    expect((await s.app.inject({ url: '/api/scenarios' })).body).toBe(before);
    expect((await s.app.inject({ url: '/api/runs' })).json()).toEqual({ runs: [] });
  });

  it('refuses a body past the limit (413), JSON or text', async () => {
    for (const { method, url } of writes.filter((w) => w.method !== 'DELETE')) {
      for (const [type, payload] of [
        ['application/json', JSON.stringify({ pad: 'x'.repeat(BODY_LIMIT) })],
        ['text/plain', 'x'.repeat(BODY_LIMIT + 1)],
      ] as const) {
        const res = await s.app.inject({
          method: method as 'POST',
          url,
          headers: { ...AUTH(TOKEN), 'content-type': type },
          payload,
        });
        // JSON is taken everywhere: 413; text only by the upload, elsewhere 415
        const expected = type === 'application/json' ? [413] : [413, 415];
        expect(expected, `${method} ${url} ${type}: ${res.statusCode}`).toContain(res.statusCode);
      }
    }
  });
});

describe('the static web app', () => {
  it('serves its own files and never one outside its folder', async () => {
    expect((await s.app.inject({ url: '/assets/app.js' })).statusCode).toBe(200);
    for (const url of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/../../secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%252e%252e/secret.txt',
      '/assets/app.js%00.html',
      '//secret.txt',
    ]) {
      const res = await s.app.inject({ url });
      expect(res.body, url).not.toContain(SECRET);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });
});
