// Base map layers for the 3D twin from Natural Earth (public domain; ../shared/data/
// naturalearth-fi-ee, 1:10m and 1:50m, already clipped to lon 19–32, lat 57–70.5): land,
// coastline, land borders and the FI/AX/EE country shapes, simplified (Douglas–Peucker,
// 0.005° ≈ 0.5 km, below the 1:10m generalisation) and rounded to 1e-4°.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { roundLine, simplifyRing, type Position } from './geometry.ts';

const TOLERANCE = 0.005;
const DIGITS = 4;

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  name: string;
  source: string;
  licence: string;
  features: Feature[];
}

function simplifyGeometry(geometry: Feature['geometry']): Feature['geometry'] | null {
  // A polygon whose outer ring collapses is dropped; holes that collapse are dropped alone.
  const polygon = (rings: Position[][]): Position[][] | null => {
    const outer = simplifyRing(rings[0]!, TOLERANCE, DIGITS);
    if (!outer) return null;
    const holes = rings
      .slice(1)
      .map((r) => simplifyRing(r, TOLERANCE, DIGITS))
      .filter((r): r is Position[] => r !== null);
    return [outer, ...holes];
  };
  switch (geometry.type) {
    case 'Polygon': {
      const p = polygon(geometry.coordinates as Position[][]);
      return p ? { type: 'Polygon', coordinates: p } : null;
    }
    case 'MultiPolygon': {
      const ps = (geometry.coordinates as Position[][][])
        .map(polygon)
        .filter((p): p is Position[][] => p !== null);
      return ps.length > 0 ? { type: 'MultiPolygon', coordinates: ps } : null;
    }
    case 'LineString': {
      const l = roundLine(geometry.coordinates as Position[], TOLERANCE, DIGITS);
      return l ? { type: 'LineString', coordinates: l } : null;
    }
    case 'MultiLineString': {
      const ls = (geometry.coordinates as Position[][])
        .map((l) => roundLine(l, TOLERANCE, DIGITS))
        .filter((l): l is Position[] => l !== null);
      return ls.length > 0 ? { type: 'MultiLineString', coordinates: ls } : null;
    }
    default:
      throw new Error(`geo: unsupported geometry ${geometry.type}`);
  }
}

function layer(
  sharedData: string,
  file: string,
  name: string,
  keep: (p: Record<string, unknown>) => Record<string, unknown>,
): FeatureCollection {
  const raw = JSON.parse(readFileSync(join(sharedData, 'naturalearth-fi-ee', file), 'utf8')) as {
    features: Feature[];
  };
  const features: Feature[] = [];
  for (const f of raw.features) {
    const geometry = simplifyGeometry(f.geometry);
    if (geometry) features.push({ type: 'Feature', properties: keep(f.properties), geometry });
  }
  return {
    type: 'FeatureCollection',
    name,
    source: `Natural Earth, ${file} (via martynafford/natural-earth-geojson)`,
    licence: 'public domain (Made with Natural Earth)',
    features,
  };
}

export function buildGeoLayers(sharedData: string): Record<string, FeatureCollection> {
  return {
    'land.geojson': layer(sharedData, 'ne_10m_land_fi_ee_bbox.geojson', 'land', () => ({})),
    'coastline.geojson': layer(
      sharedData,
      'ne_10m_coastline_fi_ee_bbox.geojson',
      'coastline',
      () => ({}),
    ),
    'borders.geojson': layer(
      sharedData,
      'ne_10m_admin_0_boundary_lines_land_fi_ee_bbox.geojson',
      'borders',
      (p) => ({
        left: p.ADM0_LEFT ?? null,
        right: p.ADM0_RIGHT ?? null,
      }),
    ),
    'countries.geojson': layer(
      sharedData,
      'ne_50m_admin_0_countries_fi_ax_ee.geojson',
      'countries',
      (p) => ({
        code: p.ADM0_A3,
        name: p.NAME,
      }),
    ),
  };
}
