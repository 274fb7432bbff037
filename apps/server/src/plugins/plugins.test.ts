import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../testing/app.ts';
import { tempDir } from '../testing/temp-dir.ts';

describe('OpenAPI', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
  });
  afterAll(() => s.close());

  it('describes every route from the zod schemas', async () => {
    const res = await s.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { properties?: object } }> } }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/networks',
        '/api/networks/{id}',
        '/api/networks/{id}/n1',
        '/api/geo',
        '/api/geo/{layer}',
        '/api/scenarios',
        '/api/scenarios/{id}',
        '/api/scenarios/{id}/duplicate',
        '/api/runs',
        '/api/runs/{id}',
        '/api/runs/{id}/log',
        '/api/runs/{id}/frames',
        '/api/runs/{id}/export.json',
        '/api/runs/{id}/export.csv',
        '/api/compare',
      ]),
    );
    expect(paths.some((p) => p.startsWith('/docs') || p === '/ws')).toBe(false);
    const body =
      doc.paths['/api/scenarios']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(body.properties ?? {})).toEqual(
      expect.arrayContaining(['events', 'durationS', 'start']),
    );
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await s.app.inject({ url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

describe('the web app', () => {
  it('says how to build it when it is not built', async () => {
    const s = await testServer();
    const res = await s.app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build -w @finest/web');
    await s.close();
  });

  it('serves the built app, index.html for page paths, JSON 404 under /api', async () => {
    const dist = tempDir();
    mkdirSync(join(dist.path, 'assets'));
    writeFileSync(join(dist.path, 'index.html'), '<!doctype html><title>twin</title>');
    writeFileSync(join(dist.path, 'assets', 'app.js'), 'console.log(1)');
    const s = await testServer({ webDistDir: dist.path });
    try {
      expect((await s.app.inject({ url: '/' })).body).toContain('<title>twin</title>');
      expect((await s.app.inject({ url: '/assets/app.js' })).body).toBe('console.log(1)');
      expect((await s.app.inject({ url: '/compare/a/b' })).body).toContain('<title>twin</title>');
      const missing = await s.app.inject({ url: '/assets/nope.js' });
      expect(missing.statusCode).toBe(404);
      const api = await s.app.inject({ url: '/api/nothing' });
      expect(api.json()).toMatchObject({ statusCode: 404, code: 'FINEST_NOT_FOUND' });
      const escape = await s.app.inject({ url: '/..%2F..%2Fpackage.json' });
      expect(escape.statusCode).toBeGreaterThanOrEqual(400);
      expect(escape.body).not.toContain('"workspaces"');
    } finally {
      await s.close();
      dist.remove();
    }
  });
});
