// Security-constrained sharing of a response: when the units' response to an imbalance, shared
// as physics and the reserve rules share it (balance.ts), overloads a branch, the response is
// moved to the units that relieve it, as a TSO activates reserves around a congestion. Solved
// as a DC OPF on HiGHS (packages/powerflow/src/opf): each unit stays within what it can give by
// now (unit-dispatch.ts bounds), and the dispatch stays as close as the ratings allow to the
// unconstrained sharing P̂, weighted by each unit's room:
//
//   min Σ_k (P_k − P̂_k)² / room_k     s.t. island balances, lo_k ≤ P_k − sp_k ≤ hi_k,
//                                          |Pf_l| ≤ margin · RATE_A_l · scale_l · (P/S)_l
//
// (with no branch binding, P = P̂: the sharing in proportion to room is the optimum). A
// sub-island that carries a shortfall in frequency keeps it on its largest unit. When no
// sharing within the ratings exists, the result says so and the physical sharing stands.
import {
  runDcOpfWith,
  type GenCost,
  type Highs,
  type OpfCase,
  type PfCase,
} from '@finest/powerflow';
import type { ResponseBounds } from './unit-dispatch.ts';

export const SHARING_DEFAULTS = {
  /**
   * share of a branch's (protected) rating the DC flows may use: the DC model leaves out
   * reactive flow and losses (ASSUMPTION: 3 %, at power factor ≥ 0.97 on loaded lines)
   */
  ratingMargin: 0.97,
  /** MW, room taken for units that can move without limit (external equivalents) */
  openRoomMW: 10_000,
};

/**
 * MW limits for the DC model of the moment: RATE_A (MVA) × protection's scale × the margin ×
 * each loaded branch's present power factor |P| / S from the AC solution, so that a branch
 * carrying much reactive power is not let up to its rating in MW alone.
 */
export function dcLimitsMW(
  pf: PfCase,
  ratingScale: Float64Array,
  acPf: Float64Array,
  acLoading: Float64Array,
): Float64Array {
  return Float64Array.from(pf.rateA, (r, l) => {
    if (r <= 0) return 0;
    const S = acLoading[l]! * r;
    const powerFactor = S > 0.3 * r ? Math.min(1, Math.abs(acPf[l]!) / S) : 1;
    return r * ratingScale[l]! * SHARING_DEFAULTS.ratingMargin * powerFactor;
  });
}

/**
 * The case with each island's losses (Balance.islandLossMW) added to its loads in proportion,
 * so that a lossless DC model balances the same generation the AC model needs.
 */
export function withLossLoads(
  pf: PfCase,
  islandOfBus: Int32Array,
  lossMW: Float64Array,
  Pd: Float64Array = pf.Pd,
): PfCase {
  const load = new Float64Array(lossMW.length);
  for (let i = 0; i < pf.nBus; i++) load[islandOfBus[i]!] = load[islandOfBus[i]!]! + Pd[i]!;
  const scaled = Float64Array.from(Pd, (d, i) => {
    const k = islandOfBus[i]!;
    return load[k]! > 0 ? d * (1 + lossMW[k]! / load[k]!) : d;
  });
  return { ...pf, Pd: scaled };
}

export interface SharingProblem {
  /** the power-flow index of the moment, as solved */
  pf: PfCase;
  /** per unit: set-point, the unconstrained sharing P̂ and the response bounds */
  setpointMW: Float64Array;
  sharedMW: Float64Array;
  bounds: ResponseBounds;
  /** per branch: MW the DC flows may use (dcLimitsMW) */
  limitsMW: Float64Array;
  /** per unit: its island, and per island the MW carried in frequency (not by units) */
  islandOfUnit: Int32Array;
  residualMW: Float64Array;
}

export type SharingResult = { ok: true; generatorMW: Float64Array } | { ok: false; reason: string };

export function shareWithinLimits(highs: Highs, p: SharingProblem): SharingResult {
  const { pf } = p;
  const n = pf.nGen;
  const Pmin = new Float64Array(n);
  const Pmax = new Float64Array(n);
  const costs: GenCost[] = [];
  // the unit of each island that keeps the part carried in frequency
  const carrier = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    if (!pf.genOn[k]) continue;
    const isl = p.islandOfUnit[k]!;
    if (Math.abs(p.residualMW[isl] ?? 0) < 1e-6) continue;
    const best = carrier.get(isl);
    if (best === undefined || p.sharedMW[k]! > p.sharedMW[best]!) carrier.set(isl, k);
  }
  const carriers = new Set(carrier.values());
  for (let k = 0; k < n; k++) {
    const target = p.sharedMW[k]!;
    if (!pf.genOn[k]) {
      costs.push({ kind: 'polynomial', c2: 0, c1: 0, c0: 0 });
      continue;
    }
    const sp = p.setpointMW[k]!;
    const lo = p.bounds.lo[k]!;
    const hi = p.bounds.hi[k]!;
    if (carriers.has(k)) {
      // fixed: it keeps what the island cannot give (the power flow's reference does the same)
      Pmin[k] = target;
      Pmax[k] = target;
    } else {
      Pmin[k] = Math.min(target, sp + lo);
      Pmax[k] = Math.max(target, sp + hi);
    }
    const room = Number.isFinite(hi - lo) ? Math.max(hi - lo, 1) : SHARING_DEFAULTS.openRoomMW;
    const w = 1 / room;
    costs.push({ kind: 'polynomial', c2: w, c1: -2 * w * target, c0: w * target * target });
  }
  const opf: OpfCase = {
    pf: { ...pf, rateA: p.limitsMW },
    Pmin,
    Pmax,
    costs,
    angmin: new Float64Array(pf.nBranch).fill(-360),
    angmax: new Float64Array(pf.nBranch).fill(360),
  };
  const result = runDcOpfWith(highs, opf);
  if (!result.success) return { ok: false, reason: result.reason ?? result.status };
  const generatorMW = Float64Array.from(p.sharedMW);
  for (let k = 0; k < n; k++) if (pf.genOn[k]) generatorMW[k] = result.Pg[k]!;
  return { ok: true, generatorMW };
}
