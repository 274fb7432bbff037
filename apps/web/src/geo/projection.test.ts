import { describe, expect, it } from 'vitest';
import { createPlaneProjection, plane } from './projection.ts';

/** km, great-circle distance (haversine) */
function haversine(a: [number, number], b: [number, number]): number {
  const r = Math.PI / 180;
  const dLat = (b[1] - a[1]) * r;
  const dLon = (b[0] - a[0]) * r;
  const s =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(s));
}

const HELSINKI: [number, number] = [24.9384, 60.1699];
const TALLINN: [number, number] = [24.7536, 59.437];

describe('plane projection', () => {
  it('puts the origin at 0, 0 and north towards −z, east towards +x', () => {
    const [x0, z0] = plane.project(25, 60);
    expect(Math.abs(x0)).toBeLessThan(1e-9);
    expect(Math.abs(z0)).toBeLessThan(1e-9);
    expect(plane.project(25, 61)[1]).toBeLessThan(-100);
    expect(plane.project(26, 60)[0]).toBeGreaterThan(50);
  });

  it('keeps distances across the region to within 0.5 %', () => {
    const pairs: [[number, number], [number, number]][] = [
      [HELSINKI, TALLINN],
      [
        [21.5, 61.2],
        [28.2, 59.4],
      ],
      [
        [24.9, 60.2],
        [25.7, 66.5],
      ],
    ];
    for (const [a, b] of pairs) {
      const [ax, az] = plane.project(a[0], a[1]);
      const [bx, bz] = plane.project(b[0], b[1]);
      const d = Math.hypot(bx - ax, bz - az);
      expect(Math.abs(d / haversine(a, b) - 1)).toBeLessThan(0.005);
    }
    const [hx, hz] = plane.project(...HELSINKI);
    const [tx, tz] = plane.project(...TALLINN);
    expect(Math.hypot(hx - tx, hz - tz)).toBeCloseTo(82, 0);
  });

  it('inverts what it projects', () => {
    const p = createPlaneProjection({ lon: 24, lat: 59 });
    for (const [lon, lat] of [HELSINKI, TALLINN, [17.06, 60.55] as [number, number]]) {
      const [x, z] = p.project(lon, lat);
      const [lon2, lat2] = p.invert(x, z);
      expect(lon2).toBeCloseTo(lon, 8);
      expect(lat2).toBeCloseTo(lat, 8);
    }
  });
});
