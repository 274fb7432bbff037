// The twin city's pure parts: the layers read from data/ (zod, plane coordinates), an item's
// supply from its feeder, the flicker bookkeeping, the per-city counts, the merged geometry's
// vertex ranges, and the compare map mode's rule.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCityLayers } from '../../geo/city-layers.ts';
import { plane } from '../../geo/projection.ts';
import { BUS_STRIDE } from '../buffers.ts';
import { buildBuildingGeometry } from './building-geometry.ts';
import { countCities, DARK_BELOW, ItemSupply, writeItemSupply } from './city-supply.ts';

const geo = (f: string): unknown =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../../../data/geo/${f}`, import.meta.url)), 'utf8'),
  );

describe('the twin city', () => {
  const layers = readCityLayers(
    geo('helsinki-buildings.geojson'),
    geo('city-fabric.geojson'),
    plane,
  );

  it('reads the committed layers onto the plane, in Helsinki and Tallinn', () => {
    expect(layers.buildings.length).toBe(608);
    const [hx, hz] = plane.project(24.94, 60.17);
    for (const b of layers.buildings) {
      // within 12 km of central Helsinki (Viikki is the furthest)
      expect(Math.hypot(b.at[0] - hx, b.at[1] - hz), b.id).toBeLessThan(12);
      expect(b.footprint[0]![0]!.length, b.id).toBeGreaterThanOrEqual(3);
    }
    const lod2 = layers.buildings.filter((b) => b.source === 'helsinki-3d');
    expect(lod2.every((b) => b.roofs.length > 0 && b.measured)).toBe(true);
    expect(new Set(layers.areas.map((a) => a.city))).toEqual(new Set(['Helsinki', 'Tallinn']));
  });

  it('refuses a layer of the wrong shape, naming it', () => {
    expect(() =>
      readCityLayers({ type: 'FeatureCollection', features: 3 }, geo('city-fabric.geojson'), plane),
    ).toThrow(/helsinki-buildings/);
  });

  it('builds one vertex range per building, every vertex tagged with its building', () => {
    const some = layers.buildings.slice(0, 40);
    const g = buildBuildingGeometry(some);
    const id = g.geometry.getAttribute('aBuilding');
    let total = 0;
    some.forEach((_, b) => {
      expect(g.count[b], some[b]!.id).toBeGreaterThan(0);
      for (let v = g.start[b]!; v < g.start[b]! + g.count[b]!; v++) expect(id.getX(v)).toBe(b);
      total += g.count[b]!;
    });
    expect(total).toBe(id.count);
  });

  it('takes each item’s supply from its feeder, and counts dark items and feeders per city', () => {
    const bus = new Float32Array(3 * BUS_STRIDE);
    bus[3] = 1; // bus 0 supplied
    bus[BUS_STRIDE + 3] = 0; // bus 1 shed
    bus[2 * BUS_STRIDE + 3] = 0.7;
    const itemBus = Int32Array.of(0, 1, 1, 2, -1);
    const s = new Float32Array(5);
    writeItemSupply(bus, itemBus, s);
    expect([...s]).toEqual([1, 0, 0, expect.closeTo(0.7, 5), 1]);
    writeItemSupply(null, itemBus, s);
    expect([...s]).toEqual([1, 1, 1, 1, 1]);
    writeItemSupply(bus, itemBus, s);
    const c = countCities({
      cities: ['Helsinki', 'Tallinn'],
      buildingCity: Uint8Array.of(0, 0, 0, 0, 0),
      buildingFeeder: ['A', 'B', 'B', 'C', 'D'],
      buildingSupply: s,
      blockCity: Uint8Array.of(1),
      blockFeeder: ['E'],
      blockSupply: Float32Array.of(DARK_BELOW - 0.01),
      areaCity: Uint8Array.of(0, 1),
      areaPopulation: Float64Array.of(1000, 500),
      areaSupply: Float32Array.of(0.5, 0),
    });
    expect(c[0]).toMatchObject({
      buildings: 5,
      buildingsDark: 2,
      darkFeeders: ['B'],
      peopleWithoutPower: 500,
    });
    expect(c[1]).toMatchObject({
      blocks: 1,
      blocksDark: 1,
      darkFeeders: ['E'],
      peopleWithoutPower: 500,
    });
  });

  it('flickers only on a change, from the old state to the new', () => {
    const x = new ItemSupply(2);
    expect(x.apply(Float32Array.of(1, 1), 5, true)).toBe(0);
    expect(x.apply(Float32Array.of(0, 1), 6, true)).toBe(1);
    expect([x.before[0], x.now[0], x.changedAt[0], x.changed[0], x.changed[1]]).toEqual([
      1, 0, 6, 1, 0,
    ]);
    // reduced motion: the change is in the past at once (no flicker)
    x.apply(Float32Array.of(1, 1), 7, false);
    expect(x.changedAt[0]).toBeLessThan(-1000);
  });
});
