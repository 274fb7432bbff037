import { describe, expect, it } from 'vitest';
import { lastIndexAtOrBefore, TIME_TOLERANCE_S } from './time-index.ts';

const find = (times: readonly number[], t: number, tolerance?: number): number =>
  lastIndexAtOrBefore(times.length, (i) => times[i]!, t, tolerance);

describe('lastIndexAtOrBefore', () => {
  const times = [0, 0.2, 0.4, 0.4, 1, 60];

  it('is −1 with no entries and before the first', () => {
    expect(find([], 5)).toBe(-1);
    expect(find(times, -1)).toBe(-1);
    expect(find([3], 2.9)).toBe(-1);
  });

  it('finds an exact time, the last of equal times, and the last entry past the end', () => {
    expect(find(times, 0)).toBe(0);
    expect(find(times, 0.4)).toBe(3);
    expect(find(times, 59.99)).toBe(4);
    expect(find(times, 60)).toBe(5);
    expect(find(times, 1e9)).toBe(5);
  });

  it('counts a time within the tolerance as the same moment, and one beyond it not', () => {
    // 0.1 + 0.2 is 0.30000000000000004: a step sum that must still find an entry at 0.3
    expect(find([0, 0.1 + 0.2], 0.3)).toBe(1);
    expect(find(times, 0.4 - TIME_TOLERANCE_S / 2)).toBe(3);
    expect(find(times, 0.4 - 2 * TIME_TOLERANCE_S)).toBe(1);
  });

  it('is exact for integer keys with a tolerance of 0', () => {
    const starts = [0, 100, 200];
    expect(find(starts, 99, 0)).toBe(0);
    expect(find(starts, 100, 0)).toBe(1);
    expect(find(starts, 250, 0)).toBe(2);
  });

  it('agrees with a linear scan on random sorted times', () => {
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 200; run++) {
      const n = Math.floor(rand() * 20);
      const ts = Array.from({ length: n }, () => Math.round(rand() * 10) / 2).sort((a, b) => a - b);
      const t = Math.round(rand() * 12) / 2 - 0.5;
      let expected = -1;
      for (let i = 0; i < n; i++) if (ts[i]! <= t + TIME_TOLERANCE_S) expected = i;
      expect(find(ts, t)).toBe(expected);
    }
  });
});
