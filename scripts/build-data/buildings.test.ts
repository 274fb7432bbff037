// The twin city's data (data/geo/helsinki-buildings.geojson, data/geo/city-fabric.geojson):
// the GK25 inverse against the source's own (pyproj) footprints, the LOD2 reader, and the
// feeding of every building and block by exactly the substation the city layer gives its area.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { describeNeeding } from '../../testing/describe-needing.ts';
import { NEEDS, SHARED_DIR } from '../../testing/needs.ts';
import { readCityGml } from './citygml.ts';
import { gk25ToWgs84 } from './gk25.ts';
import { metresPerDegree } from './local-frame.ts';
import { readLod2Buildings } from './lod2-buildings.ts';
import { readOsmBuildings, tagNumber } from './osm-buildings.ts';
import type { BuildingLayer } from './buildings.ts';
import type { FabricLayer } from './fabric.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = join(SHARED_DIR, 'data');
const geo = <T>(name: string): T =>
  JSON.parse(readFileSync(`${ROOT}data/geo/${name}`, 'utf8')) as T;

interface CityLayer {
  features: { properties: { id: string; substations: string[]; population: number } }[];
}

describe('the twin city importers', () => {
  // on the sources in ../shared/data: skipped without them and said so, failing under
  // FINEST_REQUIRE_SHARED=1 (testing/needs.ts)
  describeNeeding(NEEDS.data, 'on ../shared/data', () => {
    it('GK25 → WGS84 matches the source footprints (pyproj) to 5 cm', () => {
      const file = `${SHARED}/helsinki-3d-lod2/raw/2549_6674.gml`;
      const gml = readCityGml(readFileSync(file, 'utf8'), '2549_6674.gml');
      const ref = JSON.parse(
        readFileSync(
          `${SHARED}/helsinki-3d-lod2/helsinki_lod2_2549_6674_and_viikki.geojson`,
          'utf8',
        ),
      ) as {
        features: {
          properties: { gml_id: string };
          geometry: { type: string; coordinates: unknown };
        }[];
      };
      let checked = 0;
      for (const b of gml.slice(0, 10)) {
        const f = ref.features.find((x) => x.properties.gml_id === b.id)!;
        const rings =
          f.geometry.type === 'Polygon'
            ? (f.geometry.coordinates as number[][][])
            : (f.geometry.coordinates as number[][][][]).flat();
        const ours = b.surfaces
          .filter((s) => s.kind === 'ground')
          .flatMap((s) => s.polygon.flat())
          .map(([x, y]) => gk25ToWgs84(x, y));
        for (const [lon, lat] of rings.flat()) {
          const m = metresPerDegree(lat!);
          const d = Math.min(
            ...ours.map((p) => Math.hypot((p[0] - lon!) * m.east, (p[1] - lat!) * m.north)),
          );
          expect(d).toBeLessThan(0.05);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(40);
    });

    it('reads both LOD2 tiles: 84 buildings, each with roofs and walls', () => {
      const b = readLod2Buildings(SHARED);
      expect(b).toHaveLength(84);
      for (const x of b) {
        expect(x.roofs.length, x.id).toBeGreaterThan(0);
        expect(x.walls.length, x.id).toBeGreaterThan(0);
        // roofs stand above the lowest ground point (on a slope the measured height, from the
        // model's own ground level, can be metres less than the roof's top above that point)
        const z = x.roofs.flat(2).map((p) => p[2]);
        expect(Math.max(...z)).toBeGreaterThan(0.5);
        expect(Math.min(...z)).toBeGreaterThan(-1);
      }
      const h = b.map((x) => x.heightM).sort((p, q) => p - q);
      expect(h[0]).toBeCloseTo(1.7, 1);
      expect(h.at(-1)).toBeCloseTo(118.1, 1);
    });

    it('draws OSM building parts instead of their outlines, never both', () => {
      const b = readOsmBuildings(SHARED);
      expect(b.filter((x) => x.part).length).toBe(133);
      // 446 outlines, of which those with parts are left out
      const outlines = b.filter((x) => !x.part).length;
      expect(outlines).toBeLessThan(446);
      expect(outlines).toBeGreaterThan(350);
      expect(new Set(b.map((x) => x.heightSource))).toEqual(
        new Set(['osm-height', 'osm-levels', 'extract-median']),
      );
    });
  });

  it('reads a number at the start of a tag', () => {
    expect(tagNumber('12.5 m')).toBe(12.5);
    expect(tagNumber('3')).toBe(3);
    expect(tagNumber('tall')).toBeNull();
    expect(tagNumber(undefined)).toBeNull();
  });
});

describe('data/geo: buildings and fabric fed as the city layer says', () => {
  const layer = geo<BuildingLayer>('helsinki-buildings.geojson');
  const fabric = geo<FabricLayer>('city-fabric.geojson');
  const hel = geo<CityLayer>('helsinki-districts.geojson');
  const tln = geo<CityLayer>('tallinn-districts.geojson');
  const feeder = new Map(
    [...hel.features, ...tln.features].map((f) => [f.properties.id, f.properties.substations]),
  );

  it('every real building has a height, a source and its postal area’s feeding substation', () => {
    const f = layer.features;
    expect(f.filter((x) => x.properties.source === 'helsinki-3d')).toHaveLength(84);
    expect(f.filter((x) => x.properties.source === 'osm').length).toBeGreaterThan(500);
    for (const { properties: p } of f) {
      expect(p.heightM, p.id).toBeGreaterThan(0);
      expect(p.baseM, p.id).toBeLessThan(p.heightM);
      expect(p.measured).toBe(p.heightSource === 'lod2-measured');
      expect(feeder.get(p.district), p.id).toEqual([p.substation]);
      if (p.source === 'helsinki-3d') expect(p.roofs!.length, p.id).toBeGreaterThan(0);
    }
    // a building outside every postal outline (reclaimed Kalasatama) is rare and close
    const near = f.filter((x) => x.properties.districtByNearestM !== undefined);
    expect(near.length).toBeLessThan(5);
    for (const x of near) expect(x.properties.districtByNearestM!).toBeLessThan(500);
  });

  it('the fabric covers every Helsinki postal area and Tallinn subdistrict, fed from the city layer', () => {
    const helsinki = fabric.features.filter((x) => x.properties.city === 'Helsinki');
    const tallinn = fabric.features.filter((x) => x.properties.city === 'Tallinn');
    expect(helsinki).toHaveLength(84);
    expect(tallinn).toHaveLength(84);
    for (const { properties: p } of helsinki) {
      expect(feeder.get(p.area)).toEqual([p.substation]);
      expect(p.populationEstimated).toBe(false);
    }
    for (const { properties: p } of tallinn) {
      expect(feeder.get(p.district)).toContain(p.substation);
      expect(p.populationEstimated).toBe(true);
    }
    // the subdistricts' estimated people add up to their district's (rounding aside)
    for (const d of tln.features) {
      const sum = tallinn
        .filter((x) => x.properties.district === d.properties.id)
        .reduce((s, x) => s + x.properties.population, 0);
      expect(Math.abs(sum - d.properties.population)).toBeLessThanOrEqual(12);
    }
    // no block where a real building stands: blocks and buildings never overlap in a cell
    expect(fabric.features.every((x) => x.geometry.coordinates.length >= 0)).toBe(true);
  });
});
