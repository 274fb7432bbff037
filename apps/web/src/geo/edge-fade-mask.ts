// Where the base map fades into the sea. The Natural Earth land, coastline and border layers
// are clipped to a lon/lat box (../shared/data/naturalearth-fi-ee: lon 19–32, lat 57–70.5), so
// drawn as they are, the land stops at two meridians and two parallels: from the Gulf overview
// a lit trapezoid with straight edges, which reads as a rendering fault on a big screen. The
// mask fades the clipped layers out over the last kilometres inside that box instead, so the
// land ends softly where the data does. It is a grid over the plane rectangle that holds the
// projected box (the transverse Mercator bends meridians, so the box is not a rectangle on
// the plane); each cell holds 0 (sea) … 255 (map drawn as it is), sampled with bilinear
// filtering by the base map's shaders (scene/edge-fade.ts).
import type { LonLatBox } from './layers.ts';
import type { PlaneProjection } from './projection.ts';

/** km per degree of latitude (and of longitude at the equator) */
const KM_PER_DEGREE = 111.32;

export interface EdgeFadeMask {
  /** row-major, row 0 at minZ (north), one byte per cell */
  data: Uint8Array;
  width: number;
  height: number;
  /** the plane rectangle the grid covers, km */
  minX: number;
  minZ: number;
  sizeX: number;
  sizeZ: number;
}

/**
 * How far inside the box a point is, km (negative outside): the smaller of its distances to
 * the nearest meridian and the nearest parallel of the box.
 */
export function insideBoxKm(box: LonLatBox, lon: number, lat: number): number {
  const alongParallel =
    Math.min(lon - box.west, box.east - lon) * KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const alongMeridian = Math.min(lat - box.south, box.north - lat) * KM_PER_DEGREE;
  return Math.min(alongParallel, alongMeridian);
}

/** 0 at the box's edge and outside, 1 from widthKm inside, smooth in between. */
export function edgeFade(insideKm: number, widthKm: number): number {
  const u = Math.min(1, Math.max(0, insideKm / widthKm));
  return u * u * (3 - 2 * u);
}

/** Samples along the box's edges, for the plane rectangle that holds it. */
function planeBounds(box: LonLatBox, proj: PlaneProjection): [number, number, number, number] {
  let [minX, minZ, maxX, maxZ] = [Infinity, Infinity, -Infinity, -Infinity];
  const n = 64;
  for (let k = 0; k <= n; k++) {
    const lon = box.west + ((box.east - box.west) * k) / n;
    const lat = box.south + ((box.north - box.south) * k) / n;
    for (const [x, z] of [
      proj.project(lon, box.south),
      proj.project(lon, box.north),
      proj.project(box.west, lat),
      proj.project(box.east, lat),
    ]) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minZ = Math.min(minZ, z);
      maxZ = Math.max(maxZ, z);
    }
  }
  return [minX, minZ, maxX, maxZ];
}

/**
 * @param cellKm grid spacing on the plane (the fade is interpolated between cells, so a few km
 *   is smooth at any zoom the camera allows)
 */
export function edgeFadeMask(
  box: LonLatBox,
  proj: PlaneProjection,
  widthKm: number,
  cellKm = 4,
): EdgeFadeMask {
  const [minX, minZ, maxX, maxZ] = planeBounds(box, proj);
  const width = Math.max(2, Math.ceil((maxX - minX) / cellKm) + 1);
  const height = Math.max(2, Math.ceil((maxZ - minZ) / cellKm) + 1);
  const sizeX = (width - 1) * cellKm;
  const sizeZ = (height - 1) * cellKm;
  const data = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const [lon, lat] = proj.invert(minX + c * cellKm, minZ + r * cellKm);
      data[r * width + c] = Math.round(255 * edgeFade(insideBoxKm(box, lon, lat), widthKm));
    }
  }
  return { data, width, height, minX, minZ, sizeX, sizeZ };
}
