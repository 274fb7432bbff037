// The overall time limit of an N-1 run, with an injected clock that jumps 600 ms at every read
// (no real work is timed). DC N-1 stops between blocks of four contingencies and returns the
// screened prefix marked incomplete; AC N-1 returns one outcome per outage, the ones not
// reached marked `skipped`.
import { describe, expect, it } from 'vitest';
import type { Network } from '@finest/grid';
import { testBranch, testBus, testGenerator, testNetwork } from '@finest/grid/testing';
import { runAcN1 } from './ac-n1-parallel.ts';
import { runDcN1 } from './dc-n1.ts';

/** A ring of 12 buses: no outage islands, so all 12 branches are contingencies. */
function ring(): Network {
  const ids = Array.from({ length: 12 }, (_, k) => String(k + 1));
  return testNetwork({
    buses: ids.map((id, k) => testBus(id, k === 0 ? { type: 'REF' } : { Pd: 3, Qd: 1 })),
    branches: ids.map((id, k) => testBranch(`b${id}`, id, ids[(k + 1) % 12]!, { rateA: 20 })),
    generators: [testGenerator('g1', '1', { Vg: 1.02, Qmax: 500, Qmin: -500 })],
    areas: [{ id: '1', name: 'Area 1' }],
  });
}

/** reads at 600, 1200, 1800 … ms: the limit of 1000 passes at the third read */
function jumpingClock(): () => number {
  let t = 0;
  return () => (t += 600);
}

describe('N-1 time limit', () => {
  it('DC N-1 returns the contingencies screened before the limit, marked incomplete', () => {
    const full = runDcN1(ring());
    expect(full.complete).toBe(true);
    expect(full.reason).toBeUndefined();
    const cut = runDcN1(ring(), { timeLimitMs: 1000, now: jumpingClock() });
    // the start, then one read before each block of four: the second block is refused
    expect(cut.complete).toBe(false);
    expect(cut.reason).toBe('time limit of 1000 ms exceeded after 4 of 12 contingencies');
    expect(Array.from(cut.contingencies)).toEqual([0, 1, 2, 3]);
    expect(Array.from(cut.maxLoadingPct)).toEqual(Array.from(full.maxLoadingPct.subarray(0, 4)));
    expect(Array.from(cut.overloadCount)).toEqual(Array.from(full.overloadCount.subarray(0, 4)));
  });

  it('AC N-1 in one thread marks the outages it did not reach as skipped', async () => {
    const outcomes = await runAcN1(ring(), { workers: 1, timeLimitMs: 1000, now: jumpingClock() });
    expect(outcomes.map((o) => o.branch)).toEqual(Array.from({ length: 12 }, (_, k) => k));
    expect(outcomes[0]).toMatchObject({ converged: true });
    expect(outcomes[0]!.skipped).toBeUndefined();
    for (const o of outcomes.slice(1)) {
      expect(o).toMatchObject({
        skipped: true,
        converged: false,
        iterations: 0,
        reason: 'not solved: time limit of 1000 ms exceeded after 1 of 12 outages',
      });
    }
  });

  it('AC N-1 on workers honours the limit too (0 ms: no worker starts an outage)', async () => {
    const outcomes = await runAcN1(ring(), { workers: 2, timeLimitMs: 0 });
    expect(outcomes).toHaveLength(12);
    expect(outcomes.every((o) => o.skipped === true)).toBe(true);
    expect(outcomes[5]!.reason).toBe(
      'not solved: time limit of 0 ms exceeded after 0 of 12 outages',
    );
  });
});
