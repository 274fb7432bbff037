import { lastIndexAtOrBefore } from '@finest/protocol';
import { describe, expect, it } from 'vitest';
import { adjacentFrameT, jumpS, stepTarget } from './frame-step.ts';

/** a history with frames at these times, every tick known unless listed in `unknown` */
function history(times: number[], unknown: number[] = []) {
  const known = Uint8Array.from(times, (_, k) => (unknown.includes(k) ? 0 : 1));
  return { t: Float64Array.from(times), known, count: times.length };
}

// the server shows the last frame at or before the time sought (ws/playback.ts seek)
const shown = (times: number[], t: number): number =>
  times[lastIndexAtOrBefore(times.length, (i) => times[i]!, t)]!;

describe('frame steps', () => {
  // a trip at 300 s: 0.2 s frames for a while, then 30 s apart
  const times = [0, 30, 60, 300, 300.2, 300.4, 300.6, 330, 360, 390];
  const h = history(times);
  const at = (k: number) => ({ tick: k, t: times[k]! });

  it('→ and ← move to the next and previous frame, 30 s or 0.2 s away', () => {
    expect(stepTarget(h, at(1), 1, false, 3600)).toBe(60);
    expect(stepTarget(h, at(4), 1, false, 3600)).toBe(300.4);
    expect(stepTarget(h, at(4), -1, false, 3600)).toBe(300);
    expect(stepTarget(h, at(7), -1, false, 3600)).toBe(300.6);
    // and the server shows exactly that frame
    for (let k = 0; k + 1 < times.length; k++)
      expect(shown(times, stepTarget(h, at(k), 1, false, 3600))).toBe(times[k + 1]);
  });

  it('a fixed step of max(10 s, length / 60) would land on the same frame 30 s apart', () => {
    // what the old stepSeek did, from 30 s in a 10-minute run
    expect(shown(times, 30 + jumpS(600))).toBe(30);
    expect(shown(times, stepTarget(h, at(1), 1, false, 600))).toBe(60);
  });

  it('stops at the ends: nothing before the first frame or after the last is a frame', () => {
    expect(adjacentFrameT(h, 0, -1)).toBeNull();
    expect(adjacentFrameT(h, times.length - 1, 1)).toBeNull();
    expect(stepTarget(h, at(times.length - 1), 1, false, 600)).toBe(390 + jumpS(600));
  });

  it('skips ticks not seen yet, and jumps when none ahead is known', () => {
    const partial = history(times, [5, 6, 7]);
    expect(stepTarget(partial, at(4), 1, false, 3600)).toBe(360);
    expect(stepTarget(partial, { tick: 9, t: 390 }, 1, false, 3600)).toBe(390 + 60);
    expect(stepTarget(null, { tick: 0, t: 0 }, 1, false, 3600)).toBe(60);
    expect(stepTarget(h, null, 1, false, 3600)).toBe(60);
  });

  it('Shift jumps a 60th of the run, and at least one frame', () => {
    expect(jumpS(600)).toBe(10);
    expect(jumpS(7200)).toBe(120);
    expect(stepTarget(h, at(3), 1, true, 7200)).toBe(420);
    expect(stepTarget(h, at(8), -1, true, 7200)).toBe(240);
    // 30 s apart in a 10-minute run: the 10 s jump still reaches the next frame
    expect(stepTarget(h, at(1), 1, true, 600)).toBe(60);
    expect(stepTarget(h, at(2), -1, true, 600)).toBe(30);
  });
});
