// The derived networks in data/ are what the importers make from ../shared/data (skipped where
// the sources are absent), they are valid, and the build is deterministic.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { describeNeeding } from '../../testing/describe-needing.ts';
import { NEEDS, SHARED_DIR } from '../../testing/needs.ts';
import { findIslands, NetworkSchema, type Network } from '@finest/grid';
import { buildPfCase, runAcPowerFlow, runDcPowerFlow } from '@finest/powerflow';
import { buildGeo, buildNetworks, buildProfiles, serialise, serialiseGeo } from '../build-data.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = join(SHARED_DIR, 'data');
const committed = (name: string): Network =>
  JSON.parse(readFileSync(`${ROOT}data/networks/${name}.json`, 'utf8')) as Network;

describe('data/ (networks and profiles)', () => {
  describeNeeding(NEEDS.data, 'on ../shared/data', () => {
    it('equal a fresh build from ../shared/data, byte for byte, twice', () => {
      const first = buildNetworks(SHARED);
      const second = buildNetworks(SHARED);
      for (const name of ['fi', 'ee', 'fi-ee']) {
        expect(serialise(first[name]!)).toBe(serialise(second[name]!));
        expect(serialise(first[name]!)).toBe(
          readFileSync(`${ROOT}data/networks/${name}.json`, 'utf8'),
        );
      }
      for (const [file, value] of Object.entries(buildProfiles(SHARED, first['fi-ee']!))) {
        expect(serialise(value)).toBe(readFileSync(`${ROOT}data/profiles/${file}`, 'utf8'));
      }
      for (const [file, value] of Object.entries(buildGeo(SHARED, first['fi-ee']!))) {
        expect(serialiseGeo(value)).toBe(readFileSync(`${ROOT}data/geo/${file}`, 'utf8'));
      }
    });
  });

  it('are valid networks with namespaced ids and a dataset on every element', () => {
    for (const name of ['fi', 'ee', 'fi-ee']) {
      const net = NetworkSchema.parse(committed(name));
      // backbone buses keep their GridKit number; added buses (city substations, 110 kV
      // sides, equivalents) carry the rule that derived them
      for (const b of net.buses)
        if (b.equivalentRule === undefined) expect(b.id).toMatch(/^(FI|EE|SE|NO|LV|RU):\d+$/);
        else expect(b.id).toMatch(/^(FI|EE):[A-Za-z0-9_-]+$/);
      for (const br of net.branches)
        if (br.equivalent) expect(br.equivalentRule, br.id).toMatch(/\w/);
      for (const x of [...net.buses, ...net.branches, ...net.generators, ...net.hvdcLinks])
        expect(x.dataset).toMatch(/^gridkit-(fi|ee)$/);
    }
  });

  it('join FI and EE only through Estlink 1 (350 MW) and Estlink 2 (650 MW)', () => {
    const net = committed('fi-ee');
    const country = new Map(net.buses.map((b) => [b.id, b.country]));
    const fiEe = net.hvdcLinks.filter(
      (h) =>
        new Set([country.get(h.from), country.get(h.to)]).size === 2 &&
        [h.from, h.to].every((id) => ['FI', 'EE'].includes(country.get(id)!)),
    );
    expect(fiEe.map((h) => [h.name, h.Pmax])).toEqual([
      ['Estlink 1', 350],
      ['Estlink 2', 650],
    ]);
    expect(
      net.branches.filter(
        (br) =>
          country.get(br.from) !== country.get(br.to) &&
          [country.get(br.from), country.get(br.to)].sort().join() === 'EE,FI',
      ),
    ).toEqual([]);
    // two synchronous systems: the Finnish and the Estonian grids are separate AC islands
    const { islandOf } = findIslands(net);
    const index = new Map(net.buses.map((b, i) => [b.id, i]));
    expect(islandOf[index.get('FI:6556')!]).not.toBe(islandOf[index.get('EE:6558')!]);
  });

  it('keep Olkiluoto 3 at 1,600 MW and the Russian ties out of service', () => {
    const net = committed('fi-ee');
    expect(net.generators.find((g) => g.id === 'G2303')).toMatchObject({
      technology: 'nuclear',
      Pmax: 1600,
      inService: true,
    });
    const ru = new Set(net.buses.filter((b) => b.country === 'RU').map((b) => b.id));
    const ruTies = net.branches.filter((br) => ru.has(br.from) || ru.has(br.to));
    expect(ruTies.length).toBeGreaterThan(0);
    expect(ruTies.every((br) => !br.inService)).toBe(true);
  });

  it('solve as they are (AC and DC, no demand yet): every island has its reference', () => {
    for (const name of ['fi', 'ee', 'fi-ee']) {
      const pf = buildPfCase(committed(name));
      expect(runAcPowerFlow(pf).converged, name).toBe(true);
      expect(runDcPowerFlow(pf).converged, name).toBe(true);
    }
  });

  it('keep the 2015 demand of the source: FI 82.50 TWh, peak 13,584 MW; EE 7.93 TWh, peak 1,394 MW', () => {
    const demand = JSON.parse(readFileSync(`${ROOT}data/profiles/demand-2015.json`, 'utf8')) as {
      series: Record<string, number[]>;
    };
    const twh = (s: number[]): number => s.reduce((a, b) => a + b, 0) / 1e6;
    expect(demand.series.FI).toHaveLength(8760);
    expect(twh(demand.series.FI!)).toBeCloseTo(82.5, 2);
    expect(Math.max(...demand.series.FI!)).toBe(13584);
    expect(twh(demand.series.EE!)).toBeCloseTo(7.93, 2);
    expect(Math.max(...demand.series.EE!)).toBe(1394);
  });

  it("share each country's demand over its own energised substations", () => {
    const net = committed('fi-ee');
    const allocation = JSON.parse(
      readFileSync(`${ROOT}data/profiles/demand-allocation.json`, 'utf8'),
    ) as { weights: Record<string, Record<string, number>> };
    for (const country of ['FI', 'EE']) {
      const w = allocation.weights[country]!;
      const total = Object.values(w).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 6);
      for (const id of Object.keys(w)) {
        const bus = net.buses.find((b) => b.id === id)!;
        expect(bus.country).toBe(country);
        expect(bus.type).not.toBe('NONE');
        expect(bus.external).toBeUndefined();
      }
    }
    // the capitals' demand sits on their own city-side substations, calibrated to the city's
    // sourced annual energy (Helen 4,520 GWh, facts D03; Tallinn 1,994 GWh, Tallinn Energy Agency)
    const cities = (
      JSON.parse(readFileSync(`${ROOT}data/profiles/demand-allocation.json`, 'utf8')) as {
        cities: Record<string, { country: string; share: number; buses: string[] }>;
      }
    ).cities;
    const onBuses = (c: string): number =>
      cities[c]!.buses.reduce((s, id) => s + allocation.weights[cities[c]!.country]![id]!, 0);
    expect(onBuses('Helsinki')).toBeCloseTo(4520 / 82500, 3);
    expect(onBuses('Tallinn')).toBeCloseTo(1994 / 7930, 2);
    for (const id of cities.Helsinki!.buses) {
      const b = net.buses.find((x) => x.id === id)!;
      expect(b.lat!).toBeGreaterThan(60.1);
      expect(b.lat!).toBeLessThan(60.3);
      expect(b.lon!).toBeGreaterThan(24.8);
      expect(b.lon!).toBeLessThan(25.3);
    }
    // Helsinki at the 2015 peak within ±15 % of its recorded peak (817 MW, facts D04)
    expect(onBuses('Helsinki') * 13584).toBeGreaterThan(817 * 0.85);
    expect(onBuses('Helsinki') * 13584).toBeLessThan(817 * 1.15);
  });

  it('map the Helsinki and Tallinn districts to energised substations of their country', () => {
    const net = committed('fi-ee');
    const bus = new Map(net.buses.map((b) => [b.id, b]));
    const layer = (name: string) =>
      JSON.parse(readFileSync(`${ROOT}data/geo/${name}.geojson`, 'utf8')) as {
        features: {
          properties: {
            city: string;
            population: number;
            populationEstimated: boolean;
            substations: string[];
          };
        }[];
      };
    const helsinki = layer('helsinki-districts').features;
    const tallinn = layer('tallinn-districts').features;
    // the 84 Paavo postal areas, with their 2023 inhabitants
    expect(helsinki).toHaveLength(84);
    expect(tallinn).toHaveLength(8);
    expect(helsinki.every((f) => !f.properties.populationEstimated)).toBe(true);
    expect(helsinki.reduce((s, f) => s + f.properties.population, 0)).toBeGreaterThan(600_000);
    expect(tallinn.every((f) => !f.properties.populationEstimated)).toBe(true);
    // Tallinn 2014, the latest year with every district in power-system-facts
    expect(tallinn.reduce((s, f) => s + f.properties.population, 0)).toBe(434330);
    for (const [features, country] of [
      [helsinki, 'FI'],
      [tallinn, 'EE'],
    ] as const) {
      for (const f of features) {
        const b = bus.get(f.properties.substations[0]!)!;
        expect(b.country).toBe(country);
        expect(b.type).not.toBe('NONE');
        // fed from inside the city: a city-side 110 kV substation, not the backbone outside
        expect(b.baseKV).toBe(110);
        expect(b.equivalentRule).toMatch(/city-side|110 kV substation/);
      }
    }
  });

  it('hold the base map layers inside the region', () => {
    for (const name of ['land', 'coastline', 'borders', 'countries']) {
      const text = readFileSync(`${ROOT}data/geo/${name}.geojson`, 'utf8');
      const geo = JSON.parse(text) as { features: unknown[] };
      expect(geo.features.length, name).toBeGreaterThan(0);
      const numbers = [...text.matchAll(/\[(-?\d+\.?\d*),(-?\d+\.?\d*)\]/g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ]);
      expect(numbers.length, name).toBeGreaterThan(10);
      // clipped to lon 19–32, lat 57–70.5; line runs keep one point beyond the edge (≤ 0.5°)
      for (const [lon, lat] of numbers) {
        expect(lon).toBeGreaterThanOrEqual(18.5);
        expect(lon).toBeLessThanOrEqual(32.5);
        expect(lat).toBeGreaterThanOrEqual(56.5);
        expect(lat).toBeLessThanOrEqual(71);
      }
    }
  });
});
