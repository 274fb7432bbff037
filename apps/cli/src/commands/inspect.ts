// `finest inspect NETWORK [--json]`: a summary of a network — counts by country, voltage and
// type, islands, interconnectors (HVDC links and AC branches between countries), installed
// capacity by technology and demand, and — for a network that holds the bundled city
// substations (the fi-ee network or a snapshot of it) — each city's load, people and feeders.
import type { Network } from '@finest/grid';
import { findIslands } from '@finest/grid';
import { loadBundledCities, type CityLayer } from '@finest/scenario';
import { parseCommandArgs } from '../args.ts';
import { loadCase } from '../load-case.ts';
import type { Io } from '../io.ts';

type Counter = Record<string, number>;
const bump = (c: Counter, key: string, by = 1): void => {
  c[key] = (c[key] ?? 0) + by;
};
const round1 = (x: number): number => Math.round(x * 10) / 10;

export function summariseNetwork(net: Network) {
  const countryOf = new Map(net.buses.map((b) => [b.id, b.country ?? '--']));
  const busesByCountry: Counter = {};
  const busesByKv: Counter = {};
  const busesByType: Counter = {};
  const demandByCountry: Counter = {};
  for (const b of net.buses) {
    bump(busesByCountry, b.country ?? '--');
    bump(busesByKv, `${b.baseKV} kV`);
    bump(busesByType, b.type);
    if (b.type !== 'NONE') bump(demandByCountry, b.country ?? '--', b.Pd);
  }
  const branchesByKind: Counter = {};
  const crossBorder: {
    id: string;
    name?: string;
    from: string;
    to: string;
    countries: string;
    inService: boolean;
    rateA: number;
  }[] = [];
  for (const br of net.branches) {
    bump(branchesByKind, `${br.kind}${br.inService ? '' : ' (out of service)'}`);
    const cf = countryOf.get(br.from) ?? '--';
    const ct = countryOf.get(br.to) ?? '--';
    if (cf !== ct) {
      crossBorder.push({
        id: br.id,
        ...(br.name === undefined ? {} : { name: br.name }),
        from: br.from,
        to: br.to,
        countries: `${cf}–${ct}`,
        inService: br.inService,
        rateA: br.rateA,
      });
    }
  }
  const capacityByTechnology: Counter = {};
  const capacityByCountry: Counter = {};
  for (const g of net.generators) {
    if (!g.inService) continue;
    bump(capacityByTechnology, g.technology ?? 'unknown', g.Pmax);
    bump(capacityByCountry, countryOf.get(g.bus) ?? '--', g.Pmax);
  }
  const { islands } = findIslands(net);
  const live = islands.filter((i) => !(i.buses.length === 1 && !i.hasGeneration && i.demand === 0));
  return {
    name: net.name,
    baseMVA: net.baseMVA,
    buses: net.buses.length,
    branches: net.branches.length,
    generators: net.generators.length,
    hvdcLinks: net.hvdcLinks.length,
    busesByCountry,
    busesByKv,
    busesByType,
    branchesByKind,
    islands: live.map((i) => ({
      buses: i.buses.length,
      hasReference: i.hasReference,
      hasGeneration: i.hasGeneration,
      demandMW: round1(i.demand),
    })),
    interconnectors: {
      hvdc: net.hvdcLinks.map((h) => ({
        id: h.id,
        ...(h.name === undefined ? {} : { name: h.name }),
        countries: `${countryOf.get(h.from) ?? '--'}–${countryOf.get(h.to) ?? '--'}`,
        inService: h.inService,
        PmaxMW: h.Pmax,
        scheduleMW: h.P,
      })),
      acCrossBorder: crossBorder,
    },
    capacityMW: {
      total: round1(Object.values(capacityByCountry).reduce((a, b) => a + b, 0)),
      byCountry: capacityByCountry,
      byTechnology: capacityByTechnology,
    },
    demandMW: {
      total: round1(Object.values(demandByCountry).reduce((a, b) => a + b, 0)),
      byCountry: demandByCountry,
    },
    datasets: net.datasets.map((d) => d.id),
  };
}

/** Each city of the layer whose substations are in the network: load now, people, feeders. */
export function summariseCities(net: Network, cities: CityLayer) {
  const bus = new Map(net.buses.map((b) => [b.id, b]));
  return cities
    .map((c) => {
      const feeders = [...new Set(c.districts.flatMap((d) => d.substations))].filter((id) =>
        bus.has(id),
      );
      return {
        name: c.name,
        country: c.country,
        loadMW: round1(feeders.reduce((sum, id) => sum + bus.get(id)!.Pd, 0)),
        population: c.districts.reduce((sum, d) => sum + d.population, 0),
        areas: c.districts.length,
        substations: feeders.map((id) => ({
          id,
          name: bus.get(id)!.name ?? id,
          loadMW: round1(bus.get(id)!.Pd),
        })),
      };
    })
    .filter((c) => c.substations.length > 0);
}

export async function inspectCommand(args: string[], io: Io): Promise<number> {
  const { values, casePath } = parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
  });
  const { network } = await loadCase(casePath);
  const s = { ...summariseNetwork(network), cities: summariseCities(network, loadBundledCities()) };
  if (values.json) {
    io.out(JSON.stringify(s) + '\n');
    return 0;
  }
  const table = (c: Counter, unit = ''): string =>
    Object.entries(c)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k} ${round1(v)}${unit}`)
      .join(', ');
  const lines = [
    `${s.name}: ${s.buses} buses, ${s.branches} branches, ${s.generators} generators, ${s.hvdcLinks} HVDC links (base ${s.baseMVA} MVA)`,
    `  buses by country: ${table(s.busesByCountry)}`,
    `  buses by voltage: ${table(s.busesByKv)}`,
    `  buses by type:    ${table(s.busesByType)}`,
    `  branches:         ${table(s.branchesByKind)}`,
    `  islands:          ${s.islands.length} (${s.islands.map((i) => `${i.buses} buses${i.hasReference ? '' : ', no REF'}${i.hasGeneration ? '' : ', no generation'}`).join('; ')})`,
    `  capacity:         ${s.capacityMW.total} MW — ${table(s.capacityMW.byCountry, ' MW')}`,
    `  by technology:    ${table(s.capacityMW.byTechnology, ' MW')}`,
    `  demand:           ${s.demandMW.total} MW — ${table(s.demandMW.byCountry, ' MW')}`,
  ];
  if (s.interconnectors.hvdc.length > 0) {
    lines.push('  HVDC links:');
    for (const h of s.interconnectors.hvdc) {
      lines.push(
        `    ${(h.name ?? h.id).padEnd(16)} ${h.countries}  ${h.PmaxMW} MW${h.inService ? '' : ' (out of service)'}, scheduled ${h.scheduleMW} MW`,
      );
    }
  }
  if (s.interconnectors.acCrossBorder.length > 0) {
    lines.push(
      `  AC cross-border branches: ${s.interconnectors.acCrossBorder.map((b) => `${b.name ?? b.id} ${b.countries}${b.inService ? '' : ' (out)'}`).join(', ')}`,
    );
  }
  for (const c of s.cities)
    lines.push(
      `  ${c.name}: ${c.loadMW} MW, ${c.population.toLocaleString('en-GB')} people in ${c.areas} areas, fed by ${c.substations.map((f) => `${f.name} ${f.loadMW} MW`).join(', ')}`,
    );
  io.out(lines.join('\n') + '\n');
  return 0;
}
