// The analytic Jacobian against central finite differences of the mismatch function.
import { describe, expect, it } from 'vitest';
import { classifyBuses } from '../model/bus-types.ts';
import { buildPfCase } from '../model/pf-case.ts';
import { cscToDense } from '../sparse/csc.ts';
import { smallNetwork } from '../test-support/small-network.ts';
import { makeYbus } from '../ybus/make-ybus.ts';
import { buildJacobianPattern, fillJacobian } from './jacobian.ts';
import { busPowers } from './newton.ts';

describe('Newton Jacobian', () => {
  it('equals finite differences of the bus powers', () => {
    const pf = buildPfCase(smallNetwork());
    const ybus = makeYbus(pf);
    const types = classifyBuses(pf);
    const pat = buildJacobianPattern(ybus, types);
    const Vm = Float64Array.from([1.03, 1.01, 0.96, 0.985]);
    const Va = Float64Array.from([0, -0.04, -0.11, -0.07]);

    const powers = (vm: Float64Array, va: Float64Array): { re: Float64Array; im: Float64Array } => {
      const vr = Float64Array.from(vm, (m, i) => m * Math.cos(va[i]!));
      const vi = Float64Array.from(vm, (m, i) => m * Math.sin(va[i]!));
      const re = new Float64Array(vm.length);
      const im = new Float64Array(vm.length);
      busPowers(ybus, vr, vi, re, im);
      return { re, im };
    };
    const base = powers(Vm, Va);
    const vr = Float64Array.from(Vm, (m, i) => m * Math.cos(Va[i]!));
    const vi = Float64Array.from(Vm, (m, i) => m * Math.sin(Va[i]!));
    fillJacobian(pat, ybus, vr, vi, Vm, base.re, base.im);
    const J = cscToDense(pat.J);

    const h = 1e-6;
    let checked = 0;
    for (let k = 0; k < pf.nBus; k++) {
      for (const variable of ['angle', 'magnitude'] as const) {
        const col = variable === 'angle' ? pat.angleIndex[k]! : pat.magnitudeIndex[k]!;
        if (col < 0) continue;
        const plus =
          variable === 'angle'
            ? [Vm, Va.map((a, i) => (i === k ? a + h : a))]
            : [Vm.map((m, i) => (i === k ? m + h : m)), Va];
        const minus =
          variable === 'angle'
            ? [Vm, Va.map((a, i) => (i === k ? a - h : a))]
            : [Vm.map((m, i) => (i === k ? m - h : m)), Va];
        const sp = powers(plus[0]!, plus[1]!);
        const sm = powers(minus[0]!, minus[1]!);
        for (let i = 0; i < pf.nBus; i++) {
          const rowP = pat.angleIndex[i]!;
          const rowQ = pat.magnitudeIndex[i]!;
          if (rowP >= 0) expect(J[rowP]![col]).toBeCloseTo((sp.re[i]! - sm.re[i]!) / (2 * h), 6);
          if (rowQ >= 0) expect(J[rowQ]![col]).toBeCloseTo((sp.im[i]! - sm.im[i]!) / (2 * h), 6);
          checked++;
        }
      }
    }
    expect(checked).toBe(20); // 5 state variables × 4 buses
  });
});
