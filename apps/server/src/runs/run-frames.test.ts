import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { RunFrames } from './run-frames.ts';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

function store(): Store {
  const dir = tempDir();
  const s = openStore(dir.path);
  s.runs.insert({
    id: 'r',
    kind: 'scenario',
    scenario_id: 's',
    title: 'S',
    network_id: 'fi-ee',
    seed: 1,
    scenario_json: '{}',
    parent_run_id: null,
    branch_at_s: null,
    start_time: 'x',
    duration_s: 1,
    layout_json: '{}',
    created_at: 'x',
  });
  cleanup.push(() => {
    s.close();
    dir.remove();
  });
  return s;
}

const bytes = (k: number): Uint8Array => new TextEncoder().encode(`frame ${k} `.repeat(k % 7));

describe('run frames', () => {
  it('reads frames pending, stored in chunks, and after a reload from the store', () => {
    const s = store();
    const f = new RunFrames('r', s.frames);
    const times = [0, 0.5, 1, 2, 60, 120, 121, 180, 240, 300];
    for (let k = 0; k < 10; k++) {
      f.append(bytes(k), { t: times[k]!, keyframe: k === 4 });
      if (k === 3 || k === 6) s.frames.insert('r', f.takeChunk()!);
    }
    expect(f.count).toBe(10);
    expect(f.pendingCount).toBe(3);
    for (let k = 0; k < 10; k++) expect(f.bytes(k)).toEqual(bytes(k));
    s.frames.insert('r', f.takeChunk()!);
    expect(f.takeChunk()).toBeNull();

    const loaded = RunFrames.load('r', s.frames);
    expect(loaded.count).toBe(10);
    for (let k = 9; k >= 0; k--) expect(loaded.bytes(k)).toEqual(bytes(k));
    expect(loaded.isKeyframe(4)).toBe(true);
    expect(loaded.isKeyframe(5)).toBe(false);
    expect(loaded.t(6)).toBe(121);
    expect(s.frames.range('r', 5, 6).map((c) => [c.first_tick, c.last_tick])).toEqual([[4, 6]]);
    expect(() => loaded.bytes(10)).toThrow(RangeError);
  });

  it('finds the frame at a time', () => {
    const s = store();
    const f = new RunFrames('r', s.frames);
    [0, 10, 20, 20.5, 30].forEach((t, k) => f.append(bytes(k), { t, keyframe: false }));
    expect([-1, 0, 9.99, 10, 20.4, 20.5, 1e9].map((t) => f.tickAt(t))).toEqual([
      -1, 0, 0, 1, 2, 3, 4,
    ]);
  });

  it('grows past its first allocation', () => {
    const s = store();
    const f = new RunFrames('r', s.frames);
    for (let k = 0; k < 1000; k++)
      f.append(Uint8Array.of(k & 255), { t: k, keyframe: k % 100 === 0 });
    expect(f.count).toBe(1000);
    expect(f.t(999)).toBe(999);
    expect(f.isKeyframe(900)).toBe(true);
  });
});
