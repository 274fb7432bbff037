// How each country's demand is shared among its substations (the rule is in data/README.md):
//   weight(bus) = ½ · (population of the Natural Earth places nearest to it) / (country total)
//               + ½ · 1 / (number of load buses in the country)
// The population half follows where people live; the even half stands for industrial and
// rural load that the 29 populated places of Natural Earth do not show. Load buses: the
// country's energised, non-external buses in its main AC island.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findIslands, type Network } from '@finest/grid';

export interface Allocation {
  rule: string;
  source: string;
  /** per country, bus id → share of the country's demand (sums to 1) */
  weights: Record<string, Record<string, number>>;
}

interface Place {
  name: string;
  country: string;
  lon: number;
  lat: number;
  population: number;
}

function readPlaces(sharedData: string): Place[] {
  const file = join(sharedData, 'naturalearth-fi-ee', 'ne_10m_populated_places_fi_ee.geojson');
  const geo = JSON.parse(readFileSync(file, 'utf8')) as {
    features: { properties: Record<string, unknown> }[];
  };
  const iso = { FIN: 'FI', EST: 'EE' } as Record<string, string>;
  return geo.features
    .map((f) => ({
      name: String(f.properties.NAME),
      country: iso[String(f.properties.ADM0_A3)] ?? '',
      lon: Number(f.properties.LONGITUDE),
      lat: Number(f.properties.LATITUDE),
      population: Number(f.properties.POP_MAX),
    }))
    .filter((p) => p.country !== '' && p.population > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
}

const distance2 = (a: { lon: number; lat: number }, b: { lon: number; lat: number }): number => {
  const dx = (a.lon - b.lon) * Math.cos(((a.lat + b.lat) * Math.PI) / 360);
  const dy = a.lat - b.lat;
  return dx * dx + dy * dy;
};

export function allocateDemand(net: Network, sharedData: string): Allocation {
  const places = readPlaces(sharedData);
  const weights: Record<string, Record<string, number>> = {};
  const { islandOf } = findIslands(net);
  for (const country of ['FI', 'EE']) {
    // Only the country's main AC island: small islands (Åland, fed from Sweden; a lone unit's
    // bus) would otherwise receive a share of the national load they cannot carry.
    const inCountry = net.buses
      .map((b, i) => ({ b, i }))
      .filter(
        ({ b }) =>
          b.country === country &&
          !b.external &&
          b.type !== 'NONE' &&
          b.lon !== undefined &&
          b.lat !== undefined,
      );
    const count = new Map<number, number>();
    for (const { i } of inCountry) count.set(islandOf[i]!, (count.get(islandOf[i]!) ?? 0) + 1);
    const main = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    const loadBuses = inCountry.filter(({ i }) => islandOf[i] === main).map(({ b }) => b);
    const population = new Map<string, number>(loadBuses.map((b) => [b.id, 0]));
    const mine = places.filter((p) => p.country === country);
    for (const p of mine) {
      const nearest = [...loadBuses].sort(
        (a, b) =>
          distance2(p, a as { lon: number; lat: number }) -
            distance2(p, b as { lon: number; lat: number }) || a.id.localeCompare(b.id),
      )[0]!;
      population.set(nearest.id, population.get(nearest.id)! + p.population);
    }
    const total = mine.reduce((s, p) => s + p.population, 0);
    const w: Record<string, number> = {};
    for (const b of loadBuses)
      w[b.id] =
        Math.round(((0.5 * population.get(b.id)!) / total + 0.5 / loadBuses.length) * 1e9) / 1e9;
    weights[country] = w;
  }
  return {
    rule: 'weight = 0.5 × population of the nearest Natural Earth populated places / country total + 0.5 / number of load buses',
    source: 'Natural Earth 1:10m populated places (public domain), POP_MAX',
    weights,
  };
}
