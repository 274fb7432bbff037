// The local frame of the building layer (data/geo/helsinki-buildings.geojson, written by
// scripts/build-data/local-frame.ts): integer decimetres east and north of a building's origin,
// turned back into degrees with the GRS80 radii at the origin's latitude.

const A = 6378137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);

/** metres per unit of the layer's integer coordinates */
export const QUANTUM_M = 0.1;

/** Metres per degree east and north at a latitude. */
export function metresPerDegree(lat: number): { east: number; north: number } {
  const p = (lat * Math.PI) / 180;
  const w = Math.sqrt(1 - E2 * Math.sin(p) ** 2);
  const rad = Math.PI / 180;
  return { east: (A / w) * Math.cos(p) * rad, north: ((A * (1 - E2)) / w ** 3) * rad };
}
