// Sweeps through the server: POST /api/sweeps (checked first: a bad sweep is a 400 naming the
// field, nothing stored), progress over the WebSocket, the aggregate, runs, one run's KPIs,
// CSV/JSON exports, a run opened in the twin giving the same KPIs, a repeat POST answered from
// the store, resume after a restart, delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SweepExportSchema,
  SweepResultSchema,
  type RunDetails,
  type SweepInfo,
  type SweepRunResult,
  type SweepRunRow,
} from '@finest/protocol';
import { testServer, waitForRun, type TestServer } from '../testing/app.ts';
import { TestClient } from '../testing/ws-client.ts';

const SPEC = {
  scenarioIds: ['estlink2-2024-12-25'],
  hours: '0-8759:2190',
  operator: ['on', 'off'],
};

let s: TestServer;
let client: TestClient;
let sweep: SweepInfo;
beforeAll(async () => {
  s = await testServer({ listen: true });
  client = await TestClient.connect(s.wsUrl);
  const res = await s.app.inject({ method: 'POST', url: '/api/sweeps', payload: SPEC });
  expect(res.statusCode, res.body).toBe(202);
  sweep = (res.json() as { sweep: SweepInfo }).sweep;
  client.send({ type: 'watch-sweep', sweepId: sweep.id });
  await client.waitFor('sweep', (m) => m.sweep.status === 'done', 120_000);
}, 180_000);
afterAll(async () => {
  await client?.close();
  await s?.close();
});

describe('sweeps over REST and the WebSocket', () => {
  it('plans 2 variants × 4 hours and reports progress until done', () => {
    expect(sweep).toMatchObject({ jobs: 8, mode: 'in-process' });
    const states = client.received.flatMap((r) =>
      r.kind === 'json' && r.msg.type === 'sweep' ? [r.msg.sweep] : [],
    );
    expect(states[0]!.id).toBe(sweep.id);
    expect(states.at(-1)).toMatchObject({ status: 'done', finished: 8, failed: 0 });
    // finished counts never go backwards
    const counts = states.map((x) => x.finished);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
  });

  it('serves the aggregate, the runs and one run with its KPIs', async () => {
    const agg = SweepResultSchema.parse(
      (await s.app.inject({ url: `/api/sweeps/${sweep.id}/aggregate` })).json(),
    );
    expect(agg.complete).toBe(true);
    expect(agg.aggregates.map((g) => [g.variant, g.done])).toEqual([
      ['operator=on', 4],
      ['operator=off', 4],
    ]);
    const runs = (await s.app.inject({ url: `/api/sweeps/${sweep.id}/runs` })).json() as {
      runs: SweepRunRow[];
      profileStart: string;
    };
    expect(runs.runs.map((r) => r.hour)).toEqual([0, 2190, 4380, 6570, 0, 2190, 4380, 6570]);
    expect(runs.profileStart).toMatch(/^2015-01-01/);
    const one = (
      await s.app.inject({ url: `/api/sweeps/${sweep.id}/runs/${runs.runs[1]!.key}` })
    ).json() as SweepRunResult;
    expect(one.kpis?.countries.EE).toBeDefined();
    const list = (await s.app.inject({ url: '/api/sweeps' })).json() as { sweeps: SweepInfo[] };
    expect(list.sweeps.map((x) => x.id)).toContain(sweep.id);
  });

  it('exports CSV and JSON', async () => {
    const csv = await s.app.inject({ url: `/api/sweeps/${sweep.id}/export.csv` });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/^scenario,variant,hour,time,seed,status/);
    const json = SweepExportSchema.parse(
      (await s.app.inject({ url: `/api/sweeps/${sweep.id}/export.json` })).json(),
    );
    expect(json.runs).toHaveLength(8);
    expect(json.result.complete).toBe(true);
  });

  it('opens one run in the twin: the same inputs, the same KPIs', async () => {
    const runs = (await s.app.inject({ url: `/api/sweeps/${sweep.id}/runs` })).json() as {
      runs: SweepRunRow[];
    };
    const key = runs.runs[5]!.key;
    const res = await s.app.inject({
      method: 'POST',
      url: `/api/sweeps/${sweep.id}/runs/${key}/open`,
    });
    expect(res.statusCode, res.body).toBe(202);
    const run = (res.json() as { run: { id: string; startTime: string } }).run;
    const done: RunDetails = await waitForRun(s.app, run.id, 60_000);
    expect(done.status).toBe('done');
    const swept = (
      await s.app.inject({ url: `/api/sweeps/${sweep.id}/runs/${key}` })
    ).json() as SweepRunResult;
    expect(done.kpis).toEqual(swept.kpis);
    expect(done.run.startTime).toBe(swept.startTime);
  }, 90_000);

  it('answers a repeated sweep from the store', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/sweeps',
      payload: { ...SPEC, title: 'again' },
    });
    expect(res.statusCode).toBe(202);
    expect((res.json() as { sweep: SweepInfo }).sweep).toMatchObject({
      id: sweep.id,
      status: 'done',
      finished: 8,
    });
  });

  it('refuses bad sweeps with 400 naming the field, storing nothing', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...SPEC, scenarioIds: ['no-such'] }, 'body.scenarioIds.0', /scenario 'no-such' not found/],
      [{ ...SPEC, hours: '0-9000' }, 'body.hours', /hour 9000 .* outside the profile/],
      [
        { ...SPEC, set: [{ path: 'options.nope', values: [1] }] },
        'body.set',
        /options\.nope is not a field/,
      ],
      [{ ...SPEC, set: [{ path: 'start', values: [1] }] }, 'body.set.0.path', /start hour/],
      [{ ...SPEC, seeds: 'x' }, 'body.seeds', /not a seed/],
    ];
    for (const [payload, path, message] of cases) {
      const res = await s.app.inject({ method: 'POST', url: '/api/sweeps', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const body = res.json() as { code: string; message: string; issues: { path: string }[] };
      expect(body.code).toBe('FINEST_SWEEP_INVALID');
      expect(body.message).toMatch(message);
      expect(body.issues[0]!.path).toBe(path);
    }
    const bad = await s.app.inject({
      method: 'POST',
      url: '/api/sweeps',
      payload: { ...SPEC, topology: ['x'] },
    });
    expect(bad.statusCode).toBe(400);
    // a misspelt field ("axes" for "set") is refused by name, not dropped
    const typo = await s.app.inject({
      method: 'POST',
      url: '/api/sweeps',
      payload: { ...SPEC, axes: [{ path: 'options.seed', values: [1] }] },
    });
    expect(typo.statusCode).toBe(400);
    expect((typo.json() as { issues: { message: string }[] }).issues[0]!.message).toBe(
      'Unrecognized key: "axes"',
    );
    const list = (await s.app.inject({ url: '/api/sweeps' })).json() as { sweeps: SweepInfo[] };
    expect(list.sweeps).toHaveLength(1);
  });

  it('says when a watched sweep is unknown', async () => {
    const from = client.received.length;
    client.send({ type: 'watch-sweep', sweepId: 'sw-nope' });
    const err = await client.waitFor('error', (m) => m.ref === 'watch-sweep', 5000, from);
    expect(err.code).toBe('FINEST_NOT_FOUND');
  });
});

describe('a sweep interrupted by a restart', () => {
  it('resumes from what is stored and finishes', async () => {
    const spec = { scenarioIds: ['estlink2-2024-12-25'], hours: '100-8759:1460', title: 'resume' };
    const first = await s.app.inject({ method: 'POST', url: '/api/sweeps', payload: spec });
    const id = (first.json() as { sweep: SweepInfo }).sweep.id;
    await client.close();
    await s.app.close();
    s = await s.restart();
    const end = Date.now() + 120_000;
    let info: SweepInfo;
    for (;;) {
      info = ((await s.app.inject({ url: `/api/sweeps/${id}` })).json() as { info: SweepInfo })
        .info;
      if (info.status === 'done' || Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(info).toMatchObject({ status: 'done', finished: 6, jobs: 6 });
    const del = await s.app.inject({ method: 'DELETE', url: `/api/sweeps/${id}` });
    expect(del.statusCode).toBe(204);
    expect((await s.app.inject({ url: `/api/sweeps/${id}` })).statusCode).toBe(404);
  }, 180_000);
});
