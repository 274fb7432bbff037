// Viewers that vanish mid-stream cost nothing: fifty viewers join a playback, take frames and
// disappear (half with a clean close, half by destroying the socket without a close frame);
// the server forgets every one of them (its viewer count returns to what it was) and a viewer
// that stayed receives its frames in order throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Health } from '@finest/protocol';
import { startRun, testServer, waitForRun, type TestServer } from '../testing/app.ts';
import { TestClient } from '../testing/ws-client.ts';
import { FAULT_RUN } from './write-load.ts';

let s: TestServer;
let runId: string;
beforeAll(async () => {
  s = await testServer({ listen: true });
  runId = await startRun(s.app, { scenario: FAULT_RUN });
  await waitForRun(s.app, runId);
}, 60_000);
afterAll(() => s.close());

const health = async (): Promise<Health> =>
  (await s.app.inject({ url: '/api/health' })).json() as Health;

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what} did not happen within 4 s`);
}

describe('viewers leaving mid-stream', () => {
  it('are forgotten at once, clean close or not, and the one that stays sees every frame', async () => {
    expect((await health()).viewers).toBe(0);
    const stayer = await TestClient.connect(s.wsUrl);
    stayer.send({ type: 'subscribe', runId });
    stayer.send({ type: 'speed', runId, speed: 3000 });
    stayer.send({ type: 'play', runId });

    for (let wave = 0; wave < 5; wave++) {
      const leavers = await Promise.all(
        Array.from({ length: 10 }, () => TestClient.connect(s.wsUrl)),
      );
      for (const c of leavers) c.send({ type: 'subscribe', runId });
      await Promise.all(leavers.map((c) => c.waitFor('state')));
      await new Promise((r) => setTimeout(r, 50));
      leavers.forEach((c, k) => {
        if (k % 2 === 0) void c.close();
        else c.ws.terminate(); // the socket is destroyed: no close frame reaches the server
      });
    }
    await until(async () => (await health()).viewers === 1, 'the server forgetting 50 viewers');
    expect((await health()).viewers).toBe(1);

    const end = await stayer.waitFor('end', (m) => m.runId === runId, 30_000);
    const ticks = stayer.frames(runId).map((f) => f.tick);
    expect(ticks.length).toBeGreaterThan(100);
    expect(ticks.every((t, k) => t === k)).toBe(true);
    expect(ticks.at(-1)).toBe(end.ticks - 1);
    await stayer.close();
    await until(async () => (await health()).viewers === 0, 'the last viewer leaving');
  });
});

describe('the server shutting down', () => {
  it('closes viewers with 1001 and a reason, so they know to reconnect later', async () => {
    const other = await testServer({ listen: true });
    const viewer = await TestClient.connect(other.wsUrl);
    await viewer.waitFor('welcome');
    await other.close();
    for (let i = 0; i < 200 && !viewer.closed; i++) await new Promise((r) => setTimeout(r, 10));
    expect(viewer.closed).toEqual({ code: 1001, reason: 'server shutting down' });
  });
});
