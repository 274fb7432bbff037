// Golden tests: the DC OPF against MATPOWER 8.1's rundcopf (../shared/matpower/ref/*.dcopf.json),
// in both formulations. Objective within 1e-6 relative; every flow within its RATE_A (1e-6 MW);
// Pg within 1e-3 MW where every unit's cost is strictly convex (then the dispatch is unique);
// lam_P within 1e-3 $/MWh where the reference shows it unique (see pricesUnique).
import { describe, expect, it } from 'vitest';
import {
  casesWithReference,
  loadReference,
  loadSharedCase,
  maxAbsDiff,
  type DcOpfReference,
  describeOnCases,
} from '../test-support/shared-cases.ts';
import type { Network } from '@finest/grid';
import { runDcOpf } from './run-dc-opf.ts';

/** The cases ../shared/matpower/README.md lists with a DC OPF reference. */
const CASES = ['case9', 'case14', 'case30', 'case118', 'case300', 'case_ACTIVSg2000'];

/** every in-service unit has a quadratic cost with c2 > 0 (MATPOWER gencost MODEL 2) */
function strictlyConvex(net: Network): boolean {
  return net.generators.every((g, k) => {
    const row = net.gencost![k]!;
    return !g.inService || (row[0] === 2 && row[3] === 3 && row[4]! > 0);
  });
}

/**
 * The prices are unique when no flow is at its rating and some unit with c2 > 0 lies strictly
 * inside its limits (one island): λ is then that unit's marginal cost 2 c2 Pg + c1.
 */
function pricesUnique(net: Network, ref: DcOpfReference): boolean {
  const congested = net.branches.some(
    (br, l) => br.inService && br.rateA > 0 && Math.abs(ref.Pf[l]!) > br.rateA - 1e-3,
  );
  const marginal = net.generators.some((g, k) => {
    const row = net.gencost![k]!;
    const p = ref.Pg[k]!;
    return (
      g.inService &&
      row[0] === 2 &&
      row[3] === 3 &&
      row[4]! > 0 &&
      p > g.Pmin + 1e-3 &&
      p < g.Pmax - 1e-3
    );
  });
  return !congested && marginal;
}

describeOnCases('DC OPF matches MATPOWER rundcopf', () => {
  it('has a reference for every case', () => {
    expect(casesWithReference('dcopf')).toEqual(expect.arrayContaining(CASES));
  });

  describe.each(['auto', 'angles'] as const)('formulation %s', (formulation) => {
    it.each(CASES)('%s', { timeout: 60_000 }, async (name) => {
      const net = loadSharedCase(name);
      const ref = loadReference<DcOpfReference>(name, 'dcopf');
      expect(ref.success).toBe(1);
      const r = await runDcOpf(net, { formulation });
      expect(r.success, r.reason).toBe(true);
      expect(r.method.startsWith(formulation === 'auto' ? 'ptdf' : 'angles')).toBe(true);
      expect(Math.abs(r.objective - ref.objective) / Math.abs(ref.objective)).toBeLessThanOrEqual(
        1e-6,
      );
      net.branches.forEach((br, l) => {
        if (br.inService && br.rateA > 0)
          expect(Math.abs(r.Pf[l]!)).toBeLessThanOrEqual(br.rateA + 1e-6);
      });
      expect(r.maxViolation).toBeLessThanOrEqual(1e-6);
      // the flows are those of the dispatch: a balanced island in the DC model has no losses
      let generation = 0;
      r.Pg.forEach((p) => (generation += p));
      const load = net.buses.reduce((s, b) => s + b.Pd + b.Gs, 0);
      expect(Math.abs(generation - load)).toBeLessThanOrEqual(1e-6 * load);
      if (strictlyConvex(net)) expect(maxAbsDiff(r.Pg, ref.Pg)).toBeLessThanOrEqual(1e-3);
      if (pricesUnique(net, ref)) expect(maxAbsDiff(r.lam_P, ref.lam_P)).toBeLessThanOrEqual(1e-3);
    });
  });

  it('compares prices on every case (each reference shows them unique)', () => {
    const unique = CASES.filter((name) =>
      pricesUnique(loadSharedCase(name), loadReference<DcOpfReference>(name, 'dcopf')),
    );
    expect(unique).toEqual(CASES);
  });

  // None of the references has a flow at its rating; here ten are forced to bind: the
  // constraint generation's prices (balance and limit duals through B⁻¹) must be the B-θ
  // model's balance duals. Branches with equal flows are not both cut: two lines in series
  // binding together would make the split of their duals, and so the price between them,
  // arbitrary.
  it.each([
    ['case118', 0.8],
    ['case300', 0.95],
    ['case_ACTIVSg2000', 0.8],
  ] as const)(
    '%s with ten ratings cut to %s of the flow: both formulations agree',
    { timeout: 60_000 },
    async (name, factor) => {
      const net = loadSharedCase(name);
      const free = await runDcOpf(net);
      const cut: number[] = [];
      const byFlow = net.branches
        .map((_, l) => l)
        .sort((a, b) => Math.abs(free.Pf[b]!) - Math.abs(free.Pf[a]!));
      for (const l of byFlow) {
        if (cut.length === 10) break;
        if (cut.some((c) => Math.abs(Math.abs(free.Pf[c]!) - Math.abs(free.Pf[l]!)) < 1e-3))
          continue;
        cut.push(l);
      }
      for (const l of cut) net.branches[l]!.rateA = factor * Math.abs(free.Pf[l]!);
      const ptdf = await runDcOpf(net, { formulation: 'ptdf' });
      const angles = await runDcOpf(net, { formulation: 'angles' });
      expect(ptdf.success, ptdf.reason).toBe(true);
      expect(angles.success, angles.reason).toBe(true);
      expect(ptdf.binding.length).toBeGreaterThan(0);
      expect(Math.abs(ptdf.objective - angles.objective) / angles.objective).toBeLessThan(1e-9);
      expect(maxAbsDiff(ptdf.Pg, angles.Pg)).toBeLessThan(1e-4);
      expect(maxAbsDiff(ptdf.lam_P, angles.lam_P)).toBeLessThan(1e-4);
      expect(maxAbsDiff(ptdf.mu_Sf, angles.mu_Sf)).toBeLessThan(1e-4);
      expect(maxAbsDiff(ptdf.mu_St, angles.mu_St)).toBeLessThan(1e-4);
      expect(ptdf.maxViolation).toBeLessThanOrEqual(1e-6);
    },
  );
});
