// The network limits of a DC OPF, as MATPOWER's opf_setup.m reads them for the DC model:
//
//   flow, branch l:   −RATE_A ≤ Pf_l ≤ RATE_A           (MW; RATE_A = 0 or ≥ 1e10: no limit)
//   angle, branch l:  ANGMIN ≤ θ_f − θ_t ≤ ANGMAX       (makeAang.m's rule, hasAngleLimit)
//
// An angle limit is kept as base · (θ_f − θ_t) (rad · MVA: the flow of a 1 pu reactance), so
// that both kinds of row are of the size of a flow in MW and the solver's one feasibility
// tolerance suits both.
import type { OpfCase } from './opf-case.ts';

export const FLOW = 0;
export const ANGLE = 1;

/** One row per limit, in branch order, flows first. */
export interface Monitored {
  readonly count: number;
  readonly branch: Int32Array;
  /** FLOW or ANGLE */
  readonly kind: Uint8Array;
  /** MW (flows) or rad · MVA (angles); ±Infinity on a side without a limit */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** MATPOWER's opf_setup: a rating at or above this is no limit */
const UNLIMITED_RATING = 1e10;

export function monitoredLimits(opf: OpfCase): Monitored {
  const { pf, angmin, angmax } = opf;
  const branch: number[] = [];
  const kind: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (let l = 0; l < pf.nBranch; l++) {
    const rate = pf.rateA[l]!;
    // (the network schema keeps RATE_A ≥ 0)
    if (!pf.branchOn[l] || rate === 0 || rate >= UNLIMITED_RATING) continue;
    branch.push(l);
    kind.push(FLOW);
    lower.push(-rate);
    upper.push(rate);
  }
  const scale = (pf.baseMVA * Math.PI) / 180;
  for (let l = 0; l < pf.nBranch; l++) {
    if (!pf.branchOn[l] || !hasAngleLimit(angmin[l]!, angmax[l]!)) continue;
    branch.push(l);
    kind.push(ANGLE);
    lower.push(angmin[l]! < -360 ? -Infinity : angmin[l]! * scale);
    upper.push(angmax[l]! > 360 ? Infinity : angmax[l]! * scale);
  }
  return {
    count: branch.length,
    branch: Int32Array.from(branch),
    kind: Uint8Array.from(kind),
    lower: Float64Array.from(lower),
    upper: Float64Array.from(upper),
  };
}

/**
 * makeAang.m: a branch has an angle-difference limit when ANGMIN is non-zero and above −360°
 * or ANGMAX is non-zero and below 360° (0 and ±360 both mean "none"; but once one side is a
 * limit, a 0 on the other side is a limit of 0°).
 */
export function hasAngleLimit(angmin: number, angmax: number): boolean {
  return (angmin !== 0 && angmin > -360) || (angmax !== 0 && angmax < 360);
}

/** The value of each limited quantity (MW, rad · MVA) at the angles θ. */
export function monitoredValues(
  opf: OpfCase,
  monitored: Monitored,
  b: Float64Array,
  Pfinj: Float64Array,
  theta: Float64Array,
): Float64Array {
  const { pf } = opf;
  const base = pf.baseMVA;
  const v = new Float64Array(monitored.count);
  for (let m = 0; m < monitored.count; m++) {
    const l = monitored.branch[m]!;
    const d = theta[pf.from[l]!]! - theta[pf.to[l]!]!;
    v[m] = monitored.kind[m] === FLOW ? base * (b[l]! * d + Pfinj[l]!) : base * d;
  }
  return v;
}
