import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startRun,
  testServer,
  waitForRun,
  TEST_SCENARIO,
  type TestServer,
} from '../testing/app.ts';
import { CASE9 } from '../testing/case9.ts';


let s: TestServer;
beforeAll(async () => {
  s = await testServer({ limits: { uploadBytes: 64 * 1024 } });
});
afterAll(() => s.close());

describe('networks', () => {
  it('lists the bundled networks, read-only', async () => {
    const res = await s.app.inject({ url: '/api/networks' });
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { networks: { id: string; builtIn: boolean }[] }).networks;
    expect(ids.filter((n) => n.builtIn).map((n) => n.id)).toEqual(['fi-ee', 'fi', 'ee']);
  });

  it('gets a network with bus coordinates for the map', async () => {
    const res = await s.app.inject({ url: '/api/networks/fi-ee' });
    expect(res.statusCode).toBe(200);
    const net = res.json() as { buses: { lon?: number; lat?: number }[]; hvdcLinks: unknown[] };
    expect(net.buses.length).toBeGreaterThan(50);
    expect(net.buses.every((b) => typeof b.lon === 'number' && typeof b.lat === 'number')).toBe(
      true,
    );
    expect(net.hvdcLinks.length).toBeGreaterThan(0);
  });

  it('uploads a MATPOWER case as text/plain, lists, gets and deletes it', async () => {
    const up = await s.app.inject({
      method: 'POST',
      url: '/api/networks?name=Case%209',
      headers: { 'content-type': 'text/plain' },
      payload: CASE9,
    });
    expect(up.statusCode).toBe(201);
    const { network } = up.json() as { network: { id: string; buses: number; builtIn: boolean } };
    expect(network).toMatchObject({ id: 'case-9', buses: 9, builtIn: false });
    const list = (await s.app.inject({ url: '/api/networks' })).json() as {
      networks: { id: string }[];
    };
    expect(list.networks.map((n) => n.id)).toContain('case-9');
    const got = await s.app.inject({ url: '/api/networks/case-9' });
    expect((got.json() as { branches: unknown[] }).branches).toHaveLength(9);
    expect((await s.app.inject({ method: 'DELETE', url: '/api/networks/case-9' })).statusCode).toBe(
      204,
    );
    expect((await s.app.inject({ url: '/api/networks/case-9' })).statusCode).toBe(404);
  });

  it('uploads as JSON {name, text}; a second upload of the same name gets a new id', async () => {
    const post = () =>
      s.app.inject({
        method: 'POST',
        url: '/api/networks',
        payload: { name: 'grid.m', text: CASE9 },
      });
    const a = (await post()).json() as { network: { id: string } };
    const b = (await post()).json() as { network: { id: string } };
    expect([a.network.id, b.network.id]).toEqual(['grid', 'grid-2']);
  });

  it('answers a broken case with 400 and the file:line of the fault', async () => {
    const broken = CASE9.replace('4	5	0.017', '4	5	0.017	oops');
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/networks?name=bad',
      headers: { 'content-type': 'text/plain' },
      payload: broken,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; message: string };
    expect(body.code).toBe('FINEST_MATPOWER_PARSE');
    const line = broken.split('\n').findIndex((l) => l.includes('oops')) + 1;
    expect(body.message).toContain(`bad.m:${line}`);
    expect(body.message).not.toMatch(/\/(work|tmp|home)\//);
  });

  it('keeps the message short when the bad token is huge', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/networks?name=long',
      headers: { 'content-type': 'text/plain' },
      payload: CASE9.replace('4	5	0.017', `4	5	0.017	${'z'.repeat(40_000)}`),
    });
    expect(res.statusCode).toBe(400);
    const { message } = res.json() as { message: string };
    expect(message).toMatch(/^long\.m:\d+/);
    expect(message.length).toBeLessThanOrEqual(1001);
  });

  it('refuses uploads over the size limit with 413, and bad JSON bodies with the path', async () => {
    const big = await s.app.inject({
      method: 'POST',
      url: '/api/networks',
      headers: { 'content-type': 'text/plain' },
      payload: CASE9 + '%'.repeat(70 * 1024),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'FINEST_BODY_TOO_LARGE' });
    const noText = await s.app.inject({
      method: 'POST',
      url: '/api/networks',
      payload: { name: 'x' },
    });
    expect(noText.statusCode).toBe(400);
    expect(noText.json()).toMatchObject({ code: 'FINEST_BAD_REQUEST' });
  });

  it('never deletes a bundled network, nor one a stored run used', async () => {
    expect(
      (await s.app.inject({ method: 'DELETE', url: '/api/networks/fi-ee' })).json(),
    ).toMatchObject({
      statusCode: 403,
      code: 'FINEST_READ_ONLY',
    });
    const fiee = JSON.parse(
      readFileSync(new URL('../../../../data/networks/fi-ee.json', import.meta.url), 'utf8'),
    ) as {
      buses: unknown[];
    };
    expect(fiee.buses.length).toBeGreaterThan(0);
    const up = await s.app.inject({
      method: 'POST',
      url: '/api/networks?name=used',
      headers: { 'content-type': 'text/plain' },
      payload: CASE9,
    });
    const id = (up.json() as { network: { id: string } }).network.id;
    const n1 = await s.app.inject({ method: 'POST', url: `/api/networks/${id}/n1` });
    expect(n1.statusCode).toBe(202);
    await waitForRun(s.app, (n1.json() as { run: { id: string } }).run.id);
    const del = await s.app.inject({ method: 'DELETE', url: `/api/networks/${id}` });
    expect(del.statusCode).toBe(409);
    expect(del.json()).toMatchObject({ code: 'FINEST_IN_USE' });
  });

  it('runs an N-1 screening as a run with progress and results by branch id', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/networks/fi-ee/n1' });
    expect(res.statusCode).toBe(202);
    const { run } = res.json() as { run: { id: string; kind: string } };
    expect(run.kind).toBe('n1');
    const done = await waitForRun(s.app, run.id);
    expect(done.status).toBe('done');
    expect(done.progress).toBe(1);
    expect(done.n1?.baseConverged).toBe(true);
    expect(done.n1?.contingencies).toBeGreaterThan(50);
    expect(done.n1?.top[0]?.outage).toMatch(/^[A-Z]/);
    expect(done.n1?.worstOutages.length).toBeGreaterThan(0);
  });

  it('rejects ids that could name a path, before anything is looked up', async () => {
    for (const id of ['..%2F..%2Fetc%2Fpasswd', 'a%00b', 'a%5Cb', 'x'.repeat(150)]) {
      const res = await s.app.inject({ url: `/api/networks/${id}` });
      expect(res.statusCode, id).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'FINEST_BAD_REQUEST',
        issues: [{ path: 'params.id' }],
      });
    }
    expect((await s.app.inject({ url: '/api/networks/..' })).statusCode).toBeGreaterThanOrEqual(
      400,
    );
  });

  it('starts a run of a scenario on a network it names', async () => {
    const id = await startRun(s.app, { scenario: TEST_SCENARIO, networkId: 'fi-ee' });
    expect((await waitForRun(s.app, id)).run.networkId).toBe('fi-ee');
  });
});
