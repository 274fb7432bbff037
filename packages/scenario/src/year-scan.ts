// The base case through the year: for every hour of the 2015 profiles, the snapshot (demand,
// merit-order dispatch, Estlink schedule) and an AC power flow, with what a planner checks
// first: hours that do not converge, hours with a branch above its rating, the most loaded
// branches, and each city's load (its peak and annual energy) against the record.
import {
  snapshotForHour,
  type Network,
  type SnapshotInputs,
  type TopologyName,
} from '@finest/grid';
import { buildPfCase, runAcPowerFlow } from '@finest/powerflow';
import type { CityLayer } from './engine/city-layer.ts';
import { magnitude } from './engine/magnitude.ts';

export interface YearScanOptions {
  topology?: TopologyName;
  /** hours of the profile year to scan (default: all) */
  hours?: number[];
  /** how many of the most loaded branches to report (default 10) */
  top?: number;
  /** called after each hour */
  onProgress?: (done: number, total: number) => void;
}

export interface BranchYear {
  id: string;
  name: string;
  kind: 'line' | 'transformer';
  rateMVA: number;
  maxLoadingPct: number;
  maxAtHour: number;
  hoursOver100: number;
}

export interface CityYear {
  name: string;
  country: string;
  population: number;
  substations: string[];
  peakMW: number;
  peakHour: number;
  peakTime: string;
  energyGWh: number;
}

export interface YearScan {
  network: string;
  topology: TopologyName;
  hours: number;
  converged: number;
  notConvergedHours: number[];
  hoursWithOverload: number;
  hoursWithUnservedDemand: number;
  maxEstlinkMW: number;
  countries: Record<string, { energyGWh: number; peakMW: number; peakHour: number }>;
  mostLoaded: BranchYear[];
  cities: CityYear[];
  /** wall time, not part of the result's identity */
  timing: { totalMs: number; msPerHour: number };
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

export function scanYear(
  net: Network,
  inputs: SnapshotInputs,
  cities: CityLayer,
  options: YearScanOptions = {},
): YearScan {
  const topology = options.topology ?? 'current';
  const all = inputs.demand.hours;
  const hours = options.hours ?? Array.from({ length: all }, (_, h) => h);
  for (const h of hours)
    if (!Number.isInteger(h) || h < 0 || h >= all)
      throw new RangeError(`year scan: hour ${h} is not in 0..${all - 1}`);
  const busIndex = new Map(net.buses.map((b, i) => [b.id, i]));
  const cityBuses = cities.map((c) => [
    ...new Set(c.districts.flatMap((d) => d.substations).filter((id) => busIndex.has(id))),
  ]);
  const cityAcc = cities.map(() => ({ peak: 0, peakHour: -1, energy: 0 }));
  const countryAcc = new Map<string, { energy: number; peak: number; peakHour: number }>();
  const branchAcc = net.branches.map(() => ({ max: 0, at: -1, over: 0 }));
  const notConverged: number[] = [];
  let overloadHours = 0;
  let unservedHours = 0;
  let maxEstlink = 0;
  const start = performance.now();
  hours.forEach((h, k) => {
    const { network, summary } = snapshotForHour(net, inputs, h, { topology });
    maxEstlink = Math.max(maxEstlink, Math.abs(summary.estlinkMW));
    if (Object.values(summary.unservedMW).some((x) => x > 0)) unservedHours++;
    for (const [c, mw] of Object.entries(summary.demandMW)) {
      const acc = countryAcc.get(c) ?? { energy: 0, peak: 0, peakHour: -1 };
      acc.energy += mw;
      if (mw > acc.peak) Object.assign(acc, { peak: mw, peakHour: h });
      countryAcc.set(c, acc);
    }
    cityBuses.forEach((ids, c) => {
      const mw = ids.reduce((s, id) => s + network.buses[busIndex.get(id)!]!.Pd, 0);
      const acc = cityAcc[c]!;
      acc.energy += mw;
      if (mw > acc.peak) Object.assign(acc, { peak: mw, peakHour: h });
    });
    const r = runAcPowerFlow(buildPfCase(network));
    if (!r.converged) notConverged.push(h);
    else {
      let over = false;
      network.branches.forEach((b, l) => {
        if (!b.inService || b.rateA <= 0) return;
        const s = Math.max(magnitude(r.Pf[l]!, r.Qf[l]!), magnitude(r.Pt[l]!, r.Qt[l]!));
        const pct = (100 * s) / b.rateA;
        const acc = branchAcc[l]!;
        if (pct > acc.max) Object.assign(acc, { max: pct, at: h });
        if (pct > 100) {
          acc.over++;
          over = true;
        }
      });
      if (over) overloadHours++;
    }
    options.onProgress?.(k + 1, hours.length);
  });
  const totalMs = performance.now() - start;
  const timeOf = (h: number): string =>
    new Date(Date.parse(inputs.demand.start) + h * 3_600_000).toISOString();
  const mostLoaded = net.branches
    .map((b, l) => ({ b, acc: branchAcc[l]! }))
    .filter(({ acc }) => acc.at >= 0)
    .sort((x, y) => y.acc.max - x.acc.max || x.b.id.localeCompare(y.b.id))
    .slice(0, options.top ?? 10)
    .map(({ b, acc }) => ({
      id: b.id,
      name: b.name ?? `${b.from}–${b.to}`,
      kind: b.kind,
      rateMVA: b.rateA,
      maxLoadingPct: round(acc.max, 1),
      maxAtHour: acc.at,
      hoursOver100: acc.over,
    }));
  return {
    network: net.name,
    topology,
    hours: hours.length,
    converged: hours.length - notConverged.length,
    notConvergedHours: notConverged,
    hoursWithOverload: overloadHours,
    hoursWithUnservedDemand: unservedHours,
    maxEstlinkMW: round(maxEstlink, 1),
    countries: Object.fromEntries(
      [...countryAcc.entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([c, a]) => [
          c,
          { energyGWh: round(a.energy / 1000, 1), peakMW: round(a.peak, 1), peakHour: a.peakHour },
        ]),
    ),
    mostLoaded,
    cities: cities.map((c, k) => ({
      name: c.name,
      country: c.country,
      population: c.districts.reduce((s, d) => s + d.population, 0),
      substations: cityBuses[k]!,
      peakMW: round(cityAcc[k]!.peak, 1),
      peakHour: cityAcc[k]!.peakHour,
      peakTime: cityAcc[k]!.peakHour >= 0 ? timeOf(cityAcc[k]!.peakHour) : '',
      energyGWh: round(cityAcc[k]!.energy / 1000, 1),
    })),
    timing: {
      totalMs: round(totalMs, 0),
      msPerHour: round(totalMs / Math.max(1, hours.length), 2),
    },
  };
}
