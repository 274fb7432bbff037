// A playback that goes back to an earlier tick (played again after its end, or sought back)
// while viewers watch or are away: found by `npm run load`, where looping viewers stopped
// getting frames after the first loop and resumed viewers waited for the playback to pass the
// tick they had left at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun, testServer, waitForRun, type TestServer } from '../testing/app.ts';
import { TestClient } from '../testing/ws-client.ts';

let s: TestServer;
beforeAll(async () => {
  s = await testServer({ listen: true });
});
afterAll(() => s.close());

const range = (n: number): number[] => Array.from({ length: n }, (_, k) => k);

async function doneRun(): Promise<{ id: string; ticks: number }> {
  const id = await startRun(s.app);
  return { id, ticks: (await waitForRun(s.app, id)).ticks };
}

describe('a playback going back', () => {
  it('played again after its end, sends every frame again to the watchers it had', async () => {
    const run = await doneRun();
    const c = await TestClient.connect(s.wsUrl);
    c.send({ type: 'subscribe', runId: run.id });
    await c.waitFor('state');
    c.send({ type: 'speed', runId: run.id, speed: 20_000 });
    c.send({ type: 'play', runId: run.id });
    await c.waitFor('end');
    const firstEnd = c.received.length;
    c.send({ type: 'play', runId: run.id });
    await c.waitFor('end', () => true, 20_000, firstEnd);
    expect(c.frames(run.id).map((f) => f.tick)).toEqual([...range(run.ticks), ...range(run.ticks)]);
    await c.close();
  });

  it('resumed from a tick it has gone back before, sends the current frame and what follows', async () => {
    const run = await doneRun();
    const a = await TestClient.connect(s.wsUrl);
    a.send({ type: 'subscribe', runId: run.id });
    await a.waitFor('state');
    a.send({ type: 'seek', runId: run.id, t: 0 });
    await a.waitFor('state', (m) => m.tick === 0);
    // b was watching near the end before a went back to the start
    const b = await TestClient.connect(s.wsUrl);
    b.send({ type: 'subscribe', runId: run.id, fromTick: run.ticks - 2 });
    await b.waitFor('state');
    a.send({ type: 'speed', runId: run.id, speed: 20_000 });
    a.send({ type: 'play', runId: run.id });
    await b.waitFor('end');
    expect(b.frames(run.id).map((f) => f.tick)).toEqual(range(run.ticks));
    await a.close();
    await b.close();
  });
});
