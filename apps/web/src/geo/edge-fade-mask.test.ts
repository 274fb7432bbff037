import { readFileSync } from 'node:fs';
import { Color } from 'three';
import { describe, expect, it } from 'vitest';
import { createEdgeFade } from '../scene/edge-fade.ts';
import { edgeFade, edgeFadeMask, insideBoxKm } from './edge-fade-mask.ts';
import { lonLatBounds, type FeatureCollection } from './layers.ts';
import { plane } from './projection.ts';

const land = JSON.parse(
  readFileSync(new URL('../../../../data/geo/land.geojson', import.meta.url), 'utf8'),
) as FeatureCollection;

describe('the base map fades out at the edge of its clipped data', () => {
  const box = lonLatBounds(land)!;

  it('reads the clip box of the land layer from its coordinates', () => {
    // ../shared/data/naturalearth-fi-ee/SOURCE.md: clipped to lon 19–32, lat 57–70.5
    expect(box.west).toBeCloseTo(19, 6);
    expect(box.east).toBeCloseTo(32, 6);
    expect(box.south).toBeCloseTo(57, 6);
    expect(box.north).toBeCloseTo(70.5, 6);
    expect(lonLatBounds({ type: 'FeatureCollection', features: [] })).toBeNull();
  });

  it('measures how far inside the box a point is, in km', () => {
    expect(insideBoxKm(box, 19, 60)).toBeCloseTo(0, 9);
    expect(insideBoxKm(box, 25, 57)).toBeCloseTo(0, 9);
    // one degree of longitude at 60° N is half a degree of latitude
    expect(insideBoxKm(box, 20, 60)).toBeCloseTo(111.32 * 0.5, 6);
    expect(insideBoxKm(box, 18, 60)).toBeLessThan(0);
    expect(edgeFade(-5, 60)).toBe(0);
    expect(edgeFade(0, 60)).toBe(0);
    expect(edgeFade(30, 60)).toBeCloseTo(0.5, 9);
    expect(edgeFade(60, 60)).toBe(1);
  });

  it('is sea at the edge, the map as it is well inside, and rises monotonically between', () => {
    const mask = edgeFadeMask(box, plane, 60);
    const fade = createEdgeFade(mask, new Color('#07182b'));
    // the value the shaders read at a plane point: the texel grid with bilinear filtering
    const at = (lon: number, lat: number): number => {
      const [x, z] = plane.project(lon, lat);
      const u = x * fade.scale.x + fade.offset.x;
      const v = z * fade.scale.y + fade.offset.y;
      const fx = u * mask.width - 0.5;
      const fz = v * mask.height - 0.5;
      const c = Math.floor(fx);
      const r = Math.floor(fz);
      const cell = (cc: number, rr: number): number =>
        mask.data[
          Math.min(mask.height - 1, Math.max(0, rr)) * mask.width +
            Math.min(mask.width - 1, Math.max(0, cc))
        ]!;
      const [a, b] = [fx - c, fz - r];
      return (
        (cell(c, r) * (1 - a) + cell(c + 1, r) * a) * (1 - b) +
        (cell(c, r + 1) * (1 - a) + cell(c + 1, r + 1) * a) * b
      );
    };
    expect(at(24.94, 60.17)).toBe(255); // Helsinki
    expect(at(24.75, 59.44)).toBe(255); // Tallinn
    expect(at(19.02, 60)).toBeLessThan(20);
    expect(at(31.98, 60)).toBeLessThan(20);
    expect(at(25, 57.02)).toBeLessThan(20);
    const west = [19.1, 19.4, 19.7, 20, 20.3, 20.6, 21, 21.5].map((lon) => at(lon, 60));
    for (let k = 1; k < west.length; k++) expect(west[k]).toBeGreaterThanOrEqual(west[k - 1]!);
    expect(west.at(-1)).toBe(255);
  });
});
