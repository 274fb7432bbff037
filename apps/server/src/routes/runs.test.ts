import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeFrame,
  splitFrames,
  type CompareResponse,
  type FrameJson,
  type RunDetails,
  type RunListItem,
} from '@finest/protocol';
import type { LogEntry } from '@finest/scenario/schema';
import {
  startRun,
  testServer,
  waitForRun,
  TEST_SCENARIO,
  type TestServer,
} from '../testing/app.ts';

let s: TestServer;
let runId: string;
let done: RunDetails;
beforeAll(async () => {
  s = await testServer();
  runId = await startRun(s.app);
  done = await waitForRun(s.app, runId);
});
afterAll(() => s.close());

describe('runs over REST', () => {
  it('computes a run in the background: 202, then done with KPIs and frames', async () => {
    expect(done.status).toBe('done');
    expect(done.progress).toBe(1);
    expect(done.ticks).toBeGreaterThan(20);
    expect(done.run).toMatchObject({
      scenarioId: 'test-estlink2',
      networkId: 'fi-ee',
      seed: 1,
      kind: 'scenario',
    });
    expect(done.run.layout.hvdcIds).toContain('H14816');
    expect(done.kpis?.countries.FI).toBeDefined();
    const list = (await s.app.inject({ url: '/api/runs' })).json() as { runs: RunListItem[] };
    expect(list.runs.find((r) => r.id === runId)).toMatchObject({
      status: 'done',
      ticks: done.ticks,
    });
  });

  it('returns the event log in plain words', async () => {
    const { entries } = (await s.app.inject({ url: `/api/runs/${runId}/log` })).json() as {
      entries: LogEntry[];
    };
    const trip = entries.find((e) => e.kind === 'trip');
    expect(trip?.t).toBe(364);
    expect(trip?.text).toMatch(/trip/i);
    expect(entries.map((e) => e.t)).toEqual([...entries.map((e) => e.t)].sort((a, b) => a - b));
  });

  it('serves frames by tick range, binary with a length prefix per frame', async () => {
    const res = await s.app.inject({ url: `/api/runs/${runId}/frames?from=5&to=9` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['x-finest-ticks']).toBe(String(done.ticks));
    const frames = splitFrames(new Uint8Array(res.rawPayload)).map(decodeFrame);
    expect(frames.map((f) => f.tick)).toEqual([5, 6, 7, 8, 9]);
    expect(frames.every((f) => f.runId === runId)).toBe(true);
    const times = frames.map((f) => f.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const all = await s.app.inject({ url: `/api/runs/${runId}/frames` });
    const ticks = splitFrames(new Uint8Array(all.rawPayload)).map((f) => decodeFrame(f).tick);
    expect(ticks).toEqual(Array.from({ length: done.ticks }, (_, k) => k));
    const past = await s.app.inject({ url: `/api/runs/${runId}/frames?from=${done.ticks + 5}` });
    expect(past.rawPayload.length).toBe(0);
  });

  it('serves frames as JSON, equal to the binary ones', async () => {
    const res = await s.app.inject({ url: `/api/runs/${runId}/frames?from=3&to=4&format=json` });
    const { frames } = res.json() as { frames: FrameJson[] };
    expect(frames.map((f) => f.tick)).toEqual([3, 4]);
    const bin = await s.app.inject({ url: `/api/runs/${runId}/frames?from=3&to=3` });
    const f3 = decodeFrame(splitFrames(new Uint8Array(bin.rawPayload))[0]!).frame;
    expect(frames[0]!.hvdcMW).toEqual(Array.from(f3.hvdcMW));
    expect(frames[0]!.busVm).toHaveLength(done.run.layout.busIds.length);
  });

  it('rejects bad ranges and bad start bodies with the path of the field', async () => {
    const bad = await s.app.inject({ url: `/api/runs/${runId}/frames?from=-2&format=xml` });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(
      ['querystring.format', 'querystring.from'],
    );
    const both = await s.app.inject({
      method: 'POST',
      url: '/api/runs',
      payload: { scenarioId: 'x', scenario: TEST_SCENARIO },
    });
    expect(both.statusCode).toBe(400);
    const inline = await s.app.inject({
      method: 'POST',
      url: '/api/runs',
      payload: { scenario: { ...TEST_SCENARIO, stepS: 0 }, seed: -3 },
    });
    expect(
      (inline.json() as { issues: { path: string }[] }).issues.map((i) => i.path).sort(),
    ).toEqual(['body.scenario.stepS', 'body.seed']);
    const unknown = await s.app.inject({
      method: 'POST',
      url: '/api/runs',
      payload: { scenarioId: 'no-such' },
    });
    expect(unknown.json()).toMatchObject({ statusCode: 404, code: 'FINEST_NOT_FOUND' });
    const noNet = await s.app.inject({
      method: 'POST',
      url: '/api/runs',
      payload: { scenario: TEST_SCENARIO, networkId: 'atlantis' },
    });
    expect(noNet.statusCode).toBe(404);
  });

  it('rejects a scenario naming elements the network lacks, with their paths', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/runs',
      payload: {
        scenario: {
          ...TEST_SCENARIO,
          events: [{ type: 'trip', at: 10, element: { kind: 'hvdc', id: 'no-such-link' } }],
        },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'FINEST_SCENARIO_INVALID',
      issues: [{ path: 'events[0].element.id' }],
    });
  });

  it('exports CSV (one row per frame) and JSON (inputs, KPIs, log, frames)', async () => {
    const csv = await s.app.inject({ url: `/api/runs/${runId}/export.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trimEnd().split('\n');
    expect(lines).toHaveLength(done.ticks + 1);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 3)).toEqual(['tick', 't_s', 'keyframe']);
    expect(header).toContain('hvdc_MW:H14816');
    expect(header).toContain('shed_MW:FI');
    expect(lines.every((l) => l.split(',').length === header.length)).toBe(true);

    const json = await s.app.inject({ url: `/api/runs/${runId}/export.json` });
    const exp = json.json() as {
      run: { id: string };
      scenario: { id: string };
      log: unknown[];
      frames: FrameJson[];
    };
    expect(exp.run.id).toBe(runId);
    expect(exp.scenario.id).toBe('test-estlink2');
    expect(exp.frames).toHaveLength(done.ticks);
    expect(exp.frames.at(-1)!.tick).toBe(done.ticks - 1);
  });

  it('compares two runs: a different seed or a what-if shows in the differences', async () => {
    const other = await startRun(s.app, {
      scenario: {
        ...TEST_SCENARIO,
        events: [
          ...TEST_SCENARIO.events!,
          { type: 'trip', at: 600, element: { kind: 'hvdc', id: 'H14807' } },
        ],
      },
    });
    await waitForRun(s.app, other);
    const res = await s.app.inject({ url: `/api/compare?a=${runId}&b=${other}` });
    expect(res.statusCode).toBe(200);
    const cmp = res.json() as CompareResponse;
    expect(cmp.a.id).toBe(runId);
    expect(Object.keys(cmp.comparison.countries)).toEqual(expect.arrayContaining(['FI', 'EE']));
    expect(cmp.comparison.countries.FI!.energyNotServedMWh).toHaveProperty('diff');
    const missing = await s.app.inject({ url: `/api/compare?a=${runId}` });
    expect(missing.json()).toMatchObject({ statusCode: 400, issues: [{ path: 'querystring.b' }] });
  });

  it('will not compare a run that is not done', async () => {
    // A fresh run may be done before the request is made, so the run under test is a finished
    // one put back to each unfinished status in the store (what the service reads): every
    // answer must then be 409, and 200 once it is done again.
    const id = await startRun(s.app);
    await waitForRun(s.app, id);
    const db = new Database(`${s.dataDir}/finest.db`);
    try {
      for (const status of ['queued', 'running', 'failed', 'cancelled']) {
        db.prepare('UPDATE runs SET status = ? WHERE id = ?').run(status, id);
        const res = await s.app.inject({ url: `/api/compare?a=${runId}&b=${id}` });
        expect(res.statusCode, status).toBe(409);
        expect(res.json()).toMatchObject({
          code: 'FINEST_RUN_NOT_READY',
          message: `run '${id}' is ${status}, not done`,
        });
      }
      db.prepare("UPDATE runs SET status = 'done' WHERE id = ?").run(id);
      expect((await s.app.inject({ url: `/api/compare?a=${runId}&b=${id}` })).statusCode).toBe(200);
    } finally {
      db.close();
    }
  });

  it('branches a what-if over REST: same inputs before the branch time', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: `/api/runs/${runId}/branch`,
      payload: {
        atS: 600,
        events: [{ type: 'trip', at: 600, element: { kind: 'hvdc', id: 'H14807' } }],
      },
    });
    expect(res.statusCode).toBe(202);
    const { run } = res.json() as { run: { id: string; parentRunId: string; branchAtS: number } };
    expect(run).toMatchObject({ parentRunId: runId, branchAtS: 600 });
    const early = await s.app.inject({
      method: 'POST',
      url: `/api/runs/${runId}/branch`,
      payload: {
        atS: 600,
        events: [{ type: 'trip', at: 10, element: { kind: 'hvdc', id: 'H14807' } }],
      },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({
      code: 'FINEST_SCENARIO_INVALID',
      issues: [{ path: 'events[0].at' }],
    });
    await waitForRun(s.app, run.id);
  });

  it('deletes a run with its frames and log, also while it is computing', async () => {
    const id = await startRun(s.app);
    expect((await s.app.inject({ method: 'DELETE', url: `/api/runs/${id}` })).statusCode).toBe(204);
    for (const url of [`/api/runs/${id}`, `/api/runs/${id}/log`, `/api/runs/${id}/frames`])
      expect((await s.app.inject({ url })).statusCode, url).toBe(404);
    const db = new Database(`${s.dataDir}/finest.db`, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM run_frames WHERE run_id = ?').get(id)).toEqual({
      n: 0,
    });
    db.close();
  });
});
