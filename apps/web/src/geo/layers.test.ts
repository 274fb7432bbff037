import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  districtsFrom,
  lineSegments,
  planePolygons,
  polygonContains,
  ringCentroid,
  type FeatureCollection,
} from './layers.ts';
import { plane } from './projection.ts';

const layer = (name: string): FeatureCollection =>
  JSON.parse(
    readFileSync(new URL(`../../../../data/geo/${name}.geojson`, import.meta.url), 'utf8'),
  ) as FeatureCollection;

describe('geo layers on the plane', () => {
  it('turns line layers into segment lists at a height', () => {
    const segs = lineSegments(layer('borders'), plane, 0.4);
    expect(segs.length % 6).toBe(0);
    expect(segs.length).toBeGreaterThan(600);
    expect(segs[1]).toBeCloseTo(0.4);
  });

  it('tests points against polygons with holes', () => {
    const square = [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
      ],
      [
        [4, 4],
        [6, 4],
        [6, 6],
        [4, 6],
      ],
    ] as [number, number][][];
    expect(polygonContains(square, 1, 1)).toBe(true);
    expect(polygonContains(square, 5, 5)).toBe(false);
    expect(polygonContains(square, 11, 5)).toBe(false);
    expect(ringCentroid(square[0]!)).toEqual([5, 5]);
  });

  it('finds Helsinki and Tallinn land and their districts with population and feeders', () => {
    const land = planePolygons(layer('land'), plane);
    const inLand = (lon: number, lat: number): boolean => {
      const [x, z] = plane.project(lon, lat);
      return land.some((p) => polygonContains(p, x, z));
    };
    expect(inLand(25.0, 60.3)).toBe(true); // Vantaa
    expect(inLand(25.0, 59.8)).toBe(false); // the Gulf
    const hel = districtsFrom(layer('helsinki-districts'), plane);
    const tln = districtsFrom(layer('tallinn-districts'), plane);
    // the 84 postal areas of Statistics Finland's Paavo, each with its inhabitants
    expect(hel).toHaveLength(84);
    expect(hel.every((d) => d.population > 0 || d.substations.length > 0)).toBe(true);
    expect(tln).toHaveLength(8);
    expect(hel[0]!.name).toBe('Helsinki keskusta - Etu-Töölö');
    expect(tln.every((d) => d.population > 0 && d.substations.length > 0)).toBe(true);
    const lasna = tln.find((d) => d.name === 'Lasnamäe')!;
    expect(polygonContains(lasna.polygons[0]!, ...lasna.centroid)).toBe(true);
  });
});
