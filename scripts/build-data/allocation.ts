// How each country's demand is shared among its substations (data/README.md states the rule
// and its sources). Country hourly totals are kept; the shares are constant over the year.
//   1. Cities (city-demand.ts): the capital's sourced annual energy / the country's, on its
//      city-side substations.
//   2. Finnish industry: manufacturing's share of consumption (city-facts.ts, Statistics
//      Finland); of it the forest industry's share goes to the substations with biomass units
//      (pulp and paper mills burn their own wood residues, so the GridKit biomass units mark
//      the mills), in proportion to their capacity, and the rest evenly over the load buses
//      (no public site list of the metal and chemical plants is in the data here).
//   3. The remainder (homes, services, agriculture): ½ by the population of the Natural Earth
//      places nearest each bus (the capital's place less the city's own inhabitants, who are
//      already in 1.) and ½ evenly, for the rural population the 29 places do not show. (All
//      by place population was tried and rejected: the 29 places hold under half of Finland's
//      people, so the capital's place alone drew ≈1,550 MW onto the Espoo substation, three
//      times Espoo's recorded peak.)
// Load buses: the country's energised, non-external backbone buses in its main AC island,
// except radial plant switchyards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findIslands, type Network } from '@finest/grid';
import { FIGURES } from './city-facts.ts';
import type { CityDemand } from './city-demand.ts';

export interface Allocation {
  rule: string;
  source: string;
  /** per country, bus id → share of the country's demand (sums to 1) */
  weights: Record<string, Record<string, number>>;
  /** per city: its country, share of the country's demand and the buses that carry it */
  cities: Record<
    string,
    {
      country: string;
      share: number;
      buses: string[];
      rule: string;
      record: { energyGWh: number; peak: number; peakUnit: string; year: string; source: string };
    }
  >;
}

interface Place {
  name: string;
  country: string;
  lon: number;
  lat: number;
  population: number;
}

/** The capital's Natural Earth place (its population is the whole urban area). */
const CAPITAL_PLACE: Record<string, string> = { Helsinki: 'Helsinki', Tallinn: 'Tallinn' };

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

const rounded = (x: number): number => Math.round(x * 1e9) / 1e9;

/** The country's backbone load buses: energised, not external, not added, in its main island. */
function loadBusesOf(net: Network, country: string): Network['buses'] {
  const { islandOf } = findIslands(net);
  const inCountry = net.buses
    .map((b, i) => ({ b, i }))
    .filter(
      ({ b }) =>
        b.country === country &&
        !b.external &&
        b.equivalentRule === undefined &&
        b.type !== 'NONE' &&
        b.lon !== undefined &&
        b.lat !== undefined,
    );
  const count = new Map<number, number>();
  for (const { i } of inCountry) count.set(islandOf[i]!, (count.get(islandOf[i]!) ?? 0) + 1);
  // Only the main AC island: small islands (Åland, fed from Sweden; a lone unit's bus) would
  // otherwise receive a share of the national load they cannot carry.
  const main = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  // A bus at the end of a single line that is there for a plant, or for a border tie now open,
  // is a connection point, not a substation that serves an area: it takes no share of load.
  const degree = new Map<string, number>();
  for (const br of net.branches)
    if (br.inService) for (const id of [br.from, br.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const plantAt = new Set(
    net.generators.filter((g) => g.technology !== 'external').map((g) => g.bus),
  );
  const countryOf = new Map(net.buses.map((b) => [b.id, b.country]));
  for (const br of net.branches)
    if (!br.inService && countryOf.get(br.from) !== countryOf.get(br.to))
      for (const id of [br.from, br.to]) plantAt.add(id);
  return inCountry
    .filter(({ i }) => islandOf[i] === main)
    .map(({ b }) => b)
    .filter((b) => !(plantAt.has(b.id) && (degree.get(b.id) ?? 0) <= 1));
}

export function allocateDemand(net: Network, sharedData: string, cities: CityDemand[]): Allocation {
  const places = readPlaces(sharedData);
  const weights: Record<string, Record<string, number>> = {};
  for (const country of ['FI', 'EE'] as const) {
    const w = new Map<string, number>();
    const add = (id: string, x: number): void => void w.set(id, (w.get(id) ?? 0) + x);
    const mine = cities.filter((c) => c.country === country);
    for (const city of mine) for (const b of city.buses) add(b.id, b.share);
    const cityShare = mine.reduce((s, c) => s + c.share, 0);

    const loadBuses = loadBusesOf(net, country);
    const even = (share: number): void => {
      for (const b of loadBuses) add(b.id, share / loadBuses.length);
    };
    let industry = 0;
    if (country === 'FI') {
      industry = FIGURES.finlandManufacturing.value / FIGURES.finlandConsumption2015.value;
      const forest = industry * FIGURES.forestIndustryShareOfManufacturing.value;
      const onBus = new Set(loadBuses.map((b) => b.id));
      const mills = net.generators.filter(
        (g) => g.technology === 'biomass' && g.Pmax > 0 && onBus.has(g.bus),
      );
      const millMW = mills.reduce((s, g) => s + g.Pmax, 0);
      for (const g of mills) add(g.bus, (forest * g.Pmax) / millMW);
      even(industry - forest);
    }

    const rest = 1 - cityShare - industry;
    if (rest <= 0) throw new Error(`allocation: ${country} cities and industry exceed its demand`);
    const people = places
      .filter((p) => p.country === country)
      .map((p) => {
        const city = mine.find((c) => CAPITAL_PLACE[c.city] === p.name);
        const inCity = city ? city.areas.reduce((s, a) => s + a.population, 0) : 0;
        return { ...p, population: Math.max(0, p.population - inCity) };
      });
    const total = people.reduce((s, p) => s + p.population, 0);
    for (const p of people) {
      if (p.population === 0) continue;
      const nearest = [...loadBuses].sort(
        (a, b) =>
          distance2(p, a as { lon: number; lat: number }) -
            distance2(p, b as { lon: number; lat: number }) || a.id.localeCompare(b.id),
      )[0]!;
      add(nearest.id, (0.5 * rest * p.population) / total);
    }
    even(0.5 * rest);
    weights[country] = Object.fromEntries(
      [...w.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([id, x]) => [id, rounded(x)]),
    );
  }
  return {
    rule: "cities: sourced annual energy / the country's on their city-side substations; FI industry (manufacturing share, Statistics Finland): forest industry by biomass-unit capacity, the rest evenly; remainder ½ by Natural Earth place population (capital place less the city) at the nearest backbone load bus, ½ evenly over the backbone load buses",
    source:
      'city-facts.ts (Helen, Tallinn Energy Agency, Statistics Finland); Statistics Finland Paavo 2023; Natural Earth 1:10m populated places (public domain), POP_MAX; ENTSO-E GridKit units',
    weights,
    cities: Object.fromEntries(
      cities.map((c) => [
        c.city,
        {
          country: c.country,
          share: rounded(c.share),
          buses: c.buses.map((b) => b.id),
          rule: c.shareRule,
          record: c.record,
        },
      ]),
    ),
  };
}
