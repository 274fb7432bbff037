// data/geo/city-fabric.geojson: the city fabric where no real building is in data/ — blocks on
// a 250 m grid whose built volume follows the population and workplace statistics, so the
// city's mass is where its people and jobs are, without pretending to be buildings.
//   Helsinki, per Paavo postal area (city layer): floor area = dwellings × the area's average
//   floor area per dwelling (Paavo RA) + workplaces × WORKPLACE_FLOOR_M2 (an assumption), less
//   the floor area of the real buildings drawn in the area; spread evenly over the area's grid
//   cells that hold no real building, as one block per cell of BLOCK_M × BLOCK_M, its height
//   the floors that takes × 3.2 m.
//   Tallinn, per subdistrict (asum, 84): no per-asum population is published in the sources,
//   so the district's (linnaosa, city layer) population is shared over its subdistricts by
//   area — an estimate, flagged — and the floor area is that population × Helsinki's
//   residential floor area per inhabitant (Paavo, carried over: an assumption). Each
//   subdistrict is fed by the nearest of its district's feeding substations (the city layer
//   lists them; the district's load is shared among them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BuildingLayer } from './buildings.ts';
import type { CityArea, CityDemand } from './city-demand.ts';
import { areaAndCentroid, haversineKm, pointInPolygons, type Position } from './geometry.ts';
import { metresPerDegree, QUANTUM_M } from './local-frame.ts';
import { STOREY_M } from './osm-buildings.ts';

export const FABRIC_FILE = 'city-fabric.geojson';
export const CELL_M = 250;
export const BLOCK_M = 140;
/** m² of floor per workplace: a round figure for offices and services (assumption, unsourced) */
export const WORKPLACE_FLOOR_M2 = 30;

const PaavoSchema = z.object({
  features: z.array(
    z.object({
      properties: z.looseObject({
        postal_code: z.string(),
        'Dwellings (RA)': z.number().nullable(),
        'Average floor area per dwelling (RA)': z.number().nullable(),
        'Inhabitants, total (HE)': z.number().nullable(),
        'Workplaces, total (TP)': z.number().nullable(),
      }),
    }),
  ),
});

const AsumSchema = z.object({
  features: z.array(
    z.object({
      properties: z.looseObject({
        asumi_nimi: z.string(),
        asumi_kood_nr: z.number(),
        linnaosa_lyhinimi: z.string(),
        area_ha: z.number(),
      }),
      geometry: z.object({
        type: z.enum(['Polygon', 'MultiPolygon']),
        coordinates: z.array(z.unknown()),
      }),
    }),
  ),
});

function parse<T>(schema: z.ZodType<T>, file: string): T {
  const r = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.success)
    throw new Error(
      `fabric: ${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return r.data;
}

export interface FabricProps {
  city: string;
  /** the fabric area: a Paavo postal area (HEL:…) or a Tallinn subdistrict (TLN:asum:…) */
  area: string;
  name: string;
  /** the city-layer district the area belongs to (the same id for Helsinki) */
  district: string;
  substation: string;
  population: number;
  populationEstimated: boolean;
  populationSource: string;
  dwellings?: number;
  workplaces?: number;
  /** m² the area's statistics imply, and m² of it already drawn as real buildings */
  floorAreaM2: number;
  realFloorAreaM2: number;
  blockM: number;
  heightM: number;
}

export interface FabricLayer {
  type: 'FeatureCollection';
  name: string;
  source: string;
  licence: string;
  rule: string;
  cellM: number;
  features: {
    type: 'Feature';
    properties: FabricProps;
    geometry: { type: 'MultiPoint'; coordinates: Position[] };
  }[];
}

/** m² of a flat ring of decimetre pairs (shoelace). */
function ringAreaM2(ring: number[]): number {
  let a = 0;
  const n = ring.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    a += ring[2 * i]! * ring[2 * j + 1]! - ring[2 * j]! * ring[2 * i + 1]!;
  }
  return (Math.abs(a) / 2) * QUANTUM_M * QUANTUM_M;
}

/** m² of floor of a real building: footprint × its storeys (at least one). */
function realFloorM2(p: BuildingLayer['features'][number]['properties']): number {
  const foot = p.footprint.reduce(
    (s, rings) => s + ringAreaM2(rings[0]!) - rings.slice(1).reduce((h, r) => h + ringAreaM2(r), 0),
    0,
  );
  return foot * Math.max(1, Math.round((p.heightM - p.baseM) / STOREY_M));
}

interface Grid {
  /** cell centres of the city's grid, [lon, lat] */
  cells: Position[];
}

/** A 250 m grid over a bounding box, in metres per degree at its middle latitude. */
function gridOver(polygons: Position[][][][]): Grid {
  const pts = polygons.flat(3);
  const lon0 = Math.min(...pts.map((p) => p[0]));
  const lon1 = Math.max(...pts.map((p) => p[0]));
  const lat0 = Math.min(...pts.map((p) => p[1]));
  const lat1 = Math.max(...pts.map((p) => p[1]));
  const m = metresPerDegree((lat0 + lat1) / 2);
  const dLon = CELL_M / m.east;
  const dLat = CELL_M / m.north;
  const cells: Position[] = [];
  for (let j = 0; lat0 + (j + 0.5) * dLat <= lat1; j++)
    for (let i = 0; lon0 + (i + 0.5) * dLon <= lon1; i++)
      cells.push([lon0 + (i + 0.5) * dLon, lat0 + (j + 0.5) * dLat]);
  return { cells };
}

const r5 = (p: Position): Position => [Number(p[0].toFixed(5)), Number(p[1].toFixed(5))];

/** Cells of a grid inside polygons and holding no real building (by its origin). */
function cellsOf(grid: Grid, polygons: Position[][][], taken: Set<number>): Position[] {
  // the bounding box first: the outlines are long and the grid covers the whole city
  const outer = polygons.flatMap((rings) => rings[0] ?? []);
  const lon0 = Math.min(...outer.map((p) => p[0]));
  const lon1 = Math.max(...outer.map((p) => p[0]));
  const lat0 = Math.min(...outer.map((p) => p[1]));
  const lat1 = Math.max(...outer.map((p) => p[1]));
  const out: Position[] = [];
  grid.cells.forEach((c, k) => {
    if (c[0] < lon0 || c[0] > lon1 || c[1] < lat0 || c[1] > lat1 || taken.has(k)) return;
    if (pointInPolygons(c, polygons)) out.push(c);
  });
  return out;
}

/** Indices of the grid cells that hold a real building's origin. */
function takenCells(grid: Grid, origins: Position[]): Set<number> {
  const out = new Set<number>();
  if (grid.cells.length === 0) return out;
  const m = metresPerDegree(grid.cells[0]![1]);
  const half = [CELL_M / m.east / 2, CELL_M / m.north / 2];
  grid.cells.forEach((c, k) => {
    if (origins.some((o) => Math.abs(o[0] - c[0]) <= half[0]! && Math.abs(o[1] - c[1]) <= half[1]!))
      out.add(k);
  });
  return out;
}

function blockHeightM(floorM2: number, cells: number): number {
  if (cells === 0 || floorM2 <= 0) return 0;
  return Number(((floorM2 / (cells * BLOCK_M * BLOCK_M)) * STOREY_M).toFixed(1));
}

function helsinkiFabric(
  sharedData: string,
  city: CityDemand,
  buildings: BuildingLayer,
): { features: FabricLayer['features']; floorPerInhabitantM2: number } {
  const file = join(
    sharedData,
    'helsinki-population-paavo',
    'helsinki_postal_areas_population_2023.geojson',
  );
  const paavo = new Map(
    parse(PaavoSchema, file).features.map((f) => [`HEL:${f.properties.postal_code}`, f.properties]),
  );
  const rows = city.areas.map((a) => {
    const p = paavo.get(a.id);
    if (!p) throw new Error(`fabric: ${file}: no Paavo row for ${a.id}`);
    return {
      a,
      dwellings: p['Dwellings (RA)'] ?? 0,
      perDwelling: p['Average floor area per dwelling (RA)'],
    };
  });
  // an area without its average floor area per dwelling (Paavo suppresses small counts) takes
  // the city's dwelling-weighted average
  const known = rows.filter((r) => r.perDwelling !== null && r.perDwelling > 0);
  const cityPerDwelling =
    known.reduce((s, r) => s + r.dwellings * r.perDwelling!, 0) /
    known.reduce((s, r) => s + r.dwellings, 0);
  const residential = rows.reduce(
    (s, r) => s + r.dwellings * (r.perDwelling || cityPerDwelling),
    0,
  );
  const inhabitants = city.areas.reduce((s, a) => s + a.population, 0);
  const grid = gridOver(city.areas.map((a) => a.polygons));
  const taken = takenCells(
    grid,
    buildings.features.map((f) => f.geometry.coordinates),
  );
  const realByArea = new Map<string, number>();
  for (const f of buildings.features)
    realByArea.set(
      f.properties.district,
      (realByArea.get(f.properties.district) ?? 0) + realFloorM2(f.properties),
    );
  const features = rows.map(({ a, dwellings, perDwelling }) => {
    const floor =
      dwellings * (perDwelling || cityPerDwelling) + (a.workplaces ?? 0) * WORKPLACE_FLOOR_M2;
    const real = realByArea.get(a.id) ?? 0;
    let cells = cellsOf(grid, a.polygons, taken);
    if (cells.length === 0 && real === 0) cells = [a.centroid];
    return feature(
      {
        city: 'Helsinki',
        area: a.id,
        name: a.name,
        district: a.id,
        substation: a.buses[0]!,
        population: a.population,
        populationEstimated: false,
        populationSource: a.populationNote,
        dwellings,
        ...(a.workplaces === undefined ? {} : { workplaces: a.workplaces }),
        floorAreaM2: Math.round(floor),
        realFloorAreaM2: Math.round(real),
        blockM: BLOCK_M,
        heightM: blockHeightM(floor - real, cells.length),
      },
      cells,
    );
  });
  return { features, floorPerInhabitantM2: residential / inhabitants };
}

function feature(properties: FabricProps, cells: Position[]): FabricLayer['features'][number] {
  return {
    type: 'Feature',
    properties,
    geometry: { type: 'MultiPoint', coordinates: cells.map(r5) },
  };
}

function tallinnFabric(
  sharedData: string,
  city: CityDemand,
  floorPerInhabitantM2: number,
): FabricLayer['features'] {
  const file = join(sharedData, 'tallinn-asumid', 'tallinn_asumid_84_polygons.geojson');
  const asumid = parse(AsumSchema, file)
    .features.map((f) => ({
      p: f.properties,
      polygons:
        f.geometry.type === 'Polygon'
          ? [f.geometry.coordinates as Position[][]]
          : (f.geometry.coordinates as Position[][][]),
    }))
    .sort((a, b) => a.p.asumi_kood_nr - b.p.asumi_kood_nr);
  const districtOf = (name: string): CityArea => {
    const d = city.areas.find((a) => a.name.normalize('NFC') === name.normalize('NFC'));
    if (!d)
      throw new Error(`fabric: ${file}: subdistrict of "${name}", which the city layer lacks`);
    return d;
  };
  const haByDistrict = new Map<string, number>();
  for (const x of asumid) {
    const d = districtOf(x.p.linnaosa_lyhinimi);
    haByDistrict.set(d.id, (haByDistrict.get(d.id) ?? 0) + x.p.area_ha);
  }
  const bus = new Map(city.buses.map((b) => [b.id, b]));
  const grid = gridOver(asumid.map((x) => x.polygons));
  const none = new Set<number>();
  return asumid.map(({ p, polygons }) => {
    const d = districtOf(p.linnaosa_lyhinimi);
    const population = Math.round((d.population * p.area_ha) / haByDistrict.get(d.id)!);
    const { centroid } = areaAndCentroid(polygons);
    const feeder = [...d.buses].sort((x, y) => {
      const bx = bus.get(x)!;
      const by = bus.get(y)!;
      return (
        haversineKm(centroid, [bx.lon, bx.lat]) - haversineKm(centroid, [by.lon, by.lat]) ||
        x.localeCompare(y)
      );
    })[0]!;
    let cells = cellsOf(grid, polygons, none);
    if (cells.length === 0) cells = [centroid];
    const floor = population * floorPerInhabitantM2;
    return feature(
      {
        city: 'Tallinn',
        area: `TLN:asum:${p.asumi_kood_nr}`,
        name: p.asumi_nimi,
        district: d.id,
        substation: feeder,
        population,
        populationEstimated: true,
        populationSource: `${d.name} district population (${d.populationNote}) shared over its subdistricts by area — no per-subdistrict figure in the sources`,
        floorAreaM2: Math.round(floor),
        realFloorAreaM2: 0,
        blockM: BLOCK_M,
        heightM: blockHeightM(floor, cells.length),
      },
      cells,
    );
  });
}

export function buildFabric(
  sharedData: string,
  cities: CityDemand[],
  buildings: BuildingLayer,
): FabricLayer {
  const hel = cities.find((c) => c.city === 'Helsinki');
  const tln = cities.find((c) => c.city === 'Tallinn');
  if (!hel || !tln) throw new Error('fabric: the city layer lacks Helsinki or Tallinn');
  const h = helsinkiFabric(sharedData, hel, buildings);
  return {
    type: 'FeatureCollection',
    name: 'city-fabric',
    source:
      'Statistics Finland, Paavo 2023 (dwellings, floor area per dwelling, workplaces, inhabitants by postal area), CC BY 4.0; Tallinn subdistricts (asumid) outlines via wug-ge/tallinn-map, licence unconfirmed, with the city layer district populations',
    licence: 'CC BY 4.0 (Helsinki statistics); Tallinn subdistrict geometry: licence unconfirmed',
    rule: `modelled blocks, not buildings: one ${BLOCK_M} m block per ${CELL_M} m grid cell; Helsinki floor area = dwellings × floor area per dwelling + workplaces × ${WORKPLACE_FLOOR_M2} m² (assumed) − real buildings drawn; Tallinn floor area = estimated population × ${h.floorPerInhabitantM2.toFixed(1)} m² (Helsinki residential floor area per inhabitant, carried over); height = floors × ${STOREY_M} m`,
    cellM: CELL_M,
    features: [...h.features, ...tallinnFabric(sharedData, tln, h.floorPerInhabitantM2)],
  };
}
