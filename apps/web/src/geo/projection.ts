// Longitude/latitude → the scene's local plane, in kilometres. A transverse Mercator centred on
// the Gulf of Finland (25° E, 60° N) is conformal and true to scale along 25° E, so distances
// across the region are right to well under 1 % (Helsinki–Tallinn ≈ 82 km).
//
//   scene axes:  x = east (km), y = up (km), z = south (km); the origin is ORIGIN
//
// d3's projections put y downwards on the page, which is already the scene's z (south).
import { geoTransverseMercator, type GeoProjection } from 'd3';

/** km, mean Earth radius (d3 projections work in radians × scale) */
export const EARTH_RADIUS_KM = 6371.0088;

export const ORIGIN = { lon: 25, lat: 60 } as const;

export interface PlaneProjection {
  /** [x, z] in km for a [lon, lat] in degrees */
  project(lon: number, lat: number): [number, number];
  /** [lon, lat] in degrees for a point of the plane */
  invert(x: number, z: number): [number, number];
}

export function createPlaneProjection(
  origin: { lon: number; lat: number } = ORIGIN,
): PlaneProjection {
  const p: GeoProjection = geoTransverseMercator()
    .rotate([-origin.lon, 0])
    .center([0, origin.lat])
    .scale(EARTH_RADIUS_KM)
    .translate([0, 0]);
  return {
    project(lon, lat) {
      const xy = p([lon, lat]);
      if (!xy) throw new RangeError(`web/geo/projection: cannot project ${lon}, ${lat}`);
      return [xy[0], xy[1]];
    },
    invert(x, z) {
      const ll = p.invert?.([x, z]);
      if (!ll) throw new RangeError(`web/geo/projection: cannot invert ${x}, ${z}`);
      return [ll[0], ll[1]];
    },
  };
}

/** The one projection the whole app uses. */
export const plane = createPlaneProjection();
