// DC N-1 on an outage that splits the network in all but topology: the rest of the network
// ties its ends by a susceptance 1e16 times smaller, so 1 - h_k is rounding noise and the LODF
// has no significant digit. It is reported with the bridges, not screened into NaN loadings.
import { describe, expect, it } from 'vitest';
import { testBranch, testBus, testGenerator, testNetwork } from '@finest/grid/testing';
import { runDcN1 } from './dc-n1.ts';

describe('DC N-1 with a numerically islanding outage', () => {
  it('moves it to the bridges and keeps every loading finite', () => {
    const net = testNetwork({
      buses: [testBus('1', { type: 'REF' }), testBus('2', { Pd: 50 }), testBus('3', { Pd: 20 })],
      branches: [
        testBranch('a', '1', '2', { x: 1e-12, rateA: 100 }),
        testBranch('b', '2', '3', { x: 1e4, rateA: 100 }),
        testBranch('c', '3', '1', { x: 0.1, rateA: 100 }),
      ],
      generators: [testGenerator('g1', '1')],
      areas: [{ id: '1', name: 'Area 1' }],
    });
    const r = runDcN1(net);
    expect(r.bridges).toEqual([0]);
    expect(Array.from(r.contingencies)).toEqual([1, 2]);
    expect(r.maxLoadingPct).toHaveLength(2);
    expect(Array.from(r.maxLoadingPct).every(Number.isFinite)).toBe(true);
    expect(r.top.every((p) => Number.isFinite(p.loadingPct) && p.contingency !== 0)).toBe(true);
  });
});
