// The twin city's two geo layers, checked with zod and placed on the scene plane:
//   helsinki-buildings — real buildings (OpenStreetMap, City of Helsinki LOD2) with their
//     outlines, roof and wall polygons, heights, where the height comes from, their postal
//     area and feeding substation;
//   city-fabric — modelled blocks on a grid, per Helsinki postal area and Tallinn subdistrict,
//     with the statistics they follow and their feeding substation.
// Coordinates come out in km on the plane (x east, z south) and m up from the ground.
import { z } from 'zod';
import { metresPerDegree, QUANTUM_M } from './local-frame.ts';
import type { PlaneProjection } from './projection.ts';

const Ring = z.array(z.number().int());
const Polygons = z.array(z.array(Ring).min(1));

const BuildingSchema = z.object({
  type: z.literal('Feature'),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
  properties: z.object({
    id: z.string(),
    name: z.string().optional(),
    source: z.enum(['osm', 'helsinki-3d']),
    use: z.string(),
    heightM: z.number().positive(),
    baseM: z.number(),
    heightSource: z.enum(['osm-height', 'osm-levels', 'extract-median', 'lod2-measured']),
    measured: z.boolean(),
    district: z.string(),
    districtByNearestM: z.number().optional(),
    substation: z.string(),
    footprint: Polygons,
    roofs: Polygons.optional(),
    walls: Polygons.optional(),
    vtjPrt: z.string().optional(),
  }),
});

export const BuildingLayerSchema = z.object({
  type: z.literal('FeatureCollection'),
  source: z.string(),
  licence: z.string(),
  features: z.array(BuildingSchema),
});

const BlockAreaSchema = z.object({
  type: z.literal('Feature'),
  geometry: z.object({
    type: z.literal('MultiPoint'),
    coordinates: z.array(z.tuple([z.number(), z.number()])),
  }),
  properties: z.object({
    city: z.string(),
    area: z.string(),
    name: z.string(),
    district: z.string(),
    substation: z.string(),
    population: z.number().nonnegative(),
    populationEstimated: z.boolean(),
    populationSource: z.string(),
    dwellings: z.number().optional(),
    workplaces: z.number().optional(),
    floorAreaM2: z.number(),
    realFloorAreaM2: z.number(),
    blockM: z.number().positive(),
    heightM: z.number().nonnegative(),
  }),
});

export const FabricLayerSchema = z.object({
  type: z.literal('FeatureCollection'),
  source: z.string(),
  licence: z.string(),
  rule: z.string(),
  cellM: z.number().positive(),
  features: z.array(BlockAreaSchema),
});

export type HeightSource = z.infer<typeof BuildingSchema>['properties']['heightSource'];

/** A ring on the plane: [x, z] km, not closed. */
export type Ring2 = [number, number][];
/** A polygon with heights: [x, z] km and metres up from the ground. */
export type Ring3 = [number, number, number][];

export interface Building {
  id: string;
  name: string | null;
  source: 'osm' | 'helsinki-3d';
  use: string;
  heightM: number;
  baseM: number;
  heightSource: HeightSource;
  measured: boolean;
  /** city-layer district (Paavo postal area) id and the substation feeding it */
  district: string;
  substation: string;
  /** [x, z] km of the origin */
  at: [number, number];
  footprint: Ring2[][];
  /** LOD2 only: the model's own roof and wall polygons */
  roofs: Ring3[][];
  walls: Ring3[][];
}

/** The modelled blocks of one area (postal area or subdistrict). */
export interface BlockArea {
  city: string;
  area: string;
  name: string;
  district: string;
  substation: string;
  population: number;
  populationEstimated: boolean;
  populationSource: string;
  dwellings: number | null;
  workplaces: number | null;
  blockM: number;
  heightM: number;
  /** [x, z] km of each block's centre */
  cells: [number, number][];
}

export interface CityLayers {
  buildings: Building[];
  areas: BlockArea[];
  /** the layers' own credits */
  buildingSource: string;
  fabricSource: string;
  fabricRule: string;
}

function issues(e: z.ZodError, layer: string): Error {
  return new Error(
    `web/city-layers: ${layer}: ${e.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ')}`,
  );
}

export function readCityLayers(
  buildingsJson: unknown,
  fabricJson: unknown,
  proj: PlaneProjection,
): CityLayers {
  const b = BuildingLayerSchema.safeParse(buildingsJson);
  if (!b.success) throw issues(b.error, 'helsinki-buildings');
  const f = FabricLayerSchema.safeParse(fabricJson);
  if (!f.success) throw issues(f.error, 'city-fabric');
  const buildings = b.data.features.map((feature): Building => {
    const p = feature.properties;
    const [lon0, lat0] = feature.geometry.coordinates;
    const m = metresPerDegree(lat0);
    const xz = (e: number, n: number): [number, number] =>
      proj.project(lon0 + (e * QUANTUM_M) / m.east, lat0 + (n * QUANTUM_M) / m.north);
    const ring2 = (r: number[]): Ring2 => {
      const out: Ring2 = [];
      for (let k = 0; k + 1 < r.length; k += 2) out.push(xz(r[k]!, r[k + 1]!));
      return out;
    };
    const ring3 = (r: number[]): Ring3 => {
      const out: Ring3 = [];
      for (let k = 0; k + 2 < r.length; k += 3) {
        const [x, z2] = xz(r[k]!, r[k + 1]!);
        out.push([x, z2, r[k + 2]! * QUANTUM_M]);
      }
      return out;
    };
    return {
      id: p.id,
      name: p.name ?? null,
      source: p.source,
      use: p.use,
      heightM: p.heightM,
      baseM: p.baseM,
      heightSource: p.heightSource,
      measured: p.measured,
      district: p.district,
      substation: p.substation,
      at: proj.project(lon0, lat0),
      footprint: p.footprint.map((rings) => rings.map(ring2)),
      roofs: (p.roofs ?? []).map((rings) => rings.map(ring3)),
      walls: (p.walls ?? []).map((rings) => rings.map(ring3)),
    };
  });
  const areas = f.data.features.map((feature): BlockArea => {
    const p = feature.properties;
    return {
      city: p.city,
      area: p.area,
      name: p.name,
      district: p.district,
      substation: p.substation,
      population: p.population,
      populationEstimated: p.populationEstimated,
      populationSource: p.populationSource,
      dwellings: p.dwellings ?? null,
      workplaces: p.workplaces ?? null,
      blockM: p.blockM,
      heightM: p.heightM,
      cells: feature.geometry.coordinates.map(([lon, lat]) => proj.project(lon, lat)),
    };
  });
  return {
    buildings,
    areas,
    buildingSource: b.data.source,
    fabricSource: f.data.source,
    fabricRule: f.data.rule,
  };
}
