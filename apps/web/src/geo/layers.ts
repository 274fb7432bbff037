// GeoJSON layers → flat arrays on the scene plane (no three.js here): line layers become
// segment lists, polygon layers become rings (outer first, then holes), districts carry their
// population and the substations that feed them.
import type { PlaneProjection } from './projection.ts';

type Position = number[];
interface Geometry {
  type: string;
  coordinates?: unknown;
}
interface Feature {
  properties?: Record<string, unknown> | null;
  geometry: Geometry | null;
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

/** A polygon on the plane: rings of [x, z] km, the first the outer boundary. */
export type PlaneRing = [number, number][];
export type PlanePolygon = PlaneRing[];

function lineStrings(g: Geometry): Position[][] {
  if (g.type === 'LineString') return [g.coordinates as Position[]];
  if (g.type === 'MultiLineString') return g.coordinates as Position[][];
  if (g.type === 'Polygon') return g.coordinates as Position[][];
  if (g.type === 'MultiPolygon') return (g.coordinates as Position[][][]).flat();
  return [];
}

function polygons(g: Geometry): Position[][][] {
  if (g.type === 'Polygon') return [g.coordinates as Position[][]];
  if (g.type === 'MultiPolygon') return g.coordinates as Position[][][];
  return [];
}

/** The lon/lat bounds of every coordinate of a layer, degrees; null for an empty layer. */
export function lonLatBounds(fc: FeatureCollection): LonLatBox | null {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of fc.features) {
    if (!f.geometry) continue;
    for (const line of lineStrings(f.geometry)) {
      for (const p of line) {
        west = Math.min(west, p[0]!);
        east = Math.max(east, p[0]!);
        south = Math.min(south, p[1]!);
        north = Math.max(north, p[1]!);
      }
    }
  }
  return west <= east ? { west, south, east, north } : null;
}

export interface LonLatBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Every line of a layer as segments: [x0, y, z0, x1, y, z1, …] at height y (km). */
export function lineSegments(fc: FeatureCollection, proj: PlaneProjection, y = 0): Float32Array {
  const out: number[] = [];
  for (const f of fc.features) {
    if (!f.geometry) continue;
    for (const line of lineStrings(f.geometry)) {
      for (let k = 1; k < line.length; k++) {
        const a = line[k - 1]!;
        const b = line[k]!;
        const [ax, az] = proj.project(a[0]!, a[1]!);
        const [bx, bz] = proj.project(b[0]!, b[1]!);
        out.push(ax, y, az, bx, y, bz);
      }
    }
  }
  return Float32Array.from(out);
}

/** Every polygon of a layer on the plane (the closing vertex of each ring dropped). */
export function planePolygons(fc: FeatureCollection, proj: PlaneProjection): PlanePolygon[] {
  const out: PlanePolygon[] = [];
  for (const f of fc.features) {
    if (!f.geometry) continue;
    for (const poly of polygons(f.geometry)) out.push(poly.map((ring) => projectRing(ring, proj)));
  }
  return out;
}

function projectRing(ring: Position[], proj: PlaneProjection): PlaneRing {
  const pts = ring.map((p) => proj.project(p[0]!, p[1]!));
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (pts.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) pts.pop();
  return pts;
}

/** Even-odd point-in-polygon over all rings (holes subtract). */
export function polygonContains(poly: PlanePolygon, x: number, z: number): boolean {
  let inside = false;
  for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, zi] = ring[i]!;
      const [xj, zj] = ring[j]!;
      if (zi > z !== zj > z && x < ((xj - xi) * (z - zi)) / (zj - zi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Area-weighted centroid of the outer ring, [x, z]. */
export function ringCentroid(ring: PlaneRing): [number, number] {
  let a = 0;
  let cx = 0;
  let cz = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, zi] = ring[i]!;
    const [xj, zj] = ring[j]!;
    const cross = xj * zi - xi * zj;
    a += cross;
    cx += (xi + xj) * cross;
    cz += (zi + zj) * cross;
  }
  if (Math.abs(a) < 1e-12) {
    const n = Math.max(ring.length, 1);
    return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
  }
  return [cx / (3 * a), cz / (3 * a)];
}

export interface District {
  id: string;
  name: string;
  city: string;
  population: number;
  populationEstimated: boolean;
  /** feeding substations (bus ids) */
  substations: string[];
  polygons: PlanePolygon[];
  /** [x, z] km */
  centroid: [number, number];
  areaKm2: number;
}

/** The district layers (helsinki-districts, tallinn-districts) on the plane. */
export function districtsFrom(fc: FeatureCollection, proj: PlaneProjection): District[] {
  const out: District[] = [];
  for (const f of fc.features) {
    const p = f.properties ?? {};
    if (!f.geometry) continue;
    const polys = polygons(f.geometry).map((poly) => poly.map((ring) => projectRing(ring, proj)));
    const biggest = polys
      .map((poly) => poly[0] ?? [])
      .reduce<PlaneRing>((best, r) => (r.length > best.length ? r : best), []);
    const name = String(p['name'] ?? p['id'] ?? '?');
    out.push({
      id: String(p['id'] ?? name),
      name: titleCase(name),
      city: String(p['city'] ?? ''),
      population: Number(p['population'] ?? 0),
      populationEstimated: p['populationEstimated'] === true,
      substations: Array.isArray(p['substations']) ? p['substations'].map(String) : [],
      polygons: polys,
      centroid: ringCentroid(biggest),
      areaKm2: Number(p['areaKm2'] ?? 0),
    });
  }
  return out;
}

/** Helsinki's district names come in capitals ("KRUUNUNHAKA"). */
function titleCase(s: string): string {
  if (s !== s.toUpperCase()) return s;
  return s
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}
