// Reactive-limit enforcement (MATPOWER pf.enforce_q_lims): after the re-solves every
// generator is within its limits, the ones that were fixed sit exactly at a limit, and their
// buses no longer hold the voltage setpoint.
import { describe, expect, it } from 'vitest';
import { buildPfCase } from '../model/pf-case.ts';
import { loadSharedCase, describeOnCases } from '../test-support/shared-cases.ts';
import { smallNetwork } from '../test-support/small-network.ts';
import { runAcPowerFlow } from './run-ac.ts';

const TOL = 1e-6;

function checkWithinLimits(name: string, mode: 'simultaneous' | 'one-at-a-time'): number {
  const net = loadSharedCase(name);
  const pf = buildPfCase(net);
  const free = runAcPowerFlow(pf);
  const result = runAcPowerFlow(pf, { enforceQLimits: mode });
  expect(result.converged).toBe(true);
  const violatedBefore = net.generators.filter(
    (g, k) => g.inService && (free.Qg[k]! > g.Qmax + TOL || free.Qg[k]! < g.Qmin - TOL),
  ).length;
  expect(violatedBefore).toBeGreaterThan(0);
  net.generators.forEach((g, k) => {
    if (!g.inService) return;
    expect(result.Qg[k]!).toBeLessThanOrEqual(g.Qmax + TOL);
    expect(result.Qg[k]!).toBeGreaterThanOrEqual(g.Qmin - TOL);
  });
  for (const k of result.qLimited) {
    const g = net.generators[k]!;
    expect([g.Qmax, g.Qmin]).toContain(result.Qg[k]);
  }
  return result.qLimited.length;
}

describeOnCases('reactive limits', () => {
  it.each(['case14', 'case118', 'case300'])('simultaneous enforcement on %s', (name) => {
    expect(checkWithinLimits(name, 'simultaneous')).toBeGreaterThan(0);
  });

  it('one-at-a-time enforcement on case14', () => {
    expect(checkWithinLimits('case14', 'one-at-a-time')).toBeGreaterThan(0);
  });

  it('leaves a case without violations unchanged', () => {
    const pf = buildPfCase(loadSharedCase('case9'));
    const a = runAcPowerFlow(pf);
    const b = runAcPowerFlow(pf, { enforceQLimits: 'simultaneous' });
    expect(b.qLimited).toEqual([]);
    expect(Array.from(b.Vm)).toEqual(Array.from(a.Vm));
  });
});

describe('non-convergence is a result', () => {
  it('returns converged: false with a reason when the load is far beyond the network', () => {
    const net = smallNetwork();
    net.buses[2] = { ...net.buses[2]!, Pd: 5000, Qd: 3000 };
    const result = runAcPowerFlow(buildPfCase(net));
    expect(result.converged).toBe(false);
    expect(result.reason).toMatch(/no convergence|diverged|singular/);
  });

  it('solves the small network with two generators on one bus and splits Q by range', () => {
    const result = runAcPowerFlow(buildPfCase(smallNetwork()));
    expect(result.converged).toBe(true);
    // generators 2 and 3 share bus 20: Q split in proportion to their ranges (30 and 90 MVAr)
    const q2 = result.Qg[1]!;
    const q3 = result.Qg[2]!;
    expect((q2 - -10) / 30).toBeCloseTo((q3 - -30) / 90, 10);
    expect(result.Vm[1]).toBeCloseTo(1.01, 12);
  });
});
