// The compare map mode's rule of "worse in B".
import { describe, expect, it } from 'vitest';
import { worseInB } from './compare.ts';

const exposure = (loading: number[], tripped: number[], shed: number[], dark: number[]) => ({
  loading: Float32Array.from(loading),
  tripped: Uint8Array.from(tripped),
  districtShed: Float32Array.from(shed),
  darkS: Float32Array.from(dark),
});

describe('worse in B', () => {
  it('marks branches tripped only in B or clearly more loaded, districts shed more, feeders dark longer', () => {
    const a = exposure([50, 90, 90, 95], [0, 0, 1, 0], [0, 0.2], [0, 60, 0]);
    const b = exposure([60, 96, 90, 97], [0, 0, 1, 1], [0.1, 0.2], [30, 60, 0.5]);
    const w = worseInB(a, b);
    // 50 → 60 stays below 80 %; 90 → 96 is ≥ 5 points above 80 %; tripped in both; tripped only in B
    expect([...w.branch]).toEqual([0, 1, 0, 1]);
    expect([...w.district]).toEqual([1, 0]);
    expect([...w.bus]).toEqual([1, 0, 0]);
  });
});
