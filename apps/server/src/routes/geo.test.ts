import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GEO_LAYERS } from '@finest/protocol';
import { testServer, type TestServer } from '../testing/app.ts';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(() => s.close());

describe('geo layers', () => {
  it('lists every layer of the allow-list', async () => {
    const res = await s.app.inject({ url: '/api/geo' });
    expect((res.json() as { layers: { id: string }[] }).layers.map((l) => l.id)).toEqual([
      ...GEO_LAYERS,
    ]);
  });

  it.each(GEO_LAYERS)('serves %s as a GeoJSON FeatureCollection', async (layer) => {
    const res = await s.app.inject({ url: `/api/geo/${layer}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const fc = res.json() as { type: string; features: unknown[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
  });

  it('knows no other name, so no request reaches a file', async () => {
    for (const layer of ['rivers', '..%2Fnetworks%2Ffi-ee', 'land.geojson', '%2Fetc%2Fpasswd']) {
      const res = await s.app.inject({ url: `/api/geo/${layer}` });
      expect(res.statusCode, layer).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'FINEST_BAD_REQUEST',
        issues: [{ path: 'params.layer' }],
      });
    }
  });
});
