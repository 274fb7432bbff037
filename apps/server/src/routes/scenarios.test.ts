import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, ScenarioEnvelope, ScenarioSummary } from '@finest/protocol';
import { testServer, TEST_SCENARIO, type TestServer } from '../testing/app.ts';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(() => s.close());

const list = async (): Promise<ScenarioSummary[]> =>
  ((await s.app.inject({ url: '/api/scenarios' })).json() as { scenarios: ScenarioSummary[] })
    .scenarios;

describe('scenarios', () => {
  it('lists the built-in library with the builtIn flag', async () => {
    const all = await list();
    const builtIn = all.filter((x) => x.builtIn).map((x) => x.id);
    expect(builtIn).toContain('estlink2-2024-12-25');
    expect(builtIn.length).toBeGreaterThanOrEqual(9);
    const one = (
      await s.app.inject({ url: '/api/scenarios/estlink2-2024-12-25' })
    ).json() as ScenarioEnvelope;
    expect(one.builtIn).toBe(true);
    expect(one.scenario.events.length).toBeGreaterThan(0);
  });

  it('creates, reads, replaces and deletes a user scenario', async () => {
    const created = await s.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      payload: TEST_SCENARIO,
    });
    expect(created.statusCode).toBe(201);
    const env = created.json() as ScenarioEnvelope;
    expect(env).toMatchObject({ builtIn: false, scenario: { id: 'test-estlink2', stepS: 60 } });
    expect(env.scenario.options.seed).toBe(1); // defaults are filled in
    expect((await list()).find((x) => x.id === 'test-estlink2')).toMatchObject({
      builtIn: false,
      events: 2,
    });

    const put = await s.app.inject({
      method: 'PUT',
      url: '/api/scenarios/test-estlink2',
      payload: { ...TEST_SCENARIO, title: 'Renamed' },
    });
    expect(put.statusCode).toBe(200);
    const got = (
      await s.app.inject({ url: '/api/scenarios/test-estlink2' })
    ).json() as ScenarioEnvelope;
    expect(got.scenario.title).toBe('Renamed');
    expect(got.updatedAt).toBeDefined();

    expect(
      (
        await s.app.inject({ method: 'POST', url: '/api/scenarios', payload: TEST_SCENARIO })
      ).json(),
    ).toMatchObject({
      statusCode: 409,
      code: 'FINEST_CONFLICT',
    });
    expect(
      (await s.app.inject({ method: 'DELETE', url: '/api/scenarios/test-estlink2' })).statusCode,
    ).toBe(204);
    expect((await s.app.inject({ url: '/api/scenarios/test-estlink2' })).statusCode).toBe(404);
    expect(
      (await s.app.inject({ method: 'DELETE', url: '/api/scenarios/test-estlink2' })).statusCode,
    ).toBe(404);
  });

  it('answers an invalid scenario with 400 and the path of every bad field', async () => {
    const bad = {
      ...TEST_SCENARIO,
      id: 'Bad Id',
      durationS: -5,
      events: [
        { type: 'trip', at: -1, element: { kind: 'hvdc', id: 'H14816' } },
        { type: 'explode', at: 10 },
        { type: 'set-hvdc', at: 5, link: 'H14816', MW: 'lots' },
      ],
    };
    const res = await s.app.inject({ method: 'POST', url: '/api/scenarios', payload: bad });
    expect(res.statusCode).toBe(400);
    const body = res.json() as ApiError;
    expect(body.code).toBe('FINEST_BAD_REQUEST');
    const paths = body.issues!.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.id',
        'body.durationS',
        'body.events.0.at',
        'body.events.1.type',
        'body.events.2.MW',
      ]),
    );
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|\/work\//);
    expect((await list()).find((x) => x.id === 'Bad Id')).toBeUndefined();
  });

  it('keeps the built-in library read-only; duplicate it to edit', async () => {
    const put = await s.app.inject({
      method: 'PUT',
      url: '/api/scenarios/estlink2-2024-12-25',
      payload: { ...TEST_SCENARIO, id: 'estlink2-2024-12-25' },
    });
    expect(put.json()).toMatchObject({ statusCode: 403, code: 'FINEST_READ_ONLY' });
    expect(
      (await s.app.inject({ method: 'DELETE', url: '/api/scenarios/estlink2-2024-12-25' }))
        .statusCode,
    ).toBe(403);
    const shadow = await s.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      payload: { ...TEST_SCENARIO, id: 'estlink2-2024-12-25' },
    });
    expect(shadow.statusCode).toBe(409);

    const dup = await s.app.inject({
      method: 'POST',
      url: '/api/scenarios/estlink2-2024-12-25/duplicate',
    });
    expect(dup.statusCode).toBe(201);
    const copy = (dup.json() as ScenarioEnvelope).scenario;
    expect(copy.id).toBe('estlink2-2024-12-25-copy');
    expect(copy.events).toEqual(
      (
        (
          await s.app.inject({ url: '/api/scenarios/estlink2-2024-12-25' })
        ).json() as ScenarioEnvelope
      ).scenario.events,
    );
    const again = await s.app.inject({
      method: 'POST',
      url: '/api/scenarios/estlink2-2024-12-25/duplicate',
    });
    expect((again.json() as ScenarioEnvelope).scenario.id).toBe('estlink2-2024-12-25-copy-2');
    const named = await s.app.inject({
      method: 'POST',
      url: '/api/scenarios/estlink2-2024-12-25/duplicate',
      payload: { id: 'my-copy', title: 'Mine' },
    });
    expect((named.json() as ScenarioEnvelope).scenario).toMatchObject({
      id: 'my-copy',
      title: 'Mine',
    });
    const edit = await s.app.inject({
      method: 'PUT',
      url: '/api/scenarios/my-copy',
      payload: { ...copy, id: 'my-copy', durationS: 1800 },
    });
    expect(edit.statusCode).toBe(200);
  });

  it('refuses a PUT whose body names another id', async () => {
    await s.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      payload: { ...TEST_SCENARIO, id: 'one' },
    });
    const res = await s.app.inject({
      method: 'PUT',
      url: '/api/scenarios/one',
      payload: { ...TEST_SCENARIO, id: 'two' },
    });
    expect(res.json()).toMatchObject({ statusCode: 400, issues: [{ path: 'body.id' }] });
  });

  it('answers malformed JSON with 400 FINEST_BAD_JSON', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: { 'content-type': 'application/json' },
      payload: '{"schemaVersion": 1,',
    });
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'FINEST_BAD_JSON' });
  });
});
