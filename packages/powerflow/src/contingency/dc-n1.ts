// DC N-1 screening of every in-service branch outage, with line outage distribution factors
// computed column by column from one factorisation of the reduced DC matrix (no dense
// branch × branch matrix; memory stays linear in the network size):
//
//   θ_k  = B⁻¹ (e_f(k) - e_t(k))                    (a batch of columns per solve)
//   PTDF(l, k) = b_l (θ_k[f(l)] - θ_k[t(l)]),   h_k = PTDF(k, k)
//   post(l | k) = Pf(l) + PTDF(l, k) / (1 - h_k) · Pf(k)      (LODF, l ≠ k)
//
// Outages that split an island (bridges, h_k = 1) are found topologically beforehand and
// reported separately. Overload rule as in the MATPOWER references: |post| > RATE_A (strict)
// on in-service branches with RATE_A > 0, the outaged branch excluded.
import { findBridgeIndices, type Network } from '@finest/grid';
import { buildPfCase } from '../model/pf-case.ts';
import { prepareDcSystem, solveDcFlows } from '../dc/run-dc.ts';

export const DC_N1_DEFAULTS = {
  /** right-hand sides per batched solve */
  batchSize: 32,
  /** how many of the most loaded (contingency, monitored) pairs to keep */
  top: 20,
};

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
}

export interface DcN1Result {
  baseConverged: boolean;
  /** MW, base-case DC flow per branch */
  baseFlow: Float64Array;
  nBranchInService: number;
  /** 0-based positions of islanding outages, ascending */
  bridges: number[];
  /** 0-based positions of the outages screened, ascending */
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
  const batch = Math.max(1, options.batchSize ?? DC_N1_DEFAULTS.batchSize);
  const topK = options.top ?? DC_N1_DEFAULTS.top;
  const pf = buildPfCase(net);
  const system = prepareDcSystem(pf);
  const base = solveDcFlows(system);
  const baseFlow = base.Pf;
  const nl = pf.nBranch;
  const n = system.pvpq.length;
  const position = new Int32Array(pf.nBus).fill(-1);
  system.pvpq.forEach((bus, k) => (position[bus] = k));

  const bridges = findBridgeIndices(net);
  const isBridge = new Uint8Array(nl);
  for (const l of bridges) isBridge[l] = 1;
  const contingencyList: number[] = [];
  let nBranchInService = 0;
  for (let l = 0; l < nl; l++) {
    if (!pf.branchOn[l]) continue;
    nBranchInService++;
    if (!isBridge[l]) contingencyList.push(l);
  }
  const contingencies = Int32Array.from(contingencyList);

  // Monitored branches in compact arrays: reduced indices of their ends (-1 = reference).
  const monitoredList: number[] = [];
  for (let l = 0; l < nl; l++) if (pf.branchOn[l] && pf.rateA[l]! > 0) monitoredList.push(l);
  const nm = monitoredList.length;
  const mBranch = Int32Array.from(monitoredList);
  // Reference (and isolated) buses read slot n of the angle column, which stays 0.
  const slot = (bus: number): number => (position[bus]! >= 0 ? position[bus]! : n);
  const mFrom = Int32Array.from(monitoredList, (l) => slot(pf.from[l]!));
  const mTo = Int32Array.from(monitoredList, (l) => slot(pf.to[l]!));
  const th = new Float64Array(n + 1);
  const mB = Float64Array.from(monitoredList, (l) => system.bdc.b[l]!);
  const mBase = Float64Array.from(monitoredList, (l) => baseFlow[l]!);
  const mRate = Float64Array.from(monitoredList, (l) => pf.rateA[l]!);
  const mPctPerMw = Float64Array.from(mRate, (rate) => 100 / rate);
  const baseOverloaded = Uint8Array.from(monitoredList, (l) =>
    Math.abs(baseFlow[l]!) > pf.rateA[l]! ? 1 : 0,
  );
  let nBaseOverloads = 0;
  for (let m = 0; m < nm; m++) nBaseOverloads += baseOverloaded[m]!;

  const top = new TopPairs(topK);
  const overloads: BranchPair[] | undefined = options.collectOverloads ? [] : undefined;
  const maxLoadingPct = new Float64Array(contingencies.length);
  const overloadCount = new Int32Array(contingencies.length);
  let nPairs = 0;
  let nPairsAbove = 0;
  let nPairsNew = 0;

  const rhs = new Float64Array(n * batch);
  for (let start = 0; start < contingencies.length; start += batch) {
    const count = Math.min(batch, contingencies.length - start);
    rhs.fill(0, 0, n * count);
    for (let c = 0; c < count; c++) {
      const k = contingencies[start + c]!;
      const f = position[pf.from[k]!]!;
      const t = position[pf.to[k]!]!;
      if (f >= 0) rhs[c * n + f]! += 1;
      if (t >= 0) rhs[c * n + t]! -= 1;
    }
    const block = rhs.subarray(0, n * count);
    const theta = system.solveMany(block, count, block);
    for (let c = 0; c < count; c++) {
      const k = contingencies[start + c]!;
      th.set(theta.subarray(c * n, (c + 1) * n));
      const h = system.bdc.b[k]! * (th[slot(pf.from[k]!)]! - th[slot(pf.to[k]!)]!);
      const scale = baseFlow[k]! / (1 - h);
      let worst = 0;
      let over = 0;
      for (let m = 0; m < nm; m++) {
        const post = mBase[m]! + mB[m]! * (th[mFrom[m]!]! - th[mTo[m]!]!) * scale;
        const abs = post < 0 ? -post : post;
        const loading = abs * mPctPerMw[m]!;
        if (loading <= worst && loading <= top.threshold && abs <= mRate[m]!) continue;
        const l = mBranch[m]!;
        if (l === k) continue;
        if (loading > worst) worst = loading;
        if (loading > top.threshold) top.offer(k, l, post, loading);
        if (abs > mRate[m]!) {
          over++;
          if (loading > 100.0001) nPairsAbove++;
          if (!baseOverloaded[m]) nPairsNew++;
          overloads?.push({ contingency: k, monitored: l, postFlow: post, loadingPct: loading });
        }
      }
      maxLoadingPct[start + c] = worst;
      overloadCount[start + c] = over;
      nPairs += over;
    }
    options.onProgress?.(start + count, contingencies.length);
  }

  const result: DcN1Result = {
    baseConverged: base.converged,
    baseFlow,
    nBranchInService,
    bridges,
    contingencies,
    nMonitored: nm,
    nBaseOverloads,
    nOverloadedPairs: nPairs,
    nOverloadedPairsAbove100_0001: nPairsAbove,
    nOverloadedPairsNotOverloadedInBase: nPairsNew,
    maxLoadingPct,
    overloadCount,
    top: top.list(),
  };
  if (overloads) result.overloads = overloads;
  return result;
}

/**
 * The K most loaded pairs, highest first; among equal loadings the first offered stays first
 * (contingencies and monitored branches are offered in ascending order).
 */
class TopPairs {
  private readonly items: BranchPair[] = [];
  threshold = -Infinity;
  constructor(private readonly k: number) {
    if (k <= 0) this.threshold = Infinity;
  }

  offer(contingency: number, monitored: number, postFlow: number, loadingPct: number): void {
    const items = this.items;
    let i = items.length;
    while (i > 0 && items[i - 1]!.loadingPct < loadingPct) i--;
    items.splice(i, 0, { contingency, monitored, postFlow, loadingPct });
    if (items.length > this.k) items.pop();
    if (items.length === this.k) this.threshold = items[this.k - 1]!.loadingPct;
  }

  list(): BranchPair[] {
    return [...this.items];
  }
}
