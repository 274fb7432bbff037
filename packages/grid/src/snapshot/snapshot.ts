// A balanced case of the FI–EE network for one hour of the 2015 profiles:
//   1. demand: each country's hourly MW shared over its substations by the allocation weights
//      (normalised over the buses present), reactive demand at power factor 0.98;
//   2. sources per zone (the AC island holding most of a country's demand): its units (wind at
//      Pmax × capacity factor, run-of-river hydro at a fixed share), the external equivalents in
//      that island, and HVDC links from external islands (Fenno-Skan) priced as their far end;
//   3. merit order per zone, and the FI→EE Estlink schedule T (|T| ≤ the links' capacity) that
//      minimises the total cost, searched in steps; T is split over the links by capacity.
// Each island's REF bus then takes up the losses in the power flow. The costs are assumed
// short-run marginal costs that only order the units; they are not market data.
import type { Generator, Network } from '../schema/network.ts';
import { findIslands } from '../topology/islands.ts';
import type { SnapshotInputs } from './dataset.ts';
import { meritOrderOf, type Source } from './merit-order.ts';
import { applyTopology, type TopologyName } from './topology.ts';

export const SNAPSHOT_DEFAULTS = {
  /** €/MWh by technology (assumed; orders the units) */
  cost: {
    wind: 0,
    nuclear: 5,
    hydro: 10,
    biomass: 30,
    'hydro-storage': 35,
    'oil-shale': 45,
    coal: 60,
    mixed: 65,
    gas: 70,
    oil: 120,
  } as Record<string, number>,
  /** €/MWh of the systems behind the external equivalents (assumed) */
  externalCost: { NO: 20, SE: 25, LV: 55 } as Record<string, number>,
  /** €/MWh for technologies not listed */
  otherCost: 100,
  /** €/MWh of a CHP unit in the heating season: heat-led, its electricity is a by-product that
   *  runs before condensing plants (assumed; facts D05: 68 % of Helen's supply from CHP) */
  chpHeatingSeasonCost: 8,
  /** months (1–12) of the district-heating season in which CHP runs heat-led (assumed) */
  heatingSeasonMonths: [10, 11, 12, 1, 2, 3, 4],
  /** €/MWh of the peak-load and emergency reserves: started only when the market cannot cover
   *  demand (facts B19: Kiisa emergency reserve energy 5,000 €/MWh; the same for Finland's
   *  peak-load reserve, assumed). Disturbance reserves never run in a snapshot. */
  reserveCost: 5_000,
  /** €/MWh of demand left unserved, so shortfall is the last resort */
  valueOfLostLoad: 10_000,
  /** share of Pmax that run-of-river hydro gives in an average hour (assumed) */
  hydroAvailability: 0.6,
  /** Qd / Pd at power factor 0.98 */
  reactivePerActive: Math.tan(Math.acos(0.98)),
  /** MW step of the Estlink schedule search */
  exchangeStepMW: 10,
};

/**
 * €/MWh a unit bids in the merit order (assumed short-run marginal costs; see SNAPSHOT_DEFAULTS):
 * CHP heat-led in the heating season, reserves at the reserve price, external equivalents at
 * their system's price. The same figures order the operator's re-dispatch in the engine.
 */
export function unitCostEurPerMWh(g: Generator, country: string, heatingSeason: boolean): number {
  if (g.reserve) return SNAPSHOT_DEFAULTS.reserveCost;
  if (g.technology === 'external')
    return SNAPSHOT_DEFAULTS.externalCost[country] ?? SNAPSHOT_DEFAULTS.otherCost;
  if (g.chp && heatingSeason) return SNAPSHOT_DEFAULTS.chpHeatingSeasonCost;
  return SNAPSHOT_DEFAULTS.cost[g.technology ?? ''] ?? SNAPSHOT_DEFAULTS.otherCost;
}

/** Whether an hour of the profile year falls in the district-heating season. */
export function isHeatingSeason(inputs: SnapshotInputs, hour: number): boolean {
  const month = new Date(Date.parse(inputs.demand.start) + hour * 3_600_000).getUTCMonth() + 1;
  return SNAPSHOT_DEFAULTS.heatingSeasonMonths.includes(month);
}

export interface SnapshotOptions {
  /** overrides of SNAPSHOT_DEFAULTS */
  hydroAvailability?: number;
  /** synchronous arrangement, default 'current' (see topology.ts) */
  topology?: TopologyName;
}

export interface SnapshotSummary {
  hour: number;
  time: string;
  demandMW: Record<string, number>;
  /** MW, positive FI → EE */
  estlinkMW: number;
  unservedMW: Record<string, number>;
}

/** Hour of the profile year for an hour index or an ISO date-time (any year: by hour of year). */
export function hourOf(when: number | string, hours: number): number {
  if (typeof when === 'number') {
    if (!Number.isInteger(when) || when < 0 || when >= hours)
      throw new RangeError(`snapshot: hour ${when} is not in 0..${hours - 1}`);
    return when;
  }
  const t = Date.parse(when);
  if (Number.isNaN(t)) throw new RangeError(`snapshot: "${when}" is not a date-time`);
  const yearStart = Date.UTC(new Date(t).getUTCFullYear(), 0, 1);
  return Math.min(Math.floor((t - yearStart) / 3_600_000), hours - 1);
}

export function snapshotForHour(
  net: Network,
  inputs: SnapshotInputs,
  when: number | string,
  options: SnapshotOptions = {},
): { network: Network; summary: SnapshotSummary } {
  const hour = hourOf(when, inputs.demand.hours);
  // the snapshot is written in place: on a copy of its own (applyTopology copies the network
  // when it changes the arrangement, and returns it as it is when it does not)
  const arranged = applyTopology(net, options.topology ?? 'current');
  const out: Network = arranged === net ? structuredClone(net) : arranged;
  const hydroShare = options.hydroAvailability ?? SNAPSHOT_DEFAULTS.hydroAvailability;
  const { islandOf } = findIslands(out);
  const busIndex = new Map(out.buses.map((b, i) => [b.id, i]));
  const countryOfBus = (id: string): string => out.buses[busIndex.get(id)!]!.country ?? '';
  const heatingSeason = isHeatingSeason(inputs, hour);

  // 1. demand
  for (const b of out.buses) {
    b.Pd = 0;
    b.Qd = 0;
  }
  const demandMW: Record<string, number> = {};
  const zoneIsland: Record<string, number> = {};
  for (const country of ['FI', 'EE'] as const) {
    const total = inputs.demand.series[country][hour]!;
    const weights = Object.entries(inputs.allocation.weights[country] ?? {}).filter(([id]) => {
      const i = busIndex.get(id);
      return i !== undefined && out.buses[i]!.type !== 'NONE';
    });
    const sum = weights.reduce((s, [, w]) => s + w, 0);
    const byIsland = new Map<number, number>();
    for (const [id, w] of weights) {
      const bus = out.buses[busIndex.get(id)!]!;
      bus.Pd = (total * w) / sum;
      bus.Qd = bus.Pd * SNAPSHOT_DEFAULTS.reactivePerActive;
      const island = islandOf[busIndex.get(id)!]!;
      byIsland.set(island, (byIsland.get(island) ?? 0) + bus.Pd);
    }
    demandMW[country] = total;
    zoneIsland[country] =
      [...byIsland.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? -1;
  }

  // 2. sources per zone
  const zoneDemand = (country: string): number =>
    out.buses.reduce((s, b, i) => s + (islandOf[i] === zoneIsland[country] ? b.Pd : 0), 0);
  type Lever = { kind: 'gen' | 'link'; index: number };
  const levers: Lever[] = [];
  const sourcesOf = (country: 'FI' | 'EE'): Source[] => {
    const island = zoneIsland[country];
    const sources: Source[] = [];
    out.generators.forEach((g, k) => {
      const i = busIndex.get(g.bus)!;
      if (!g.inService || islandOf[i] !== island || out.buses[i]!.type === 'NONE') return;
      const tech = g.technology ?? '';
      if (g.reserve === 'disturbance') return;
      let available = Math.max(0, g.Pmax);
      if (tech === 'wind') available *= inputs.wind.series[country][hour]!;
      if (tech === 'hydro') available *= hydroShare;
      // no commercial trade with Russia since May 2022: its equivalent only holds the
      // synchronous connection (and takes up imbalance as a reference would)
      if (tech === 'external' && countryOfBus(g.bus) === 'RU') return;
      const cost = unitCostEurPerMWh(g, countryOfBus(g.bus), heatingSeason);
      levers.push({ kind: 'gen', index: k });
      sources.push({ key: levers.length - 1, available, cost });
    });
    out.hvdcLinks.forEach((h, k) => {
      if (!h.inService) return;
      const fi = islandOf[busIndex.get(h.from)!]!;
      const ti = islandOf[busIndex.get(h.to)!]!;
      // a link into this zone from an external island (e.g. Fenno-Skan from SE3)
      const external = ti === island && out.buses[busIndex.get(h.from)!]!.external;
      if (!external || fi === ti) return;
      levers.push({ kind: 'link', index: k });
      sources.push({
        key: levers.length - 1,
        available: h.Pmax,
        cost: SNAPSHOT_DEFAULTS.externalCost[countryOfBus(h.from)] ?? SNAPSHOT_DEFAULTS.otherCost,
      });
    });
    return sources;
  };
  const fiSources = sourcesOf('FI');
  const eeSources = sourcesOf('EE');
  const estlinks = out.hvdcLinks
    .map((h, k) => ({ h, k }))
    .filter(
      ({ h }) =>
        h.inService &&
        islandOf[busIndex.get(h.from)!] === zoneIsland.FI &&
        islandOf[busIndex.get(h.to)!] === zoneIsland.EE,
    );
  const capacity = estlinks.reduce((s, { h }) => s + h.Pmax, 0);

  // 3. merit order and the exchange
  const dFI = zoneDemand('FI');
  const dEE = zoneDemand('EE');
  const step = SNAPSHOT_DEFAULTS.exchangeStepMW;
  const voll = SNAPSHOT_DEFAULTS.valueOfLostLoad;
  let best = { T: 0, cost: Infinity };
  const fiOrder = meritOrderOf(fiSources);
  const eeOrder = meritOrderOf(eeSources);
  for (let T = -Math.floor(capacity / step) * step; T <= capacity; T += step) {
    const a = fiOrder.price(dFI + T);
    const b = eeOrder.price(dEE - T);
    const cost = a.cost + b.cost + voll * (a.shortfall + b.shortfall);
    if (
      cost < best.cost - 1e-9 ||
      (Math.abs(cost - best.cost) <= 1e-9 && Math.abs(T) < Math.abs(best.T))
    )
      best = { T, cost };
  }
  const fiDispatch = fiOrder.dispatch(dFI + best.T);
  const eeDispatch = eeOrder.dispatch(dEE - best.T);
  for (const g of out.generators) g.Pg = 0;
  for (const h of out.hvdcLinks) h.P = 0;
  for (const [key, p] of [...fiDispatch.output, ...eeDispatch.output]) {
    const lever = levers[key]!;
    if (lever.kind === 'gen') out.generators[lever.index]!.Pg = p;
    else out.hvdcLinks[lever.index]!.P = p;
  }
  for (const { h } of estlinks) h.P = capacity > 0 ? (best.T * h.Pmax) / capacity : 0;

  const time = new Date(Date.parse(inputs.demand.start) + hour * 3_600_000).toISOString();
  out.name = `${net.name}@${time}`;
  out.description = `${net.name} at ${time} (hour ${hour} of the 2015 profiles): demand, merit-order dispatch and Estlink schedule by packages/grid/src/snapshot`;
  return {
    network: out,
    summary: {
      hour,
      time,
      demandMW,
      estlinkMW: best.T,
      unservedMW: { FI: fiDispatch.shortfall, EE: eeDispatch.shortfall },
    },
  };
}
