// Balance at one moment, before the power flow: demand per bus from the profiles, islands of
// the present topology, HVDC links at their set-points (blocked when either end has no
// energised AC system), then in each energised island the units' set-points are topped up by
// their response to the island's imbalance, within what each running unit can give by now
// (unit-dispatch.ts: fast response at once, ramps after; cold units nothing). What the main
// island of an area cannot cover is shed evenly over its load; a sub-island with its own
// frequency model (island-frequency.ts) carries a shortfall in its frequency instead, until
// its under-frequency shedding or its collapse settles it. An island without a source loses
// its load. The power flow's reference bus then only takes the losses.
import { findIslands, type SnapshotInputs } from '@finest/grid';
import { profileAt } from './clock.ts';
import { responseBounds, shareNeed, type ResponseBounds } from './unit-dispatch.ts';
import { sameBytes } from './same-bytes.ts';
import type { IslandsNow, WorkingState } from './working-state.ts';

export interface Balance {
  /** per bus, MW */
  demandMW: Float64Array;
  servedMW: Float64Array;
  /** per bus, MW shed by UFLS, by island deficit, and lost with a dead island or substation */
  uflsShedMW: Float64Array;
  deficitShedMW: Float64Array;
  lostMW: Float64Array;
  /** per bus, MW disconnected on purpose: system protection schemes and the operator */
  controlledShedMW: Float64Array;
  /** per generator and link, MW */
  generatorMW: Float64Array;
  /** per generator, MW of its set-point now (the output before any response) */
  setpointMW: Float64Array;
  /** per generator, what its response may be now (MW relative to its set-point) */
  bounds: ResponseBounds;
  /** per generator, its island */
  islandOfUnit: Int32Array;
  hvdcMW: Float64Array;
  /** per bus, its island; per island, energised (has a source) */
  islandOf: Int32Array;
  energised: boolean[];
  /** per island, MW of deficit shed */
  islandDeficitMW: Float64Array;
  /** per island: a key that stays the same while its buses do (lowest bus index : size) */
  islandKey: string[];
  /** per island: energised, not the main island of its area and not purely external */
  subIsland: boolean[];
  /** per island, MW: set-points + HVDC in − load served − losses, before the response (> 0 surplus) */
  islandNetMW: Float64Array;
  /** per island, MW of losses the units cover (WorkingState.islandLossMW) */
  islandLossMW: Float64Array;
  /** per island, MW the units' response could not cover (> 0 short), left to frequency */
  islandResidualMW: Float64Array;
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
  // the country's profile value and scalings, once per country and area, not per bus
  const byCountry = new Map<string, { base: number; factor: number; offset: number }>();
  const areaFactor = new Map<string, number>();
  for (let i = 0; i < nBus; i++) {
    const c = s.busCountry[i]!;
    const share = s.demandShare[i]!;
    if (share === 0) continue;
    let country = byCountry.get(c);
    if (country === undefined) {
      const series = (profiles.demand.series as Record<string, number[] | undefined>)[c];
      country = {
        base: series ? profileAt(series, hour) : 0,
        factor: s.demandFactor.get(c) ?? 1,
        offset: s.demandOffsetMW.get(c) ?? 0,
      };
      byCountry.set(c, country);
    }
    const area = s.busArea[i]!;
    let inArea = areaFactor.get(area);
    if (inArea === undefined) {
      inArea = s.demandFactor.get(`area:${area}`) ?? 1;
      areaFactor.set(area, inArea);
    }
    demandMW[i] = Math.max(
      0,
      share * (country.base * (country.factor * inArea) + country.offset),
    );
  }

  // available output per unit now (wind follows its capacity factor, reserves ramp up; a unit
  // that is not running gives nothing) and its set-point
  const available = new Float64Array(nGen);
  const setpoint = new Float64Array(nGen);
  const genBus = s.genBus;
  net.generators.forEach((g, k) => {
    const i = genBus[k]!;
    if (!g.inService || !s.busOn[i]) return;
    const ramp = s.reserveRamp.get(k);
    if (!ramp && !s.committed[k]) return;
    let cap = s.availableMW[k]!;
    if (ramp) cap = ramp.rampS > 0 ? ramp.MW * Math.min(1, (t - ramp.at) / ramp.rampS) : ramp.MW;
    available[k] = Math.max(0, cap);
    if (s.isWind[k]) {
      const cf = (profiles.wind.series as Record<string, number[] | undefined>)[s.busCountry[i]!];
      setpoint[k] = cf ? available[k]! * profileAt(cf, hour) : 0;
    } else setpoint[k] = Math.min(s.setpointMW[k]!, available[k]!);
  });

  // islands follow the switching state: a bus the last power flow left dead (type NONE) is
  // connected again as soon as it is in service (a restored substation, a re-energised island)
  net.buses.forEach((bus, i) => {
    bus.type = s.busOn[i] ? s.originalBusType[i]! : 'NONE';
  });
  const { islands, islandOf, islandKey, externalOnly, areaOfIsland, islandsOfArea } = islandsOf(s);
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

  // the island of each area that carries its frequency: the one holding the area's largest
  // external equivalent (the rest of the synchronous area), else the energised one with most
  // capacity and demand. A domestic part cut off from the external equivalents is a sub-island.
  const externalMW = new Float64Array(nIsland);
  const weight = new Float64Array(nIsland);
  for (let k = 0; k < nGen; k++) {
    const isl = islandOf[genBus[k]!]!;
    add(weight, isl, available[k]!);
    if (net.generators[k]!.technology === 'external') add(externalMW, isl, available[k]!);
  }
  for (let i = 0; i < nBus; i++) add(weight, islandOf[i]!, demandMW[i]!);
  const mainIsland = new Map<string, number>();
  for (const area of s.areaModels.keys()) {
    let best = -1;
    for (const k of islandsOfArea.get(area) ?? []) {
      if (!energised[k]) continue;
      const better =
        best < 0 ||
        externalMW[k]! > externalMW[best]! ||
        (externalMW[k] === externalMW[best] && weight[k]! > weight[best]!);
      if (better) best = k;
    }
    mainIsland.set(area, best);
  }
  const isMain = new Array<boolean>(nIsland).fill(false);
  for (const k of mainIsland.values()) if (k >= 0) isMain[k] = true;
  const subIsland = islands.map(
    (_, k) => energised[k]! && !isMain[k] && !externalOnly[k] && externalMW[k] === 0,
  );

  const uflsShedMW = new Float64Array(nBus);
  const lostMW = new Float64Array(nBus);
  const controlledShedMW = new Float64Array(nBus);
  const load = new Float64Array(nIsland);
  for (let i = 0; i < nBus; i++) {
    const d = demandMW[i]!;
    if (d === 0) continue;
    const k = islandOf[i]!;
    if (!s.busOn[i] || !energised[k]) {
      lostMW[i] = d;
      continue;
    }
    const ufls = subIsland[k]
      ? (s.islandUflsShare.get(islandKey[k]!) ?? 0)
      : (s.uflsShare.get(s.busArea[i]!) ?? 0);
    uflsShedMW[i] = d * ufls;
    controlledShedMW[i] = Math.min(d - uflsShedMW[i]!, s.spsShedMW[i]! + s.operatorShedMW[i]!);
    add(load, k, d - uflsShedMW[i]! - controlledShedMW[i]!);
  }

  const supply = new Float64Array(nIsland);
  for (let k = 0; k < nGen; k++) add(supply, islandOf[genBus[k]!]!, setpoint[k]!);

  const areaNetMW = new Map<string, number>();
  for (const [area, main] of mainIsland) {
    let sum = 0;
    for (let k = 0; k < nIsland; k++) {
      if (k === main || (externalOnly[k] && energised[k] && areaOfIsland[k] === area))
        sum += supply[k]! + hvdcInto[k]! - load[k]!;
    }
    areaNetMW.set(area, sum);
  }

  // each island's imbalance, covered by the units' response within what they can give by now
  const onItsOwn = new Uint8Array(nGen);
  const islandOfUnit = new Int32Array(nGen);
  for (let k = 0; k < nGen; k++) {
    islandOfUnit[k] = islandOf[genBus[k]!]!;
    onItsOwn[k] = subIsland[islandOfUnit[k]!] ? 1 : 0;
  }
  const bounds = responseBounds(s, available, setpoint, t, onItsOwn);
  const unitsOf: number[][] = islands.map(() => []);
  for (let k = 0; k < nGen; k++) if (available[k]! > 0) unitsOf[islandOf[genBus[k]!]!]!.push(k);
  const response = new Float64Array(nGen);
  const islandNetMW = new Float64Array(nIsland);
  const islandResidualMW = new Float64Array(nIsland);
  const islandDeficitMW = new Float64Array(nIsland);
  const islandLossMW = new Float64Array(nIsland);
  for (let k = 0; k < nIsland; k++) {
    if (!energised[k]) continue;
    islandLossMW[k] = s.islandLossMW.get(islandKey[k]!) ?? 0;
    islandNetMW[k] = supply[k]! + hvdcInto[k]! - load[k]! - islandLossMW[k]!;
    const residual = shareNeed(unitsOf[k]!, -islandNetMW[k]!, bounds, s.ratedMW, response);
    islandResidualMW[k] = residual;
    // after a sudden change, what the units cannot give yet is carried in frequency: by the
    // whole area where the island holds its external equivalents (the area model), by the
    // island where it has its own model; in the planned starting state it is a shortage, shed
    const carried =
      Number.isFinite(s.disturbanceAt) &&
      ((subIsland[k]! && s.islandZones.has(islandKey[k]!)) || (isMain[k]! && externalMW[k]! > 0));
    // in the planned state the market's schedule did not buy the losses: where the units fall
    // short of them, the power flow's reference takes them, as before the first solution
    const shortage = Number.isFinite(s.disturbanceAt) ? residual : residual - islandLossMW[k]!;
    if (!carried && shortage > 1e-9 && load[k]! > 0)
      islandDeficitMW[k] = Math.min(shortage, load[k]!);
  }
  const generatorMW = new Float64Array(nGen);
  for (let k = 0; k < nGen; k++) generatorMW[k] = setpoint[k]! + response[k]!;
  const deficitShedMW = new Float64Array(nBus);
  const servedMW = new Float64Array(nBus);
  for (let i = 0; i < nBus; i++) {
    const k = islandOf[i]!;
    const left = demandMW[i]! - uflsShedMW[i]! - lostMW[i]! - controlledShedMW[i]!;
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
    controlledShedMW,
    generatorMW,
    setpointMW: setpoint,
    bounds,
    islandOfUnit,
    hvdcMW,
    islandOf,
    energised,
    islandDeficitMW,
    islandKey,
    subIsland,
    islandNetMW,
    islandLossMW,
    islandResidualMW,
    mainIsland,
    areaNetMW,
  };
}

/**
 * The islands of the present switching state and what depends only on them, found again only
 * when a branch or a bus changes state (most steps of a run switch nothing).
 */
function islandsOf(s: WorkingState): IslandsNow {
  const { net } = s;
  const signature = new Uint8Array(net.branches.length + net.buses.length);
  net.branches.forEach((br, l) => {
    signature[l] = br.inService ? 1 : 0;
  });
  signature.set(s.busOn, net.branches.length);
  const cached = s.islandCache;
  if (cached && sameBytes(cached.signature, signature)) return cached.islands;
  const { islands, islandOf } = findIslands(net);
  const first = islands.map((isl) => isl.buses.map((id) => s.busIndex.get(id)!));
  const now: IslandsNow = {
    islands,
    islandOf,
    islandKey: first.map((buses) => `${Math.min(...buses)}:${buses.length}`),
    externalOnly: first.map((buses) => buses.every((i) => net.buses[i]!.external === true)),
    areaOfIsland: first.map((buses) => s.busArea[buses[0]!]!),
    islandsOfArea: new Map(),
  };
  first.forEach((buses, k) => {
    for (const area of new Set(buses.map((i) => s.busArea[i]!))) {
      const list = now.islandsOfArea.get(area) ?? [];
      list.push(k);
      now.islandsOfArea.set(area, list);
    }
  });
  // the key names the topology for caches keyed on it (run.ts): a new one at every change
  s.islandCache = { key: `topology ${++s.topologyChanges}`, signature, islands: now };
  return now;
}

