// Golden tests: AC Newton power flow against MATPOWER 8.1's own results for every case in
// ../shared/matpower (tolerances from issue 3).
import { expect, it } from 'vitest';
import { classifyBuses } from '../model/bus-types.ts';
import { buildPfCase } from '../model/pf-case.ts';
import { createSparseLuSolver } from '../sparse/linear-solver.ts';
import { makeYbus } from '../ybus/make-ybus.ts';
import { buildJacobianPattern } from './jacobian.ts';
import {
  casesWithReference,
  loadReference,
  loadSharedCase,
  maxAbsDiff,
  sumByBus,
  describeOnCases,
} from '../test-support/shared-cases.ts';
import { runAcPowerFlow } from './run-ac.ts';

const cases = casesWithReference('ac');

describeOnCases('AC power flow matches MATPOWER', () => {
  it('finds the reference cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  it.each(cases)('%s', (name) => {
    const ref = loadReference(name, 'ac');
    const net = loadSharedCase(name);
    const result = runAcPowerFlow(buildPfCase(net));
    expect(result.converged).toBe(ref.converged);
    expect(result.iterations).toBeLessThanOrEqual(ref.iterations);
    expect(net.buses.map((b) => Number(b.id))).toEqual(ref.bus_id);
    expect(maxAbsDiff(result.Vm, ref.Vm)).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(result.Va, ref.Va)).toBeLessThanOrEqual(1e-5);
    for (const key of ['Pf', 'Qf', 'Pt', 'Qt'] as const) {
      expect(maxAbsDiff(result[key], ref[key]), key).toBeLessThanOrEqual(1e-3);
    }
    expect(maxAbsDiff(result.Pg, ref.Pg)).toBeLessThanOrEqual(1e-3);
    // Reactive output per bus (MATPOWER's default core can split it wrongly among the
    // generators of one bus), and per generator against its legacy core.
    const ours = sumByBus(ref.gen_bus, ref.gen_status, result.Qg);
    const theirs = sumByBus(ref.gen_bus, ref.gen_status, ref.Qg);
    for (const [bus, q] of theirs)
      expect(Math.abs((ours.get(bus) ?? NaN) - q), `Qg at bus ${bus}`).toBeLessThanOrEqual(1e-3);
    if (ref.Qg_legacy_core)
      expect(maxAbsDiff(result.Qg, ref.Qg_legacy_core)).toBeLessThanOrEqual(1e-3);
  });
});

describeOnCases('AC power flow reusing what a time series keeps', () => {
  it.each(cases)('%s: Ybus, bus classification, Jacobian pattern and solver reused', (name) => {
    const pf = buildPfCase(loadSharedCase(name));
    const fresh = runAcPowerFlow(pf);
    const ybus = makeYbus(pf);
    const types = classifyBuses(pf);
    const reuse = {
      ybus,
      types,
      jacobian: buildJacobianPattern(ybus, types),
      linearSolver: createSparseLuSolver(),
    };
    // twice: the second solve reuses the factorisation's ordering as well
    for (const round of [1, 2]) {
      const reused = runAcPowerFlow(pf, { reuse });
      expect(reused.converged, `round ${round}`).toBe(fresh.converged);
      expect(reused.iterations).toBe(fresh.iterations);
      expect(maxAbsDiff(reused.Vm, fresh.Vm)).toBeLessThanOrEqual(1e-12);
      expect(maxAbsDiff(reused.Va, fresh.Va)).toBeLessThanOrEqual(1e-10);
      expect(maxAbsDiff(reused.Pg, fresh.Pg)).toBeLessThanOrEqual(1e-9);
    }
  });
});
