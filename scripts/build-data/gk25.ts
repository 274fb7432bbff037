// EPSG:3879 (ETRS-GK25FIN, the City of Helsinki's plane coordinates) → WGS84 longitude and
// latitude, and a local east/north metre frame for building outlines. GK25 is a transverse
// Mercator on the GRS80 ellipsoid: central meridian 25° E, scale 1, false easting 25,500,000 m.
// The inverse uses Krüger's series in the third flattening n to third order (as in the JHS 197
// recommendation for the Finnish GK zones; well under a millimetre at city scale).
import type { Position } from './geometry.ts';

const A = 6378137;
const F = 1 / 298.257222101; // GRS80
const N = F / (2 - F);
const A1 = (A / (1 + N)) * (1 + N ** 2 / 4 + N ** 4 / 64);
const BETA = [
  N / 2 - (2 * N ** 2) / 3 + (37 * N ** 3) / 96,
  N ** 2 / 48 + N ** 3 / 15,
  (17 * N ** 3) / 480,
];
const DELTA = [
  2 * N - (2 * N ** 2) / 3 - 2 * N ** 3,
  (7 * N ** 2) / 3 - (8 * N ** 3) / 5,
  (56 * N ** 3) / 15,
];

const LON0 = 25;
const FALSE_EASTING = 25_500_000;

/** [lon, lat] (degrees) of an EPSG:3879 easting and northing (m). */
export function gk25ToWgs84(easting: number, northing: number): Position {
  const xi = northing / A1;
  const eta = (easting - FALSE_EASTING) / A1;
  let xi1 = xi;
  let eta1 = eta;
  for (let j = 1; j <= 3; j++) {
    const b = BETA[j - 1]!;
    xi1 -= b * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
    eta1 -= b * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
  }
  const chi = Math.asin(Math.sin(xi1) / Math.cosh(eta1));
  let phi = chi;
  for (let j = 1; j <= 3; j++) phi += DELTA[j - 1]! * Math.sin(2 * j * chi);
  const lon = LON0 + (Math.atan2(Math.sinh(eta1), Math.cos(xi1)) * 180) / Math.PI;
  return [lon, (phi * 180) / Math.PI];
}
