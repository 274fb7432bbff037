// The local frame of a building in data/geo/helsinki-buildings.geojson: east and north metres
// from the building's origin (a longitude and latitude), quantised to decimetres. Outlines
// this small (10–200 m) need no projection: metres per degree at the origin's latitude on
// GRS80 turn them back into degrees to well under a centimetre. The web app inverts it with
// the same two radii (apps/web/src/geo/local-frame.ts).
import type { Position } from './geometry.ts';

const A = 6378137;
const F = 1 / 298.257222101; // GRS80
const E2 = F * (2 - F);

/** Metres per degree east and north at a latitude (prime-vertical and meridian radii). */
export function metresPerDegree(lat: number): { east: number; north: number } {
  const p = (lat * Math.PI) / 180;
  const w = Math.sqrt(1 - E2 * Math.sin(p) ** 2);
  const rad = Math.PI / 180;
  return { east: (A / w) * Math.cos(p) * rad, north: ((A * (1 - E2)) / w ** 3) * rad };
}

/** metres per unit of the quantised coordinates (a decimetre) */
export const QUANTUM_M = 0.1;

/** [east, north] dm (integers) of a point from an origin. */
export function toLocal(origin: Position, p: Position): [number, number] {
  const m = metresPerDegree(origin[1]);
  return [
    Math.round(((p[0] - origin[0]) * m.east) / QUANTUM_M),
    Math.round(((p[1] - origin[1]) * m.north) / QUANTUM_M),
  ];
}
