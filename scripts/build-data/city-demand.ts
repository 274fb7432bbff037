// Where the demand of Helsinki and Tallinn sits: the city-side substations of the model, the
// areas (postal areas, districts) each one feeds, and the share of the country's demand on
// each. One owner for these facts: the network build (city-grid.ts), the demand allocation
// (allocation.ts) and the city layer (city.ts) all read them from here.
//   City share of the country = the city's sourced annual energy / the country's 2015 profile
//   energy (city-facts.ts); the city keeps the country's hourly shape (no city profile is
//   public), so its peak is the share × the country peak.
//   Helsinki: the 84 postal areas of Statistics Finland's Paavo (2023); an area's weight is
//   ½ its share of the city's inhabitants + ½ its share of the city's workplaces (homes and
//   services/offices, the two halves of a city's load); it is fed by the nearest site.
//   Tallinn: the 8 districts with their population; each fed by the Elering 110 kV substations
//   inside it (its weight shared equally among them), or the nearest one if it has none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIGURES,
  HELSINKI_SITES,
  TALLINN_EDGE_SUBSTATIONS,
  TALLINN_UNITS,
  type SourcedFigure,
} from './city-facts.ts';
import { parseCsv } from './csv.ts';
import { areaAndCentroid, haversineKm, pointInPolygons, type Position } from './geometry.ts';

export interface CityBus {
  /** network bus id */
  id: string;
  name: string;
  lon: number;
  lat: number;
  /** share of the country's demand at this bus */
  share: number;
  /** true when the substation is a documented equivalent, not a named real one */
  equivalent: boolean;
  basis: string;
  units: string[];
}

export interface CityArea {
  id: string;
  name: string;
  nameSv?: string;
  population: number;
  populationNote: string;
  workplaces?: number;
  areaKm2: number;
  centroid: Position;
  polygons: Position[][][];
  /** the feeding bus (and, for a district with several substations, all of them) */
  buses: string[];
  /** km from the area's centroid to its (first) feeding bus */
  feedKm: number;
}

export interface CityDemand {
  city: string;
  country: 'FI' | 'EE';
  /** share of the country's annual energy */
  share: number;
  shareRule: string;
  /** the sourced figures the city is calibrated to and compared with */
  record: { energyGWh: number; peak: number; peakUnit: string; year: string; source: string };
  buses: CityBus[];
  areas: CityArea[];
}

interface RawFeature {
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export const polygonsOf = (g: RawFeature['geometry']): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates as Position[][]] : (g.coordinates as Position[][][]);

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** The rule of a city's share and the record it is compared with, from its sourced figures. */
function calibration(
  energy: SourcedFigure,
  peak: SourcedFigure,
  countryGWh: number,
): Pick<CityDemand, 'shareRule' | 'record'> {
  return {
    shareRule: `${energy.value} GWh (${energy.source}) / ${Math.round(countryGWh)} GWh (2015 profile)`,
    record: {
      energyGWh: energy.value,
      peak: peak.value,
      peakUnit: peak.unit,
      year: peak.year,
      source: `${energy.source}; ${peak.source}`,
    },
  };
}

function nearestOf<T extends { lon: number; lat: number; id: string }>(
  point: Position,
  sites: T[],
): { site: T; km: number } {
  let best: { site: T; km: number } | null = null;
  for (const s of sites) {
    const km = haversineKm(point, [s.lon, s.lat]);
    if (!best || km < best.km - 1e-12 || (Math.abs(km - best.km) <= 1e-12 && s.id < best.site.id))
      best = { site: s, km };
  }
  return { site: best!.site, km: round(best!.km, 1) };
}

function helsinki(sharedData: string, countryGWh: number): CityDemand {
  const geo = JSON.parse(
    readFileSync(
      join(
        sharedData,
        'helsinki-population-paavo',
        'helsinki_postal_areas_population_2023.geojson',
      ),
      'utf8',
    ),
  ) as { features: RawFeature[] };
  const sites = HELSINKI_SITES.map((s) => ({ ...s, id: `FI:${s.key}` }));
  const rows = geo.features
    .map((f) => {
      const p = f.properties;
      const polygons = polygonsOf(f.geometry);
      return {
        code: String(p.postal_code),
        name: String(p.name),
        population: Number(p['Inhabitants, total (HE)'] ?? 0),
        workplaces: Number(p['Workplaces, total (TP)'] ?? 0),
        polygons,
        ...areaAndCentroid(polygons),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  for (const r of rows)
    if (!Number.isFinite(r.population) || !Number.isFinite(r.workplaces))
      throw new Error(`city-demand: Paavo postal area ${r.code} has no inhabitants/workplaces`);
  const people = rows.reduce((s, r) => s + r.population, 0);
  const jobs = rows.reduce((s, r) => s + r.workplaces, 0);
  const share = FIGURES.helsinkiConsumption.value / countryGWh;
  const busShare = new Map<string, number>(sites.map((s) => [s.id, 0]));
  const areas: CityArea[] = rows.map((r) => {
    const feed = nearestOf(r.centroid, sites);
    const w = 0.5 * (r.population / people) + 0.5 * (r.workplaces / jobs);
    busShare.set(feed.site.id, busShare.get(feed.site.id)! + share * w);
    return {
      id: `HEL:${r.code}`,
      name: r.name,
      population: r.population,
      populationNote: 'Statistics Finland Paavo 2023, inhabitants 31 Dec 2022 (table 12f7)',
      workplaces: r.workplaces,
      areaKm2: round(r.areaKm2, 2),
      centroid: r.centroid,
      polygons: r.polygons,
      buses: [feed.site.id],
      feedKm: feed.km,
    };
  });
  return {
    city: 'Helsinki',
    country: 'FI',
    share,
    ...calibration(FIGURES.helsinkiConsumption, FIGURES.helsinkiPeak, countryGWh),
    buses: sites.map((s) => ({
      id: s.id,
      name: s.name,
      lon: s.lon,
      lat: s.lat,
      share: busShare.get(s.id)!,
      equivalent: true,
      basis: s.basis,
      units: s.units,
    })),
    areas,
  };
}

function tallinn(sharedData: string, countryGWh: number): CityDemand {
  const geo = JSON.parse(
    readFileSync(join(sharedData, 'tallinn-linnaosad', 'tallinn_districts.geojson'), 'utf8'),
  ) as { features: RawFeature[] };
  const districts = geo.features
    .map((f) => ({ f, polygons: polygonsOf(f.geometry) }))
    .sort((a, b) => String(a.f.properties.AKOOD).localeCompare(String(b.f.properties.AKOOD)));
  const population = parseCsv(
    readFileSync(join(sharedData, 'power-system-facts', 'district_population.csv'), 'utf8'),
  ).filter((r) => r.city === 'Tallinn' && !r.district!.startsWith('('));
  // The latest year with a figure for every district, so the districts add up to one
  // consistent city total (the facts mix 2011, 2014 and one 2024 figure).
  const all = new Set(population.map((r) => r.district)).size;
  const year = [...new Set(population.map((r) => r.year!))]
    .filter(
      (y) => new Set(population.filter((r) => r.year === y).map((r) => r.district)).size === all,
    )
    .sort()
    .at(-1)!;
  const census = new Map(population.filter((r) => r.year === year).map((r) => [r.district!, r]));

  const substations = parseCsv(
    readFileSync(
      join(sharedData, 'estonia-substations-osm', 'estonia_substations_110kv_plus.csv'),
      'utf8',
    ),
  )
    .map((r) => ({
      id: `EE:${r.id!}`,
      name: r.name!,
      lon: Number(r.longitude),
      lat: Number(r.latitude),
      kv: Number(r.voltage_kv),
      operator: r.operator ?? '',
    }))
    .filter(
      (s) =>
        TALLINN_EDGE_SUBSTATIONS.includes(s.name) ||
        (s.name.endsWith('alajaam') &&
          districts.some((d) => pointInPolygons([s.lon, s.lat], d.polygons))),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
  if (substations.length === 0) throw new Error('city-demand: no substation inside Tallinn');

  const share = FIGURES.tallinnConsumption.value / countryGWh;
  const people = [...census.values()].reduce((s, r) => s + Number(r.population), 0);
  const busShare = new Map<string, number>(substations.map((s) => [s.id, 0]));
  const areas: CityArea[] = districts.map(({ f, polygons }) => {
    const genitive = String(f.properties.ANIMI).replace(/ linnaosa$/, '');
    const name = census.has(genitive) ? genitive : genitive.replace(/a$/, '');
    const row = census.get(name);
    if (!row) throw new Error(`city-demand: no population for Tallinn district "${name}"`);
    const { areaKm2, centroid } = areaAndCentroid(polygons);
    const inside = substations.filter(
      (s) =>
        !TALLINN_EDGE_SUBSTATIONS.includes(s.name) && pointInPolygons([s.lon, s.lat], polygons),
    );
    const feeding = inside.length > 0 ? inside : [nearestOf(centroid, substations).site];
    const w = (share * Number(row.population)) / people;
    for (const s of feeding) busShare.set(s.id, busShare.get(s.id)! + w / feeding.length);
    return {
      id: `TLN:${String(f.properties.AKOOD)}`,
      name,
      population: Number(row.population),
      populationNote: `${row.year}, ${row.source_url}`,
      areaKm2: round(areaKm2, 2),
      centroid,
      polygons,
      buses: feeding.map((s) => s.id),
      feedKm: nearestOf(centroid, feeding).km,
    };
  });
  return {
    city: 'Tallinn',
    country: 'EE',
    share,
    ...calibration(FIGURES.tallinnConsumption, FIGURES.tallinnPeak, countryGWh),
    buses: substations.map((s) => ({
      id: s.id,
      name: s.name,
      lon: round(s.lon, 5),
      lat: round(s.lat, 5),
      share: busShare.get(s.id)!,
      equivalent: false,
      basis: `OpenStreetMap substation ${s.id.slice(3)} (${s.kv} kV${s.operator ? `, ${s.operator}` : ''})`,
      units: TALLINN_UNITS[s.name] ?? [],
    })),
    areas,
  };
}

/** The city demand of both capitals; countryGWh = each country's 2015 profile energy. */
export function cityDemand(
  sharedData: string,
  countryGWh: Record<'FI' | 'EE', number>,
): CityDemand[] {
  return [helsinki(sharedData, countryGWh.FI), tallinn(sharedData, countryGWh.EE)];
}
