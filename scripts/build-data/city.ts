// The city layer: Helsinki and Tallinn districts with their population and the substation(s)
// that feed them in the model. Tallinn's population per district comes from
// power-system-facts/district_population.csv, the latest year that covers every district; Helsinki's districts have no population in
// any source here, so each gets an ESTIMATE: the 2025 city total (695,526, same file) shared
// equally among the 59 districts, flagged `populationEstimated: true`. (Sharing by land area
// was rejected: it gives the nearly empty outer islands a third of the city; the equal share,
// ≈ 11,800, is within a factor 1.6 of the one district figure in the facts, Kallio 17,856.) A district is fed by the nearest
// energised substation of its country in the main AC island (the backbone has few buses in
// each city, so several districts share one).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Network } from '@finest/grid';
import { findIslands } from '@finest/grid';
import { parseCsv } from './csv.ts';
import type { FeatureCollection } from './geo.ts';
import { areaAndCentroid, simplifyRing, type Position } from './geometry.ts';

const TOLERANCE = 0.0003; // ≈ 30 m
const DIGITS = 5;

interface RawFeature {
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

const polygonsOf = (g: RawFeature['geometry']): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates as Position[][]] : (g.coordinates as Position[][][]);

function feeders(net: Network, country: string): { id: string; lon: number; lat: number }[] {
  const { islands, islandOf } = findIslands(net);
  const main = islands
    .map((isl, k) => ({ k, n: isl.buses.filter((id) => id.startsWith(`${country}:`)).length }))
    .sort((a, b) => b.n - a.n || a.k - b.k)[0]!.k;
  return net.buses
    .filter(
      (b, i) =>
        b.country === country &&
        !b.external &&
        b.type !== 'NONE' &&
        islandOf[i] === main &&
        b.lon !== undefined &&
        b.lat !== undefined,
    )
    .map((b) => ({ id: b.id, lon: b.lon!, lat: b.lat! }));
}

function nearest(
  point: Position,
  buses: { id: string; lon: number; lat: number }[],
): { id: string; km: number } {
  const kmPerDeg = 111.32;
  let best = { id: '', km: Infinity };
  for (const b of buses) {
    const dx = (b.lon - point[0]) * kmPerDeg * Math.cos((point[1] * Math.PI) / 180);
    const dy = (b.lat - point[1]) * kmPerDeg;
    const km = Math.hypot(dx, dy);
    if (km < best.km || (km === best.km && b.id < best.id)) best = { id: b.id, km };
  }
  return { id: best.id, km: Math.round(best.km * 10) / 10 };
}

function simplified(polygons: Position[][][]): Position[][][] {
  return polygons
    .map((rings) =>
      rings
        .map((r) => simplifyRing(r, TOLERANCE, DIGITS))
        .filter((r): r is Position[] => r !== null),
    )
    .filter((rings) => rings.length > 0);
}

export function buildCityLayers(
  sharedData: string,
  net: Network,
): Record<string, FeatureCollection> {
  const population = parseCsv(
    readFileSync(join(sharedData, 'power-system-facts', 'district_population.csv'), 'utf8'),
  );
  const helsinkiTotal = population
    .filter((r) => r.city === 'Helsinki' && r.district === '(city total)')
    .sort((a, b) => Number(b.year) - Number(a.year))[0]!;

  const hel = JSON.parse(
    readFileSync(join(sharedData, 'helsinki-kaupunginosat', 'helsinki_districts.geojson'), 'utf8'),
  ) as { features: RawFeature[] };
  const helDistricts = hel.features
    .filter((f) => f.properties.aluejako === 'KAUPUNGINOSA' && f.properties.nimi_fi !== 'ALUEMERI')
    .map((f) => ({ f, ...areaAndCentroid(polygonsOf(f.geometry)) }))
    .sort((a, b) => Number(a.f.properties.tunnus) - Number(b.f.properties.tunnus));
  const fiFeeders = feeders(net, 'FI');
  const helsinki: FeatureCollection = {
    type: 'FeatureCollection',
    name: 'helsinki-districts',
    source:
      'City of Helsinki, Kaupunginosajako (via nslavin/aalto-route-map); population: power-system-facts/district_population.csv',
    licence: 'CC BY 4.0, © Helsingin kaupunki, kaupunkimittauspalvelut',
    features: helDistricts.map(({ f, areaKm2, centroid }) => {
      const feed = nearest(centroid, fiFeeders);
      return {
        type: 'Feature',
        properties: {
          city: 'Helsinki',
          id: `HEL:${f.properties.tunnus}`,
          name: String(f.properties.nimi_fi),
          nameSv: String(f.properties.nimi_se),
          areaKm2: Math.round(areaKm2 * 100) / 100,
          population: Math.round(Number(helsinkiTotal.population) / helDistricts.length),
          populationEstimated: true,
          populationNote: `ESTIMATE: Helsinki ${helsinkiTotal.year} total ${helsinkiTotal.population} shared equally among ${helDistricts.length} districts`,
          substations: [feed.id],
          substationDistanceKm: feed.km,
        },
        geometry: {
          type: f.geometry.type,
          coordinates: simplified(polygonsOf(f.geometry)).map((p) => p),
        },
      };
    }),
  };
  for (const f of helsinki.features) {
    if (f.geometry.type === 'Polygon')
      f.geometry.coordinates = (f.geometry.coordinates as Position[][][])[0];
  }

  const tln = JSON.parse(
    readFileSync(join(sharedData, 'tallinn-linnaosad', 'tallinn_districts.geojson'), 'utf8'),
  ) as { features: RawFeature[] };
  const eeFeeders = feeders(net, 'EE');
  // The latest year with a figure for every district (the facts mix years: 2011, 2014, and
  // 2024 for Lasnamäe only), so the districts add up to one consistent city total.
  const tallinnRows = population.filter(
    (r) => r.city === 'Tallinn' && !r.district!.startsWith('('),
  );
  const districtsIn = (year: string): number =>
    new Set(tallinnRows.filter((r) => r.year === year).map((r) => r.district)).size;
  const allDistricts = new Set(tallinnRows.map((r) => r.district)).size;
  const year = [...new Set(tallinnRows.map((r) => r.year!))]
    .filter((y) => districtsIn(y) === allDistricts)
    .sort()
    .at(-1)!;
  const tallinnPopulation = new Map(
    tallinnRows.filter((r) => r.year === year).map((r) => [r.district!, r]),
  );
  const tallinn: FeatureCollection = {
    type: 'FeatureCollection',
    name: 'tallinn-districts',
    source:
      'Estonian Land Board (Maa-amet) districts (via MariTheCodeExplorer/Coursera_Capstone); population: power-system-facts/district_population.csv, latest year covering every district',
    licence: 'Maa-amet open data (attribution); census figures: Statistics Estonia',
    features: tln.features
      .map((f) => ({ f, ...areaAndCentroid(polygonsOf(f.geometry)) }))
      .sort((a, b) => String(a.f.properties.AKOOD).localeCompare(String(b.f.properties.AKOOD)))
      .map(({ f, areaKm2, centroid }) => {
        // Land Board names are genitive ("Kesklinna linnaosa"); the census table is nominative
        const genitive = String(f.properties.ANIMI).replace(/ linnaosa$/, '');
        const name = tallinnPopulation.has(genitive) ? genitive : genitive.replace(/a$/, '');
        const census = tallinnPopulation.get(name);
        if (!census) throw new Error(`city: no population for Tallinn district "${name}"`);
        const feed = nearest(centroid, eeFeeders);
        return {
          type: 'Feature' as const,
          properties: {
            city: 'Tallinn',
            id: `TLN:${f.properties.AKOOD}`,
            name,
            areaKm2: Math.round(areaKm2 * 100) / 100,
            population: Number(census.population),
            populationEstimated: false,
            populationNote: `${census.year}, ${census.source_url}`,
            substations: [feed.id],
            substationDistanceKm: feed.km,
          },
          geometry: { type: 'MultiPolygon', coordinates: simplified(polygonsOf(f.geometry)) },
        };
      }),
  };
  return { 'helsinki-districts.geojson': helsinki, 'tallinn-districts.geojson': tallinn };
}
