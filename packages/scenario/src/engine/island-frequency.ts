// A sub-island (a part of an area cut off from its main island, with units of its own) has its
// own frequency: the same aggregate model as a synchronous area (frequency.ts), with the
// island's own parameters taken from the units running in it when it forms:
//   kinetic energy  Σ H_k · rated_k                     (unit-defaults.ts inertia constants)
//   containment     every running unit's headroom (footroom) now: in an island on its own
//                   all synchronous units are on their governors' droop
//   restoration     the same headroom, at the pace of the units' ramps
// The reserves follow the units' outputs as the island's balance changes (refreshIslandReserves).
//   damping, UFLS   the area's (percentages of the island's load)
// HVDC links into the island stay at their set-points: an injection, not a source that
// follows the island's need. If the island's frequency leaves 47.5–51.5 Hz its synchronous
// units trip (COLLAPSE_BELOW_HZ) and it blacks out.
import { COLLAPSE_ABOVE_HZ, COLLAPSE_BELOW_HZ, type AreaModel } from './area-defaults.ts';
import type { Balance } from './balance.ts';
import { initialFrequencyState, type FrequencyState } from './frequency.ts';
import { rampMWPerS } from './unit-dispatch.ts';
import type { WorkingState } from './working-state.ts';

export interface IslandZone {
  /** Balance.islandKey of the island */
  key: string;
  /** the synchronous area it broke away from */
  area: string;
  /** bus indices of the island */
  buses: number[];
  /** generator indices running in it when it formed */
  units: number[];
  model: AreaModel;
  state: FrequencyState;
}

/** s, bounds on the restoration time constant of a sub-island (its units' ramps) */
const RESTORATION_S = { min: 60, max: 3600 };

/** The frequency model of island k of a balance, from the units running in it. */
export function islandModel(
  s: WorkingState,
  b: Balance,
  k: number,
  areaModel: AreaModel,
): { model: AreaModel; units: number[]; buses: number[] } {
  const { net } = s;
  const buses: number[] = [];
  let load = 0;
  for (let i = 0; i < b.islandOf.length; i++) {
    if (b.islandOf[i] !== k) continue;
    buses.push(i);
    load += b.demandMW[i]!;
  }
  const units: number[] = [];
  let kineticMWs = 0;
  let headroom = 0;
  let rampPerS = 0;
  net.generators.forEach((g, u) => {
    if (b.islandOf[s.busIndex.get(g.bus)!] !== k || !g.inService) return;
    if (!s.committed[u] && !s.reserveRamp.has(u)) return;
    units.push(u);
    kineticMWs += s.dynamics[u]!.inertiaS * s.ratedMW[u]!;
    headroom += Math.max(0, s.availableMW[u]! - b.generatorMW[u]!);
    rampPerS += rampMWPerS(s, u);
  });
  const restorationS =
    rampPerS > 0
      ? Math.min(RESTORATION_S.max, Math.max(RESTORATION_S.min, headroom / rampPerS))
      : RESTORATION_S.max;
  const model: AreaModel = {
    ...areaModel,
    kineticEnergyGWs: kineticMWs / 1000,
    areaLoadMW: Math.max(load, 1),
    fcrNormal: { ...areaModel.fcrNormal, MW: 0 },
    // the reserves themselves follow the balance (refreshIslandReserves)
    fcrDisturbance: { ...areaModel.fcrDisturbance, upMW: 0, downMW: 0 },
    restorationTimeS: restorationS,
    restorationMaxMW: { up: 0, down: 0 },
    ufls: areaModel.ufls.map((st) => ({ ...st })),
  };
  delete model.ffr;
  return { model, units, buses };
}

/** The island's reserves from its units' outputs now (they move with the balance). */
export function refreshIslandReserves(s: WorkingState, b: Balance, zone: IslandZone): void {
  let up = 0;
  let down = 0;
  for (const u of zone.units) {
    const g = s.net.generators[u]!;
    if (!g.inService) continue;
    const P = b.generatorMW[u]!;
    up += Math.max(0, s.availableMW[u]! - P);
    down += Math.max(0, P - Math.max(0, g.Pmin));
  }
  zone.model.fcrDisturbance.upMW = up;
  zone.model.fcrDisturbance.downMW = down;
  zone.model.restorationMaxMW = { up, down };
}

/** A new zone for island k; its disturbance is what its units gave too little just before. */
export function createIslandZone(
  s: WorkingState,
  b: Balance,
  k: number,
  area: string,
  areaModel: AreaModel,
  /** MW, the island's supply − load with the units at their output just before it formed */
  netBeforeMW: number,
): IslandZone {
  const { model, units, buses } = islandModel(s, b, k, areaModel);
  const state = initialFrequencyState();
  state.disturbance = -netBeforeMW;
  const zone = { key: b.islandKey[k]!, area, buses, units, model, state };
  refreshIslandReserves(s, b, zone);
  return zone;
}

/** Whether a frequency has left the range the island's synchronous units hold on in. */
export const collapses = (minHz: number, maxHz: number): boolean =>
  minHz < COLLAPSE_BELOW_HZ || maxHz > COLLAPSE_ABOVE_HZ;
