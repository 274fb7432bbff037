// Overload protection of branches as a thermal budget (an I²t relay). With loading L (per unit
// of RATE_A), a branch heats while L > 1 and cools while L < 1:
//
//   dθ/dt = L² − 1   (θ ≥ 0),      trip when θ ≥ K,   K = delay120 · (1.2² − 1)
//
// so a constant 120 % overload trips after delay120 s, 150 % after K / 1.25 s, and so on;
// above the instantaneous setting a branch trips after a fixed relay delay. Each relay's K is
// scattered by ±jitter % from the run's seed (relay tolerance), so cascades are reproducible
// per seed. Reference: IEC 60255-149 (thermal electrical relays), simplified to one time
// constant per branch.
import type { ScenarioOptions } from '../schema/scenario.ts';

export interface ProtectionState {
  /** thermal budget θ per branch, s */
  theta: Float64Array;
  /** K per branch, s (Infinity for unrated branches) */
  limit: Float64Array;
  /** per-unit rating scale per branch (> 1 for tolerated base-case overloads) */
  ratingScale: Float64Array;
}

export function createProtection(
  nBranch: number,
  rated: (l: number) => boolean,
  options: ScenarioOptions['protection'],
  random: () => number,
): ProtectionState {
  const K = options.delayAt120PctS * (1.2 * 1.2 - 1);
  const limit = new Float64Array(nBranch);
  for (let l = 0; l < nBranch; l++) {
    const scatter = 1 + ((2 * random() - 1) * options.delayJitterPct) / 100;
    limit[l] = rated(l) ? K * scatter : Infinity;
  }
  return {
    theta: new Float64Array(nBranch),
    limit,
    ratingScale: new Float64Array(nBranch).fill(1),
  };
}

/** Loading in per unit of the protection rating. */
export const effectiveLoading = (p: ProtectionState, l: number, loadingPu: number): number =>
  loadingPu / p.ratingScale[l]!;

/** Integrates the budgets over dt s at the given loadings (per unit of RATE_A). */
export function heatBranches(
  p: ProtectionState,
  loadingPu: Float64Array,
  inService: (l: number) => boolean,
  dt: number,
): void {
  for (let l = 0; l < p.theta.length; l++) {
    if (!inService(l) || !Number.isFinite(p.limit[l]!)) {
      p.theta[l] = 0;
      continue;
    }
    const L = effectiveLoading(p, l, loadingPu[l]!);
    p.theta[l] = Math.max(0, p.theta[l]! + (L * L - 1) * dt);
  }
}

/**
 * Seconds from now until branch l trips at constant loading, or Infinity. The instantaneous
 * stage wins when the loading is above its setting.
 */
export function timeToTrip(
  p: ProtectionState,
  l: number,
  loadingPu: number,
  options: ScenarioOptions['protection'],
): number {
  if (!Number.isFinite(p.limit[l]!)) return Infinity;
  const L = effectiveLoading(p, l, loadingPu);
  if (L * 100 > options.instantaneousPct) return options.instantaneousDelayS;
  if (L <= 1) return Infinity;
  return Math.max(0, (p.limit[l]! - p.theta[l]!) / (L * L - 1));
}
