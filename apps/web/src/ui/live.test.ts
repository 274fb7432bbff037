import { afterEach, describe, expect, it, vi } from 'vitest';
import { sceneStore, showFrame } from '../state/scene-store.ts';
import { LIVE_MS, subscribeLive } from './live.ts';

describe('live text batching', () => {
  afterEach(() => vi.useRealTimers());

  it('calls writers once per batch after frames change, and stops with the last writer', () => {
    vi.useFakeTimers();
    const reg = sceneStore.getState().registries;
    const calls: number[] = [];
    const off = subscribeLive(() => calls.push(sceneStore.getState().frameSeq));
    expect(reg.liveUnsubscribe).not.toBeNull();
    showFrame(null);
    showFrame(null);
    vi.advanceTimersByTime(LIVE_MS - 1);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([sceneStore.getState().frameSeq]);
    off();
    expect(reg.liveWriters.size).toBe(0);
    expect(reg.liveUnsubscribe).toBeNull();
    showFrame(null);
    vi.advanceTimersByTime(2 * LIVE_MS);
    expect(calls).toHaveLength(1);
    expect(reg.liveTimer).toBeNull();
  });
});
