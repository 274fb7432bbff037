// Every number the solvers read must be finite: a NaN or an infinity in the input would
// otherwise surface, iterations later, as a "singular Jacobian" or a NaN flow reported as
// converged. Network files are validated by the grid schema, but networks built or edited in
// code (a scenario scaling loads, a test) reach buildPfCase unchecked, so it checks once
// here, in one pass over the typed arrays, and names the first offending element.
// Reactive limits may be ±Infinity (no limit); they must not be NaN.
import type { Network } from '@finest/grid';
import { PowerflowInputError } from '../errors.ts';

/**
 * The arrays of a PfCase this check reads, declared here rather than imported so that
 * pf-case.ts (which calls the check) and this module do not import each other.
 */
export interface FiniteInputs {
  readonly baseMVA: number;
  readonly nBus: number;
  readonly busIds: readonly string[];
  readonly Pd: Float64Array;
  readonly Qd: Float64Array;
  readonly Gs: Float64Array;
  readonly Bs: Float64Array;
  readonly Vm0: Float64Array;
  readonly Va0: Float64Array;
  readonly r: Float64Array;
  readonly x: Float64Array;
  readonly b: Float64Array;
  readonly tap: Float64Array;
  readonly shift: Float64Array;
  readonly rateA: Float64Array;
  readonly Pg: Float64Array;
  readonly Qg: Float64Array;
  readonly Vg: Float64Array;
  readonly Qmax: Float64Array;
  readonly Qmin: Float64Array;
  readonly Phvdc: Float64Array;
}

type Field = readonly [name: string, values: Float64Array, allowInfinite?: boolean];

export function checkFiniteInput(net: Network, pf: FiniteInputs): void {
  if (!(Number.isFinite(pf.baseMVA) && pf.baseMVA > 0)) {
    throw new PowerflowInputError(`baseMVA must be a finite number > 0, got ${pf.baseMVA}`);
  }
  const bus = (i: number): string => `bus "${net.buses[i]!.id}" (row ${i + 1})`;
  check(bus, [
    ['Pd', pf.Pd],
    ['Qd', pf.Qd],
    ['Gs', pf.Gs],
    ['Bs', pf.Bs],
    ['Vm', pf.Vm0],
    ['Va', pf.Va0],
  ]);
  check(
    (l) => `branch "${net.branches[l]!.id}" (row ${l + 1})`,
    [
      ['r', pf.r],
      ['x', pf.x],
      ['b', pf.b],
      ['tap', pf.tap],
      ['shift', pf.shift],
      ['rateA', pf.rateA, true],
    ],
  );
  check(
    (k) => `generator "${net.generators[k]!.id}" (row ${k + 1})`,
    [
      ['Pg', pf.Pg],
      ['Qg', pf.Qg],
      ['Vg', pf.Vg],
      ['Qmax', pf.Qmax, true],
      ['Qmin', pf.Qmin, true],
    ],
  );
  // HVDC links arrive summed per bus; name the link only when the sum is not finite.
  for (let i = 0; i < pf.nBus; i++) {
    if (Number.isFinite(pf.Phvdc[i]!)) continue;
    const link = net.hvdcLinks.find(
      (h) =>
        (h.from === pf.busIds[i] || h.to === pf.busIds[i]) &&
        ![h.P, h.lossFixed, h.lossFactor].every(Number.isFinite),
    );
    const what = link ? `HVDC link "${link.id}"` : `the HVDC links at ${bus(i)}`;
    throw new PowerflowInputError(`${what} has a non-finite transfer or loss`);
  }
}

function check(label: (index: number) => string, fields: readonly Field[]): void {
  for (const [name, values, allowInfinite] of fields) {
    // v · 0 is 0 for a finite v and NaN otherwise: one sum per array tells whether to look
    let sum = 0;
    for (let k = 0; k < values.length; k++) sum += values[k]! * 0;
    if (sum === 0) continue;
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      if (Number.isFinite(v) || (allowInfinite && !Number.isNaN(v))) continue;
      throw new PowerflowInputError(`${label(k)} has ${name} = ${v}: every input must be finite`);
    }
  }
}
