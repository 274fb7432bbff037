// AC N-1: the in-place outage (Ybus stamps removed, factorisation pattern reused) must give
// the same solution as a fresh AC solve of the network without the branch; islanding outages
// report the load of islands without generation as lost.
import { expect, it } from 'vitest';
import { runAcPowerFlow } from '../ac/run-ac.ts';
import { buildPfCase } from '../model/pf-case.ts';
import { loadSharedCase, describeOnCases } from '../test-support/shared-cases.ts';
import { prepareAcN1, runAcN1Sequential, solveAcContingency } from './ac-n1.ts';

describeOnCases('AC N-1', () => {
  it('equals fresh solves with the branch removed (case118)', () => {
    const net = loadSharedCase('case118');
    const ctx = prepareAcN1(net);
    for (const l of [0, 7, 35, 90, 150, 185]) {
      if (ctx.isBridge[l]) continue;
      const outcome = solveAcContingency(ctx, l);
      const without = structuredClone(net);
      without.branches[l]!.inService = false;
      const fresh = runAcPowerFlow(buildPfCase(without));
      expect(outcome.converged).toBe(fresh.converged);
      expect(outcome.minVm).toBeCloseTo(Math.min(...fresh.Vm), 9);
      expect(outcome.maxVm).toBeCloseTo(Math.max(...fresh.Vm), 9);
    }
    // the base Ybus is restored after each outage
    expect(solveAcContingency(ctx, 0).minVm).toBeCloseTo(solveAcContingency(ctx, 0).minVm, 14);
  });

  it('reports islands without generation as lost load (case30 bridges)', () => {
    const net = loadSharedCase('case30');
    const { outcomes } = runAcN1Sequential(net, [12, 15, 33]); // rows 13, 16, 34: bridges
    for (const o of outcomes) expect(o.islanding).toBe(true);
    // row 13 (9–11) isolates bus 11, which has a generator and no load: nothing lost
    // row 34 (25–26) isolates bus 26 with 3.5 MW of load and no generation
    const row34 = outcomes[2]!;
    expect(row34.lostLoadMW).toBeCloseTo(3.5, 9);
    expect(row34.converged).toBe(true);
  });

  it('screens every outage of case118 and counts overloads from RATE_A', () => {
    const { outcomes } = runAcN1Sequential(loadSharedCase('case118'));
    expect(outcomes).toHaveLength(186);
    expect(outcomes.filter((o) => o.islanding)).toHaveLength(9);
    expect(outcomes.every((o) => o.nOverloads === 0 && o.maxLoadingPct === -1)).toBe(true); // no RATE_A
    expect(outcomes.filter((o) => o.converged).length).toBeGreaterThan(180);
  });
});

describeOnCases('AC N-1 on worker threads', () => {
  it('gives the same outcomes as one thread, in branch order', async () => {
    const { runAcN1 } = await import('./ac-n1-parallel.ts');
    const net = loadSharedCase('case118');
    const seen: number[] = [];
    const parallel = await runAcN1(net, { workers: 2, onProgress: (done) => seen.push(done) });
    const sequential = runAcN1Sequential(net).outcomes;
    expect(parallel.map((o) => o.branch)).toEqual(sequential.map((o) => o.branch));
    parallel.forEach((o, k) => {
      expect(o.converged).toBe(sequential[k]!.converged);
      expect(o.minVm).toBeCloseTo(sequential[k]!.minVm, 9);
      expect(o.lostLoadMW).toBeCloseTo(sequential[k]!.lostLoadMW, 9);
    });
    expect(seen.at(-1)).toBe(186);
  });
});
