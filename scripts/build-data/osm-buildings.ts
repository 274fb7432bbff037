// Central Helsinki's OpenStreetMap buildings (../shared/data/helsinki-buildings-osm, a 2019
// extract of Kamppi, Kluuvi, Punavuori and Etu-Töölö): outlines and their heights from the
// tags. OSM's Simple 3D Buildings convention is followed: where a building has building:part
// features, the parts are drawn (each with its own base and height) and the outline is not, so
// nothing is drawn twice.
//   height: the `height` tag (metres, as mapped); else building:levels × 3.2 m plus 1.5 m per
//   roof:levels (the extract's own rule, SOURCE.md); else the median height of the extract's
//   tagged buildings — an estimate, said so in `heightSource`.
//   base: `min_height`, else building:min_level × 3.2 m, else the ground.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { areaAndCentroid, pointInPolygons, type Position } from './geometry.ts';

export const STOREY_M = 3.2;
export const ROOF_LEVEL_M = 1.5;

export type HeightSource = 'osm-height' | 'osm-levels' | 'extract-median' | 'lod2-measured';

export interface SourceBuilding {
  id: string;
  name?: string;
  /** the building / building:part tag value */
  use: string;
  part: boolean;
  /** lon/lat polygons (outer ring first), rings not closed */
  polygons: Position[][][];
  heightM: number;
  baseM: number;
  heightSource: HeightSource;
}

const FeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.record(z.string(), z.unknown()),
  geometry: z.object({
    type: z.enum(['Polygon', 'MultiPolygon']),
    coordinates: z.array(z.unknown()),
  }),
});
const CollectionSchema = z.object({ features: z.array(FeatureSchema) });

/** A number at the start of a tag value ("12", "12.5 m"); null when there is none. */
export function tagNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const m = /^\s*(-?\d+(?:\.\d+)?)/.exec(v);
  return m ? Number(m[1]) : null;
}

const open = (ring: Position[]): Position[] => {
  const a = ring[0];
  const b = ring[ring.length - 1];
  return ring.length > 1 && a && b && a[0] === b[0] && a[1] === b[1] ? ring.slice(0, -1) : ring;
};

export function readOsmBuildings(sharedData: string): SourceBuilding[] {
  const file = join(
    sharedData,
    'helsinki-buildings-osm',
    'helsinki_center_osm_buildings_2019.geojson',
  );
  const parsed = CollectionSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `osm-buildings: ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const raw = parsed.data.features.map((f) => {
    const p = f.properties;
    const polygons = (
      f.geometry.type === 'Polygon'
        ? [f.geometry.coordinates as Position[][]]
        : (f.geometry.coordinates as Position[][][])
    ).map((rings) => rings.map(open));
    const height = tagNumber(p['height']);
    const levels = tagNumber(p['building:levels']);
    const roofLevels = tagNumber(p['roof:levels']) ?? 0;
    const minHeight = tagNumber(p['min_height']);
    const minLevel = tagNumber(p['building:min_level']);
    const part = typeof p['building:part'] === 'string';
    return {
      id: `osm:${String(p['osm_type'])}/${String(p['osm_id'])}`,
      ...(typeof p['name'] === 'string' ? { name: p['name'] } : {}),
      use: String(part ? p['building:part'] : (p['building'] ?? 'yes')),
      part,
      polygons,
      tagged:
        height !== null && height > 0
          ? { heightM: height, heightSource: 'osm-height' as const }
          : levels !== null && levels > 0
            ? {
                heightM: levels * STOREY_M + roofLevels * ROOF_LEVEL_M,
                heightSource: 'osm-levels' as const,
              }
            : null,
      baseM: minHeight ?? (minLevel !== null ? minLevel * STOREY_M : 0),
    };
  });
  const tagged = raw.flatMap((b) => (b.tagged ? [b.tagged.heightM] : [])).sort((a, b) => a - b);
  if (tagged.length === 0) throw new Error(`osm-buildings: ${file}: no building has a height`);
  const median = Number(
    (tagged.length % 2
      ? tagged[(tagged.length - 1) / 2]!
      : (tagged[tagged.length / 2 - 1]! + tagged[tagged.length / 2]!) / 2
    ).toFixed(1),
  );
  // outlines with parts inside are drawn by their parts
  const partPoints = raw
    .filter((b) => b.part)
    .map(
      (b) => areaAndCentroid(b.polygons.map((rings) => rings.map((r) => [...r, r[0]!]))).centroid,
    );
  return raw
    .filter((b) => b.part || !partPoints.some((pt) => pointInPolygons(pt, b.polygons)))
    .map((b) => {
      const { tagged: t, ...rest } = b;
      const heightM = t?.heightM ?? Math.max(median, b.baseM + STOREY_M);
      return {
        ...rest,
        heightM: Number(heightM.toFixed(1)),
        baseM: Number(Math.min(b.baseM, heightM - 0.5).toFixed(1)),
        heightSource: t?.heightSource ?? ('extract-median' as const),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}
