// Balance at one moment, before the power flow: demand per bus from the profiles, islands of
// the present topology, HVDC links (blocked when either end has no energised AC system), then
// in each energised island the units' scheduled output is adjusted to the island's demand,
// shared by headroom among its in-service units — the external equivalents within their
// stated limits too — and what headroom cannot cover is shed evenly over the island's load.
// An island without a source loses its load. The power flow's reference bus then only takes
// the losses.
import { findIslands, type SnapshotInputs } from '@finest/grid';
import { profileAt } from './clock.ts';
import type { WorkingState } from './working-state.ts';

export interface Balance {
  /** per bus, MW */
  demandMW: Float64Array;
  servedMW: Float64Array;
  /** per bus, MW shed by UFLS, by island deficit, and lost with a dead island or substation */
  uflsShedMW: Float64Array;
  deficitShedMW: Float64Array;
  lostMW: Float64Array;
  /** per generator and link, MW */
  generatorMW: Float64Array;
  hvdcMW: Float64Array;
  /** per bus, its island; per island, energised (has a source) */
  islandOf: Int32Array;
  energised: boolean[];
  /** per island, MW of deficit shed */
  islandDeficitMW: Float64Array;
  /** per area, the island that carries its frequency (−1 when none) */
  mainIsland: Map<string, number>;
  /**
   * per area, supply − served demand (MW) of its main island plus its purely external islands
   * (the rest of the synchronous area), before balancing: a step change across an event is an
   * unplanned imbalance for the frequency model.
   */
  areaNetMW: Map<string, number>;
}

const HVDC_OVERLOAD = 1.05;

/** a[k] += v on a typed array (noUncheckedIndexedAccess-friendly) */
const add = (a: Float64Array, k: number, v: number): void => {
  a[k] = a[k]! + v;
};

export function balanceAt(
  s: WorkingState,
  profiles: SnapshotInputs,
  hour: number,
  t: number,
): Balance {
  const { net } = s;
  const nBus = net.buses.length;
  const nGen = net.generators.length;
  const demandMW = new Float64Array(nBus);
  for (let i = 0; i < nBus; i++) {
    const c = s.busCountry[i]!;
    const share = s.demandShare[i]!;
    if (share === 0) continue;
    const series = (profiles.demand.series as Record<string, number[] | undefined>)[c];
    const base = series ? profileAt(series, hour) : 0;
    const factor = (s.demandFactor.get(c) ?? 1) * (s.demandFactor.get(`area:${s.busArea[i]}`) ?? 1);
    demandMW[i] = Math.max(0, share * (base * factor + (s.demandOffsetMW.get(c) ?? 0)));
  }

  // available output per unit now (wind follows its capacity factor, reserves ramp up)
  const available = new Float64Array(nGen);
  const scheduled = new Float64Array(nGen);
  const genBus = new Int32Array(nGen);
  net.generators.forEach((g, k) => {
    const i = s.busIndex.get(g.bus)!;
    genBus[k] = i;
    if (!g.inService || !s.busOn[i]) return;
    let cap = s.availableMW[k]!;
    const ramp = s.reserveRamp.get(k);
    if (ramp) cap = ramp.rampS > 0 ? ramp.MW * Math.min(1, (t - ramp.at) / ramp.rampS) : ramp.MW;
    available[k] = Math.max(0, cap);
    if (s.isWind[k]) {
      const cf = (profiles.wind.series as Record<string, number[] | undefined>)[s.busCountry[i]!];
      scheduled[k] = cf ? available[k]! * profileAt(cf, hour) : 0;
    } else scheduled[k] = Math.min(s.scheduledMW[k]!, available[k]!);
  });

  const topologyKey = `${net.branches.map((br) => (br.inService ? 1 : 0)).join('')}|${s.busOn.join('')}`;
  if (s.islandCache?.key !== topologyKey)
    s.islandCache = { key: topologyKey, result: findIslands(net) };
  const { islands, islandOf } = s.islandCache.result;
  const nIsland = islands.length;
  const energised = new Array<boolean>(nIsland).fill(false);
  for (let k = 0; k < nGen; k++) if (available[k]! > 0) energised[islandOf[genBus[k]!]!] = true;

  const hvdcMW = new Float64Array(net.hvdcLinks.length);
  const hvdcInto = new Float64Array(nIsland);
  net.hvdcLinks.forEach((h, k) => {
    const f = islandOf[s.busIndex.get(h.from)!]!;
    const to = islandOf[s.busIndex.get(h.to)!]!;
    if (!h.inService || !energised[f] || !energised[to]) return;
    const P = Math.max(HVDC_OVERLOAD * h.Pmin, Math.min(HVDC_OVERLOAD * h.Pmax, h.P));
    hvdcMW[k] = P;
    add(hvdcInto, f, -P);
    add(hvdcInto, to, P);
  });

  const uflsShedMW = new Float64Array(nBus);
  const lostMW = new Float64Array(nBus);
  const load = new Float64Array(nIsland);
  for (let i = 0; i < nBus; i++) {
    const d = demandMW[i]!;
    if (d === 0) continue;
    if (!s.busOn[i] || !energised[islandOf[i]!]) {
      lostMW[i] = d;
      continue;
    }
    uflsShedMW[i] = d * (s.uflsShare.get(s.busArea[i]!) ?? 0);
    add(load, islandOf[i]!, d - uflsShedMW[i]!);
  }

  const supply = new Float64Array(nIsland);
  for (let k = 0; k < nGen; k++) add(supply, islandOf[genBus[k]!]!, scheduled[k]!);

  // the island of each area that carries its frequency: the energised one with most capacity
  const mainIsland = new Map<string, number>();
  const capacity = new Float64Array(nIsland);
  for (let k = 0; k < nGen; k++) add(capacity, islandOf[genBus[k]!]!, available[k]!);
  for (const area of s.areaModels.keys()) {
    let best = -1;
    for (let i = 0; i < nBus; i++) {
      const k = islandOf[i]!;
      if (s.busArea[i] !== area || !energised[k]) continue;
      if (best < 0 || capacity[k]! + load[k]! > capacity[best]! + load[best]!) best = k;
    }
    mainIsland.set(area, best);
  }
  const externalOnly = islands.map((isl) =>
    isl.buses.every((id) => net.buses[s.busIndex.get(id)!]!.external === true),
  );
  const areaNetMW = new Map<string, number>();
  for (const [area, main] of mainIsland) {
    let sum = 0;
    for (let k = 0; k < nIsland; k++) {
      const areaOfIsland = s.busArea[s.busIndex.get(islands[k]!.buses[0]!)!];
      if (k === main || (externalOnly[k] && energised[k] && areaOfIsland === area))
        sum += supply[k]! + hvdcInto[k]! - load[k]!;
    }
    areaNetMW.set(area, sum);
  }

  // share each island's imbalance by headroom (or footroom)
  const generatorMW = Float64Array.from(scheduled);
  const need = new Float64Array(nIsland);
  for (let k = 0; k < nIsland; k++) need[k] = load[k]! - supply[k]! - hvdcInto[k]!;
  const room = new Float64Array(nIsland);
  for (let k = 0; k < nGen; k++) {
    const isl = islandOf[genBus[k]!]!;
    if (available[k]! <= 0) continue;
    const g = net.generators[k]!;
    add(
      room,
      isl,
      need[isl]! > 0 ? available[k]! - scheduled[k]! : scheduled[k]! - Math.max(0, g.Pmin),
    );
  }
  for (let k = 0; k < nGen; k++) {
    const isl = islandOf[genBus[k]!]!;
    if (available[k]! <= 0 || room[isl]! <= 0) continue;
    const g = net.generators[k]!;
    const mine =
      need[isl]! > 0 ? available[k]! - scheduled[k]! : scheduled[k]! - Math.max(0, g.Pmin);
    const share = Math.min(1, Math.abs(need[isl]!) / room[isl]!);
    generatorMW[k] = scheduled[k]! + Math.sign(need[isl]!) * share * mine;
  }
  const islandDeficitMW = new Float64Array(nIsland);
  for (let k = 0; k < nIsland; k++)
    if (energised[k] && need[k]! > room[k]! && load[k]! > 0)
      islandDeficitMW[k] = need[k]! - room[k]!;
  const deficitShedMW = new Float64Array(nBus);
  const servedMW = new Float64Array(nBus);
  for (let i = 0; i < nBus; i++) {
    const k = islandOf[i]!;
    const left = demandMW[i]! - uflsShedMW[i]! - lostMW[i]!;
    if (left <= 0) continue;
    deficitShedMW[i] = load[k]! > 0 ? (left * islandDeficitMW[k]!) / load[k]! : 0;
    servedMW[i] = left - deficitShedMW[i]!;
  }
  return {
    demandMW,
    servedMW,
    uflsShedMW,
    deficitShedMW,
    lostMW,
    generatorMW,
    hvdcMW,
    islandOf,
    energised,
    islandDeficitMW,
    mainIsland,
    areaNetMW,
  };
}
