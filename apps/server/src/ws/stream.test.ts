import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, frameToJson, splitFrames } from '@finest/protocol';
import type { FrameJson } from '@finest/protocol';
import {
  startRun,
  testServer,
  waitForRun,
  TEST_SCENARIO,
  type TestServer,
} from '../testing/app.ts';
import { TestClient } from '../testing/ws-client.ts';

let s: TestServer;
let doneRun: string;
let doneTicks: number;
beforeAll(async () => {
  s = await testServer({ listen: true });
  doneRun = await startRun(s.app);
  doneTicks = (await waitForRun(s.app, doneRun)).ticks;
});
afterAll(() => s.close());

const range = (n: number): number[] => Array.from({ length: n }, (_, k) => k);

async function restFrames(server: TestServer, id: string): Promise<FrameJson[]> {
  const res = await server.app.inject({ url: `/api/runs/${id}/frames?format=json` });
  return (res.json() as { frames: FrameJson[] }).frames;
}

describe('the WebSocket stream', () => {
  it('greets, then streams every frame of a new run in order after its run info', async () => {
    const c = await TestClient.connect(s.wsUrl);
    expect(await c.waitFor('welcome')).toMatchObject({ protocolVersion: 1 });
    c.send({ type: 'start', scenario: TEST_SCENARIO });
    const { runId } = await c.waitFor('run-created');
    c.send({ type: 'speed', runId, speed: 20_000 });
    const end = await c.waitFor('end', (m) => m.runId === runId);
    const ticks = c.frames(runId).map((f) => f.tick);
    expect(ticks).toEqual(range(end.ticks));
    expect(end.ticks).toBe((await waitForRun(s.app, runId)).ticks);
    const times = c.frames(runId).map((f) => f.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // the run info comes before the first frame, the KPIs once it is computed
    const firstFrame = c.received.findIndex((r) => r.kind === 'frame');
    const info = c.received.findIndex((r) => r.kind === 'json' && r.msg.type === 'run');
    expect(info).toBeGreaterThan(-1);
    expect(info).toBeLessThan(firstFrame);
    expect(await c.waitFor('kpis', (m) => m.runId === runId)).toHaveProperty('kpis.countries');
    const log = c.json().flatMap((m) => (m.type === 'log' && m.runId === runId ? m.entries : []));
    expect(log.some((e) => e.kind === 'trip' && e.t === 364)).toBe(true);
    await c.close();
  });

  it('keeps two watchers of one run in sync: same ticks, same playback state', async () => {
    const a = await TestClient.connect(s.wsUrl);
    const b = await TestClient.connect(s.wsUrl);
    a.send({ type: 'subscribe', runId: doneRun });
    b.send({ type: 'subscribe', runId: doneRun });
    await a.waitFor('run');
    await b.waitFor('state');
    a.send({ type: 'speed', runId: doneRun, speed: 6000 });
    a.send({ type: 'play', runId: doneRun });
    expect(await b.waitFor('state', (m) => m.playing)).toMatchObject({ speed: 6000 });
    await Promise.all([a.waitFor('end'), b.waitFor('end')]);
    const ta = a.frames(doneRun).map((f) => f.tick);
    const tb = b.frames(doneRun).map((f) => f.tick);
    expect(ta).toEqual(range(doneTicks));
    expect(tb).toEqual(ta);
    // delivered together: the same frame reaches both within a few ms
    const at = (c: TestClient) => c.received.flatMap((r) => (r.kind === 'frame' ? [r.at] : []));
    const skew = at(a).map((x, k) => Math.abs(x - at(b)[k]!));
    expect(skew.sort((x, y) => x - y)[skew.length >> 1]!).toBeLessThan(30);
    await Promise.all([a.close(), b.close()]);
  });

  it('seeks: every watcher gets the frame at the new time and the log up to it', async () => {
    const a = await TestClient.connect(s.wsUrl);
    const b = await TestClient.connect(s.wsUrl);
    const id = await startRun(s.app);
    await waitForRun(s.app, id);
    a.send({ type: 'subscribe', runId: id });
    b.send({ type: 'subscribe', runId: id });
    await b.waitFor('state');
    const mark = b.received.length;
    a.send({ type: 'seek', runId: id, t: 400 });
    const state = await b.waitFor('state', (m) => m.t === 400, 5000, mark);
    const frames = await restFrames(s, id);
    const expected = frames.filter((f) => f.t <= 400).at(-1)!.tick;
    expect(state.tick).toBe(expected);
    const log = await b.waitFor('log', (m) => m.replace === true, 5000, mark);
    expect(log.entries.every((e) => e.t <= 400)).toBe(true);
    expect(log.entries.some((e) => e.t === 364)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(b.frames(id).at(-1)?.tick).toBe(expected);
    expect(a.frames(id).at(-1)?.tick).toBe(expected);
    await Promise.all([a.close(), b.close()]);
  });

  it('branches a what-if that equals its parent before the branch time and differs after', async () => {
    const c = await TestClient.connect(s.wsUrl);
    c.send({
      type: 'branch',
      runId: doneRun,
      atS: 600,
      events: [{ type: 'trip', at: 600, element: { kind: 'hvdc', id: 'H14807' } }],
    });
    const created = await c.waitFor('run-created');
    expect(created.parentRunId).toBe(doneRun);
    const child = await waitForRun(s.app, created.runId);
    expect(child.run).toMatchObject({ parentRunId: doneRun, branchAtS: 600 });
    const parent = await restFrames(s, doneRun);
    const whatIf = await restFrames(s, created.runId);
    const before = (fs: FrameJson[]) => fs.filter((f) => f.t < 600);
    expect(before(whatIf).length).toBeGreaterThan(5);
    expect(before(whatIf)).toEqual(before(parent));
    const after = (fs: FrameJson[]) => fs.filter((f) => f.t >= 600);
    expect(after(whatIf)).not.toEqual(after(parent));
    const estlink1 = child.run.layout.hvdcIds.indexOf('H14807');
    expect(after(whatIf).at(-1)!.hvdcStatus[estlink1]).not.toBe(1);
    expect(after(parent).at(-1)!.hvdcStatus[estlink1]).toBe(1);
    // and the stream of the what-if can be watched like any run
    c.send({ type: 'subscribe', runId: created.runId });
    expect(await c.waitFor('run', (m) => m.run.id === created.runId)).toMatchObject({
      run: { parentRunId: doneRun },
    });
    await c.close();
  });

  it('resumes after a reconnect from the last tick: no gap, no duplicate', async () => {
    const id = await startRun(s.app);
    const ticks = (await waitForRun(s.app, id)).ticks;
    const a = await TestClient.connect(s.wsUrl);
    a.send({ type: 'subscribe', runId: id });
    await a.waitFor('state');
    a.send({ type: 'speed', runId: id, speed: 1500 });
    a.send({ type: 'play', runId: id });
    while (a.frames(id).length < 8) await new Promise((r) => setTimeout(r, 5));
    await a.close();
    const seen = a.frames(id).map((f) => f.tick);
    const last = seen.at(-1)!;
    await new Promise((r) => setTimeout(r, 100)); // the playback goes on meanwhile
    const b = await TestClient.connect(s.wsUrl);
    b.send({ type: 'subscribe', runId: id, fromTick: last });
    await b.waitFor('end', (m) => m.runId === id);
    const resumed = b.frames(id).map((f) => f.tick);
    expect([...seen, ...resumed]).toEqual(range(ticks));
    await b.close();
  });

  it('answers bad messages with errors and keeps the connection and the server working', async () => {
    const c = await TestClient.connect(s.wsUrl);
    await c.waitFor('welcome');
    const cases: [string | Buffer, string][] = [
      ['not json', 'FINEST_WS_BAD_JSON'],
      ['null', 'FINEST_WS_UNKNOWN_TYPE'],
      ['[1,2]', 'FINEST_WS_UNKNOWN_TYPE'],
      ['{"type":"launch"}', 'FINEST_WS_UNKNOWN_TYPE'],
      ['{"type":"seek","runId":"x","t":-1}', 'FINEST_WS_BAD_MESSAGE'],
      ['{"type":"start","scenario":{"schemaVersion":1}}', 'FINEST_WS_BAD_MESSAGE'],
      ['{"type":"start"}', 'FINEST_WS_BAD_MESSAGE'],
      [Buffer.from([1, 2, 3]), 'FINEST_WS_BAD_MESSAGE'],
      ['{"type":"subscribe","runId":"no-such-run"}', 'FINEST_NOT_FOUND'],
      [`{"type":"play","runId":"${doneRun}"}`, 'FINEST_BAD_REQUEST'],
      [
        '{"type":"branch","runId":"nope","atS":1,"events":[{"type":"trip","at":1,"element":{"kind":"hvdc","id":"H14807"}}]}',
        'FINEST_NOT_FOUND',
      ],
      ['{"type":"start","scenarioId":"no-such-scenario"}', 'FINEST_NOT_FOUND'],
    ];
    for (const [data, code] of cases) {
      const mark = c.received.length;
      c.sendRaw(data);
      const err = await c.waitFor('error', () => true, 5000, mark);
      expect(err.code, String(data)).toBe(code);
    }
    const seek = c.json().find((m) => m.type === 'error' && m.message.startsWith('t:'));
    expect(seek).toBeDefined();
    // the REST body's rule, in the same words (StartRunSchema, start-run.ts)
    const startErrors = c
      .json()
      .flatMap((m) => (m.type === 'error' && m.ref === 'start' ? [m.message] : []));
    expect(startErrors).toContain('(root): give exactly one of scenarioId or scenario');
    c.send({ type: 'ping', id: 42 });
    expect(await c.waitFor('pong', (m) => m.id === 42)).toBeDefined();
    expect(c.closed).toBeUndefined();
    // nothing lost: the stored run still streams in full
    c.send({ type: 'subscribe', runId: doneRun });
    await c.waitFor('run');
    c.send({ type: 'seek', runId: doneRun, t: 0 });
    c.send({ type: 'speed', runId: doneRun, speed: 20_000 });
    c.send({ type: 'play', runId: doneRun });
    await c.waitFor('end');
    expect(c.frames(doneRun).at(-1)?.tick).toBe(doneTicks - 1);
    await c.close();
  });

  it('closes a connection that sends a message over the size limit, and only that one', async () => {
    const small = await testServer({ listen: true, limits: { wsMessageBytes: 1024 } });
    const big = await TestClient.connect(small.wsUrl);
    const other = await TestClient.connect(small.wsUrl);
    big.send({ type: 'ping', id: 1, pad: 'x'.repeat(4096) });
    await big.waitFor('pong').catch(() => undefined);
    expect(big.closed?.code).toBe(1009);
    other.send({ type: 'ping', id: 2 });
    expect(await other.waitFor('pong')).toMatchObject({ id: 2 });
    await other.close();
    await small.close();
  });
});

describe('heartbeat', () => {
  it('terminates a peer that stops answering pings, and keeps one that answers', async () => {
    const hb = await testServer({ listen: true, limits: { heartbeatMs: 100 } });
    const dead = await TestClient.connect(hb.wsUrl, { autoPong: false });
    const alive = await TestClient.connect(hb.wsUrl);
    const until = Date.now() + 3000;
    while (!dead.closed && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(dead.closed).toBeDefined();
    await new Promise((r) => setTimeout(r, 300)); // several more heartbeats
    expect(alive.closed).toBeUndefined();
    await alive.close();
    await hb.close();
  });
});

describe('a restart', () => {
  it('keeps scenarios and runs: a stored run replays over the stream and compares', async () => {
    const first = await testServer({ listen: true });
    const dataDir = first.dataDir;
    await first.app.inject({ method: 'POST', url: '/api/scenarios', payload: TEST_SCENARIO });
    const id = await startRun(first.app, { scenarioId: 'test-estlink2' });
    const before = await waitForRun(first.app, id);
    const framesBefore = await first.app.inject({ url: `/api/runs/${id}/frames` });
    await first.app.close();

    const second = await testServer({ listen: true, dataDir });
    try {
      expect((await second.app.inject({ url: '/api/scenarios/test-estlink2' })).statusCode).toBe(
        200,
      );
      const after = (await second.app.inject({ url: `/api/runs/${id}` })).json() as typeof before;
      expect(after).toEqual(before);
      const framesAfter = await second.app.inject({ url: `/api/runs/${id}/frames` });
      expect(Buffer.compare(framesAfter.rawPayload, framesBefore.rawPayload)).toBe(0);
      const c = await TestClient.connect(second.wsUrl);
      c.send({ type: 'subscribe', runId: id });
      await c.waitFor('kpis');
      c.send({ type: 'speed', runId: id, speed: 20_000 });
      c.send({ type: 'play', runId: id });
      await c.waitFor('end');
      expect(c.frames(id).map((f) => f.tick)).toEqual(range(before.ticks));
      await c.close();
      expect((await second.app.inject({ url: `/api/compare?a=${id}&b=${id}` })).statusCode).toBe(
        200,
      );
    } finally {
      await second.close();
    }
  });

  it('finishes a run a restart interrupted, with the frames an uninterrupted run has', async () => {
    const first = await testServer();
    const dataDir = first.dataDir;
    const reference = await startRun(first.app);
    await waitForRun(first.app, reference);
    const interrupted = await startRun(first.app);
    const status = (
      (await first.app.inject({ url: `/api/runs/${interrupted}` })).json() as { status: string }
    ).status;
    expect(['queued', 'running']).toContain(status);
    await first.app.close(); // before the run can have finished

    const second = await testServer({ dataDir });
    try {
      const d = await waitForRun(second.app, interrupted);
      expect(d.status).toBe('done');
      const strip = (fs: FrameJson[]) => fs.map((f) => JSON.stringify(f));
      expect(strip(await restFrames(second, interrupted))).toEqual(
        strip(await restFrames(second, reference)),
      );
      const log = await second.app.inject({ url: `/api/runs/${interrupted}/log` });
      const refLog = await second.app.inject({ url: `/api/runs/${reference}/log` });
      expect((log.json() as { entries: unknown[] }).entries).toEqual(
        (refLog.json() as { entries: unknown[] }).entries,
      );
    } finally {
      await second.close();
    }
  });
});

describe('frames on the stream are the stored bytes', () => {
  it('decode to the same values REST returns', async () => {
    const c = await TestClient.connect(s.wsUrl);
    c.send({ type: 'subscribe', runId: doneRun });
    await c.waitFor('state');
    const bin = await s.app.inject({ url: `/api/runs/${doneRun}/frames?from=0&to=0` });
    const stored = decodeFrame(splitFrames(new Uint8Array(bin.rawPayload))[0]!);
    const json = (await restFrames(s, doneRun))[0]!;
    expect(frameToJson(stored.frame)).toEqual(json);
    await c.close();
  });
});
