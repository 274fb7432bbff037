// The one infeasibility that can be named before any solve: an island whose units cannot meet
// its demand (or cannot come down to it) whatever the network does. In the DC model an
// island's branch flows sum to zero over its buses (Pbusinj too), so its balance is
//
//   Σ Pmin ≤ Σ (Pd + Gs − P_hvdc) ≤ Σ Pmax     over the island's buses and in-service units,
//
// and a unit with Pmin > Pmax is infeasible on its own. The LP would find the same, but only as
// "infeasible"; this says where and by how much.
import type { PfCase } from '../model/pf-case.ts';
import { findPfIslands } from '../model/pf-islands.ts';

/** MW: demand and capacity closer than this (relative to the demand, at least 1 MW) agree */
const TOLERANCE = 1e-9;

const mw = (v: number): string => `${Number(v.toFixed(3))} MW`;

/**
 * Why the units cannot balance some island, naming the first such island, or null.
 * @param Pmin, Pmax MW per generator (in-service units are read)
 */
export function islandBalanceProblem(
  pf: PfCase,
  Pmin: Float64Array,
  Pmax: Float64Array,
): string | null {
  for (let k = 0; k < pf.nGen; k++) {
    if (pf.genOn[k] && Pmin[k]! > Pmax[k]!) {
      return (
        `infeasible: generator ${k + 1} at bus ${pf.busIds[pf.genBus[k]!]} has PMIN ` +
        `${mw(Pmin[k]!)} above its PMAX ${mw(Pmax[k]!)}`
      );
    }
  }
  const { count, islandOf } = findPfIslands(pf);
  const demand = new Float64Array(count);
  const low = new Float64Array(count);
  const high = new Float64Array(count);
  const units = new Int32Array(count);
  const buses = new Int32Array(count);
  const first = new Int32Array(count).fill(-1);
  for (let i = 0; i < pf.nBus; i++) {
    const s = islandOf[i]!;
    if (s < 0) continue;
    if (first[s] === -1) first[s] = i;
    buses[s]!++;
    demand[s]! += pf.Pd[i]! + pf.Gs[i]! - pf.Phvdc[i]!;
  }
  for (let k = 0; k < pf.nGen; k++) {
    const s = islandOf[pf.genBus[k]!]!;
    if (!pf.genOn[k] || s < 0) continue;
    units[s]!++;
    low[s]! += Pmin[k]!;
    high[s]! += Pmax[k]!;
  }
  for (let s = 0; s < count; s++) {
    const d = demand[s]!;
    const tol = TOLERANCE * Math.max(1, Math.abs(d));
    if (d <= high[s]! + tol && d >= low[s]! - tol) continue;
    const n = buses[s]!;
    const where = `island of bus ${pf.busIds[first[s]!]} (${n} bus${n === 1 ? '' : 'es'})`;
    if (units[s] === 0) return `infeasible: ${where} has a load of ${mw(d)} and no in-service unit`;
    return d > high[s]!
      ? `infeasible: ${where} has a load of ${mw(d)} above its units' total PMAX ${mw(high[s]!)}`
      : `infeasible: ${where} has a load of ${mw(d)} below its units' total PMIN ${mw(low[s]!)}`;
  }
  return null;
}
