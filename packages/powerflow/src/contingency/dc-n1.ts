// DC N-1 screening of every in-service branch outage, with line outage distribution factors
// computed column by column from one factorisation of the reduced DC matrix (no dense
// branch × branch matrix; memory stays linear in the network size):
//
//   θ_k  = B⁻¹ (e_f(k) - e_t(k))                    (four columns per solve, dc-n1-angles.ts)
//   PTDF(l, k) = b_l (θ_k[f(l)] - θ_k[t(l)]),   h_k = PTDF(k, k)
//   post(l | k) = Pf(l) + PTDF(l, k) / (1 - h_k) · Pf(k)      (LODF, l ≠ k)
//
// Outages that split an island (bridges, h_k = 1) are found topologically beforehand and
// reported separately, and so are those that split it in all but topology: 1 - h_k within
// SPLIT_TOLERANCE of 0 (the rest of the network ties the ends of k by a susceptance some 1e10
// times smaller than b_k), where the LODF has no significant digit left. Overload rule as in the MATPOWER references: |post| > RATE_A (strict)
// on in-service branches with RATE_A > 0, the outaged branch excluded.
//
// With timeLimitMs the screening stops at the first block of four after the limit: the result
// is marked incomplete and holds the contingencies screened so far (a prefix of the list).
import { findBridgeIndices, type Network } from '@finest/grid';
import { startDeadline } from '../deadline.ts';
import { buildPfCase } from '../model/pf-case.ts';
import { prepareDcSystem, solveDcFlows } from '../dc/run-dc.ts';
import { createAngleBlockSolver, LANES } from './dc-n1-angles.ts';

export const DC_N1_DEFAULTS = {
  /** contingencies between progress reports (rounded to the four solved together) */
  batchSize: 32,
  /** how many of the most loaded (contingency, monitored) pairs to keep */
  top: 20,
};

/** |1 - h_k| below this: the outage splits the network numerically (see above) */
const SPLIT_TOLERANCE = 1e-10;

export interface BranchPair {
  /** 0-based branch positions in network.branches */
  contingency: number;
  monitored: number;
  /** MW, post-contingency flow at the from end */
  postFlow: number;
  /** percent of RATE_A */
  loadingPct: number;
}

export interface DcN1Options {
  batchSize?: number;
  top?: number;
  /** also return every overloaded pair (for CSV export) */
  collectOverloads?: boolean;
  /** called after each batch with contingencies done and total */
  onProgress?: (done: number, total: number) => void;
  /** ms of wall time for the screening, checked between blocks of four; default no limit */
  timeLimitMs?: number;
  /** the clock for timeLimitMs, ms (default performance.now); tests inject one */
  now?: () => number;
}

export interface DcN1Result {
  baseConverged: boolean;
  /** false when the time limit stopped the screening; the arrays then cover the first ones */
  complete: boolean;
  /** why it is incomplete */
  reason?: string;
  /** MW, base-case DC flow per branch */
  baseFlow: Float64Array;
  nBranchInService: number;
  /** 0-based positions of islanding outages (topologically or numerically), ascending */
  bridges: number[];
  /** 0-based positions of the outages screened, ascending (the first ones, if incomplete) */
  contingencies: Int32Array;
  nMonitored: number;
  nBaseOverloads: number;
  nOverloadedPairs: number;
  nOverloadedPairsAbove100_0001: number;
  nOverloadedPairsNotOverloadedInBase: number;
  /** per screened contingency: worst loading (%) over monitored branches and overload count */
  maxLoadingPct: Float64Array;
  overloadCount: Int32Array;
  top: BranchPair[];
  overloads?: BranchPair[];
}

export function runDcN1(net: Network, options: DcN1Options = {}): DcN1Result {
  const deadline = startDeadline(options.timeLimitMs, options.now);
  const batch = Math.max(1, options.batchSize ?? DC_N1_DEFAULTS.batchSize);
  const topK = options.top ?? DC_N1_DEFAULTS.top;
  const pf = buildPfCase(net);
  const system = prepareDcSystem(pf);
  const base = solveDcFlows(system);
  const baseFlow = base.Pf;
  const nl = pf.nBranch;
  const angles = createAngleBlockSolver(system);
  const { w, busSlot } = angles;

  const bridges = findBridgeIndices(net);
  const isBridge = new Uint8Array(nl);
  for (const l of bridges) isBridge[l] = 1;
  let nBranchInService = 0;
  let nc = 0;
  const contingencies = new Int32Array(nl);
  for (let l = 0; l < nl; l++) {
    if (!pf.branchOn[l]) continue;
    nBranchInService++;
    if (!isBridge[l]) contingencies[nc++] = l;
  }

  // Monitored branches in compact arrays; mFrom/mTo index lane 0 of their ends' angles in w.
  let nm = 0;
  const mAll = new Int32Array(nl);
  for (let l = 0; l < nl; l++) if (pf.branchOn[l] && pf.rateA[l]! > 0) mAll[nm++] = l;
  // Visited in the order of their lower end's slot, so the angles are read nearly in sequence.
  const lowEnd = (l: number): number =>
    Math.min(busSlot[pf.from[l]!]!, busSlot[pf.to[l]!]!) * nl + l;
  const mBranch = Int32Array.from(mAll.subarray(0, nm), lowEnd)
    .sort()
    .map((key) => key % nl);
  const mFrom = new Int32Array(nm);
  const mTo = new Int32Array(nm);
  const mB = new Float64Array(nm);
  const mBase = new Float64Array(nm);
  const mRate = new Float64Array(nm);
  const mPctPerMw = new Float64Array(nm);
  const baseOverloaded = new Uint8Array(nm);
  let nBaseOverloads = 0;
  for (let m = 0; m < nm; m++) {
    const l = mBranch[m]!;
    mFrom[m] = LANES * busSlot[pf.from[l]!]!;
    mTo[m] = LANES * busSlot[pf.to[l]!]!;
    mB[m] = system.bdc.b[l]!;
    mBase[m] = baseFlow[l]!;
    mRate[m] = pf.rateA[l]!;
    mPctPerMw[m] = 100 / pf.rateA[l]!;
    if (Math.abs(baseFlow[l]!) > pf.rateA[l]!) {
      baseOverloaded[m] = 1;
      nBaseOverloads++;
    }
  }

  const top = new TopPairs(topK);
  const overloads: BranchPair[] | undefined = options.collectOverloads ? [] : undefined;
  const laneOverloads: BranchPair[][] = [[], [], [], []];
  const maxLoadingPct = new Float64Array(nc);
  const overloadCount = new Int32Array(nc);
  let nPairs = 0;
  let nPairsAbove = 0;
  let nPairsNew = 0;

  // Per lane: the contingency, its LODF scale, worst loading, overload count, and the gate:
  // a pair loaded at or below gate[c] is not the worst, cannot enter the top list and is not
  // overloaded (|post| > RATE_A implies loading > 100 - 1e-6, with rounding to spare).
  const laneBranch = new Int32Array(LANES);
  const scale = new Float64Array(LANES);
  const worst = new Float64Array(LANES);
  const over = new Int32Array(LANES);
  const gate = new Float64Array(LANES);
  const OVER_GATE = 100 - 1e-6;
  const visit = (c: number, m: number, post: number, loading: number): void => {
    const l = mBranch[m]!;
    const k = laneBranch[c]!;
    if (l === k || k < 0) return;
    if (loading > worst[c]!) worst[c] = loading;
    if (loading > top.threshold) top.offer(k, l, post, loading);
    if ((post < 0 ? -post : post) > mRate[m]!) {
      over[c]!++;
      if (loading > 100.0001) nPairsAbove++;
      if (!baseOverloaded[m]) nPairsNew++;
      if (overloads) {
        laneOverloads[c]!.push({
          contingency: k,
          monitored: l,
          postFlow: post,
          loadingPct: loading,
        });
      }
    }
    gate[c] = Math.min(worst[c]!, top.threshold, OVER_GATE);
  };

  const fromSlot = new Int32Array(LANES);
  const toSlot = new Int32Array(LANES);
  const splitting = new Uint8Array(nc);
  let done = 0;
  for (let start = 0; start < nc; start += LANES) {
    if (deadline?.expired()) break;
    const count = Math.min(LANES, nc - start);
    for (let c = 0; c < count; c++) {
      const k = contingencies[start + c]!;
      fromSlot[c] = busSlot[pf.from[k]!]!;
      toSlot[c] = busSlot[pf.to[k]!]!;
    }
    angles.solve(fromSlot, toSlot, count);
    for (let c = 0; c < LANES; c++) {
      worst[c] = 0;
      over[c] = 0;
      gate[c] = Math.min(0, top.threshold);
      if (c >= count) {
        laneBranch[c] = -1;
        scale[c] = 0;
        gate[c] = Infinity;
        continue;
      }
      const k = contingencies[start + c]!;
      const h = system.bdc.b[k]! * (w[LANES * fromSlot[c]! + c]! - w[LANES * toSlot[c]! + c]!);
      if (!(Math.abs(1 - h) >= SPLIT_TOLERANCE)) {
        // an islanding outage in all but topology: an empty lane, moved to the bridges below
        splitting[start + c] = 1;
        laneBranch[c] = -1;
        scale[c] = 0;
        gate[c] = Infinity;
        continue;
      }
      laneBranch[c] = k;
      scale[c] = baseFlow[k]! / (1 - h);
    }
    // post(l | k) = Pf(l) + b_l (θ_k[f(l)] - θ_k[t(l)]) · Pf(k) / (1 - h_k), four k at once.
    const s0 = scale[0]!;
    const s1 = scale[1]!;
    const s2 = scale[2]!;
    const s3 = scale[3]!;
    for (let m = 0; m < nm; m++) {
      const f = mFrom[m]!;
      const t = mTo[m]!;
      const b = mB[m]!;
      const base = mBase[m]!;
      const pct = mPctPerMw[m]!;
      const p0 = base + b * (w[f]! - w[t]!) * s0;
      const p1 = base + b * (w[f + 1]! - w[t + 1]!) * s1;
      const p2 = base + b * (w[f + 2]! - w[t + 2]!) * s2;
      const p3 = base + b * (w[f + 3]! - w[t + 3]!) * s3;
      const l0 = (p0 < 0 ? -p0 : p0) * pct;
      const l1 = (p1 < 0 ? -p1 : p1) * pct;
      const l2 = (p2 < 0 ? -p2 : p2) * pct;
      const l3 = (p3 < 0 ? -p3 : p3) * pct;
      if (l0 > gate[0]!) visit(0, m, p0, l0);
      if (l1 > gate[1]!) visit(1, m, p1, l1);
      if (l2 > gate[2]!) visit(2, m, p2, l2);
      if (l3 > gate[3]!) visit(3, m, p3, l3);
    }
    for (let c = 0; c < count; c++) {
      maxLoadingPct[start + c] = worst[c]!;
      overloadCount[start + c] = over[c]!;
      nPairs += over[c]!;
      if (overloads) {
        const list = laneOverloads[c]!.sort((a, b) => a.monitored - b.monitored);
        for (const pair of list) overloads.push(pair);
        list.length = 0;
      }
    }
    done = start + count;
    if (done === nc || done % batch < LANES) options.onProgress?.(done, nc);
  }

  const complete = done === nc;
  // Only the contingencies screened, without those found to split the network numerically.
  const kept: number[] = [];
  const split: number[] = [];
  for (let c = 0; c < done; c++) (splitting[c] ? split : kept).push(c);
  const result: DcN1Result = {
    baseConverged: base.converged,
    complete,
    baseFlow,
    nBranchInService,
    bridges:
      split.length === 0
        ? bridges
        : [...bridges, ...split.map((c) => contingencies[c]!)].sort((a, b) => a - b),
    contingencies: rowsOf(contingencies.slice(0, nc), kept),
    nMonitored: nm,
    nBaseOverloads,
    nOverloadedPairs: nPairs,
    nOverloadedPairsAbove100_0001: nPairsAbove,
    nOverloadedPairsNotOverloadedInBase: nPairsNew,
    maxLoadingPct: rowsOf(maxLoadingPct, kept),
    overloadCount: rowsOf(overloadCount, kept),
    top: top.list(),
  };
  if (!complete && deadline) {
    result.reason = `time limit of ${deadline.limitMs} ms exceeded after ${done} of ${nc} contingencies`;
  }
  if (overloads) result.overloads = overloads;
  return result;
}

/** a[rows], or a itself when rows are all of it */
function rowsOf<T extends Int32Array | Float64Array>(a: T, rows: readonly number[]): T {
  if (rows.length === a.length) return a;
  const out = new (a.constructor as new (length: number) => T)(rows.length);
  rows.forEach((r, i) => (out[i] = a[r]!));
  return out;
}

/** loadings this close (percentage points) are ties, whatever the rounding of the solver */
const TIE_PCT = 1e-9;

/**
 * The K most loaded pairs, highest first; ties (within TIE_PCT) ordered by contingency, then
 * monitored branch, so the list does not depend on rounding or on the order of the offers.
 */
class TopPairs {
  private readonly items: BranchPair[] = [];
  /** a pair loaded at or below this cannot enter the list */
  threshold = -Infinity;
  constructor(private readonly k: number) {
    if (k <= 0) this.threshold = Infinity;
  }

  offer(contingency: number, monitored: number, postFlow: number, loadingPct: number): void {
    const items = this.items;
    const pair = { contingency, monitored, postFlow, loadingPct };
    let i = items.length;
    while (i > 0 && before(pair, items[i - 1]!)) i--;
    if (i >= this.k) return;
    items.splice(i, 0, pair);
    if (items.length > this.k) items.pop();
    if (items.length === this.k) this.threshold = items[this.k - 1]!.loadingPct - TIE_PCT;
  }

  list(): BranchPair[] {
    return [...this.items];
  }
}

function before(a: BranchPair, b: BranchPair): boolean {
  const d = a.loadingPct - b.loadingPct;
  if (d > TIE_PCT) return true;
  if (d < -TIE_PCT) return false;
  return (
    a.contingency < b.contingency || (a.contingency === b.contingency && a.monitored < b.monitored)
  );
}
