// The City of Helsinki 3D city model tiles (../shared/data/helsinki-3d-lod2/raw: Kalasatama/
// Redi and Viikki, CityGML 2.0 LOD2): per building its measured height, its ground outline and
// its roof and wall polygons, in WGS84 with heights above the building's lowest ground point.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCityGml, type Polygon3 } from './citygml.ts';
import { gk25ToWgs84 } from './gk25.ts';
import type { Position } from './geometry.ts';

export const LOD2_FILES = ['2549_6674.gml', 'viikintiedepuisto.gml'];

/** A polygon in lon, lat and metres above the building's ground */
export type GeoPolygon3 = [number, number, number][][];

export interface Lod2Building {
  id: string;
  file: string;
  vtjPrt: string | null;
  roofType: string | null;
  /** m, bldg:measuredHeight */
  heightM: number;
  /** the ground surfaces (lon, lat) */
  footprint: Position[][][];
  roofs: GeoPolygon3[];
  walls: GeoPolygon3[];
}

export function readLod2Buildings(sharedData: string): Lod2Building[] {
  const out: Lod2Building[] = [];
  for (const file of LOD2_FILES) {
    const path = join(sharedData, 'helsinki-3d-lod2', 'raw', file);
    for (const b of readCityGml(readFileSync(path, 'utf8'), file)) {
      const ground = b.surfaces.filter((s) => s.kind === 'ground');
      if (ground.length === 0)
        throw new Error(`lod2-buildings: ${file}: ${b.id} has no GroundSurface`);
      if (b.measuredHeight === null || !(b.measuredHeight > 0))
        throw new Error(`lod2-buildings: ${file}: ${b.id} has no measuredHeight`);
      const z0 = Math.min(...ground.flatMap((s) => s.polygon.flatMap((r) => r.map((p) => p[2]))));
      const geo = (poly: Polygon3): GeoPolygon3 =>
        poly.map((ring) =>
          ring.map(([x, y, z]) => {
            const [lon, lat] = gk25ToWgs84(x, y);
            return [lon, lat, z - z0];
          }),
        );
      out.push({
        id: `lod2:${b.id}`,
        file,
        vtjPrt: b.vtjPrt,
        roofType: b.roofType,
        heightM: b.measuredHeight,
        footprint: ground.map((s) =>
          geo(s.polygon).map((r) => r.map(([lon, lat]) => [lon, lat] as Position)),
        ),
        roofs: b.surfaces.filter((s) => s.kind === 'roof').map((s) => geo(s.polygon)),
        walls: b.surfaces.filter((s) => s.kind === 'wall').map((s) => geo(s.polygon)),
      });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
