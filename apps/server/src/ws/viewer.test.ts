// Backpressure on one client, with a stand-in socket whose send buffer the test sets: the
// decisions depend only on readyState, bufferedAmount, send and close.
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { FramesRepo } from '../store/frames-repo.ts';
import { openStore } from '../store/store.ts';
import { RunFrames } from '../runs/run-frames.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { Viewer, type Subscription } from './viewer.ts';

class SlowSocket {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: Uint8Array[] = [];
  closedWith: number | undefined;
  send(data: Uint8Array): void {
    this.sent.push(data);
  }
  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
}

/** frames 0 … n-1 whose bytes are their tick; every 5th a keyframe */
function runFrames(n: number): RunFrames {
  const dir = tempDir();
  const store = openStore(dir.path);
  const frames = new RunFrames('r', new FramesRepo(store.db));
  for (let k = 0; k < n; k++) frames.append(Uint8Array.of(k), { t: k, keyframe: k % 5 === 0 });
  return frames;
}

function setup(n = 20) {
  const socket = new SlowSocket();
  const viewer = new Viewer(
    socket as unknown as WebSocket,
    { softBufferBytes: 100, hardBufferBytes: 1000 },
    true,
  );
  const sub: Subscription = {
    viewer,
    runId: 'r',
    frames: runFrames(n),
    lastTick: -1,
    pendingTick: -1,
  };
  viewer.subs.set('r', sub);
  const sentTicks = () => socket.sent.map((b) => b[0]!);
  return { socket, viewer, sub, sentTicks };
}

describe('per-client backpressure', () => {
  it('sends every frame while the buffer is below the soft bound', () => {
    const { viewer, sub, sentTicks } = setup();
    for (let k = 0; k < 20; k++) viewer.offerFrame(sub, k);
    expect(sentTicks()).toEqual(Array.from({ length: 20 }, (_, k) => k));
  });

  it('over the soft bound sends keyframes only, then the latest skipped frame once drained', async () => {
    const { socket, viewer, sub, sentTicks } = setup();
    viewer.offerFrame(sub, 0);
    socket.bufferedAmount = 500;
    for (let k = 1; k <= 13; k++) viewer.offerFrame(sub, k);
    expect(sentTicks()).toEqual([0, 5, 10]);
    expect(sub.pendingTick).toBe(13);
    socket.bufferedAmount = 0;
    await new Promise((r) => setTimeout(r, 40));
    expect(sentTicks()).toEqual([0, 5, 10, 13]);
    viewer.offerFrame(sub, 12); // older than what was sent: ignored
    viewer.offerFrame(sub, 14);
    expect(sentTicks()).toEqual([0, 5, 10, 13, 14]);
    viewer.dispose();
  });

  it('drops a waiting frame once a newer keyframe went out', async () => {
    const { socket, viewer, sub, sentTicks } = setup();
    socket.bufferedAmount = 500;
    viewer.offerFrame(sub, 3);
    viewer.offerFrame(sub, 5);
    socket.bufferedAmount = 0;
    await new Promise((r) => setTimeout(r, 40));
    expect(sentTicks()).toEqual([5]);
    viewer.dispose();
  });

  it('disconnects a client whose buffer passes the hard bound (it resumes with fromTick)', () => {
    const { socket, viewer, sub } = setup();
    socket.bufferedAmount = 5000;
    viewer.offerFrame(sub, 5);
    expect(socket.closedWith).toBe(1013);
    expect(socket.sent).toEqual([]);
  });

  it('forced frames (after a seek) go out even over the soft bound, also backwards', () => {
    const { socket, viewer, sub, sentTicks } = setup();
    viewer.offerFrame(sub, 8);
    socket.bufferedAmount = 500;
    viewer.offerFrame(sub, 2, true);
    expect(sentTicks()).toEqual([8, 2]);
    expect(sub.lastTick).toBe(2);
  });
});
