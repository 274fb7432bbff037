// What an optimal power flow reads beyond the power-flow index: each unit's active-power
// limits and cost curve, in generator row order. Kept apart from PfCase so that a caller (the
// scenario engine, a redispatch) can solve one network again and again with other limits or
// costs without rebuilding the index.
import type { Network } from '@finest/grid';
import { PowerflowInputError } from '../errors.ts';
import { buildPfCase, type PfCase } from '../model/pf-case.ts';
import { readGenCosts, type GenCost } from './gen-costs.ts';

export interface OpfCase {
  readonly pf: PfCase;
  /** MW per generator; may be ±Infinity (no limit) */
  readonly Pmin: Float64Array;
  readonly Pmax: Float64Array;
  /** active-power cost of each generator */
  readonly costs: readonly GenCost[];
  /** degrees per branch, limits on θ_from − θ_to (MATPOWER ANGMIN/ANGMAX; see hasAngleLimit) */
  readonly angmin: Float64Array;
  readonly angmax: Float64Array;
}

/**
 * @param pf an index already built for the network (else it is built here)
 * @throws PowerflowInputError for a bad network (buildPfCase) or bad gencost (readGenCosts)
 */
export function buildOpfCase(net: Network, pf: PfCase = buildPfCase(net)): OpfCase {
  const n = net.generators.length;
  const Pmin = new Float64Array(n);
  const Pmax = new Float64Array(n);
  net.generators.forEach((g, k) => {
    // an infinite limit is no limit, but only on its own side
    if (
      Number.isNaN(g.Pmin) ||
      g.Pmin === Infinity ||
      Number.isNaN(g.Pmax) ||
      g.Pmax === -Infinity
    ) {
      throw new PowerflowInputError(
        `generator "${g.id}" (row ${k + 1}) has Pmin = ${g.Pmin}, Pmax = ${g.Pmax}: ` +
          'limits must be numbers, Pmin below +Infinity and Pmax above -Infinity',
      );
    }
    Pmin[k] = g.Pmin;
    Pmax[k] = g.Pmax;
  });
  const angmin = Float64Array.from(net.branches, (br) => br.angmin);
  const angmax = Float64Array.from(net.branches, (br) => br.angmax);
  return { pf, Pmin, Pmax, costs: readGenCosts(net.gencost, n, pf.genOn), angmin, angmax };
}
