// Small planar geometry helpers for lon/lat data at map scale: Douglas–Peucker line
// simplification (D. Douglas, T. Peucker, Cartographica 10(2), 1973), coordinate rounding,
// ring area and centroid (shoelace formula, degrees scaled by cos(latitude) for area).

export type Position = [number, number];

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

function perpendicularDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker, iterative; keeps the end points. Tolerance in degrees. */
export function simplifyLine(points: Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let worst = -1;
    let worstD = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicularDistance(points[i]!, points[first]!, points[last]!);
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** Simplifies a closed ring; a ring that collapses below 4 points is dropped (null). */
export function simplifyRing(
  ring: Position[],
  tolerance: number,
  digits: number,
): Position[] | null {
  const out = simplifyLine(ring, tolerance).map(
    (p) => [round(p[0], digits), round(p[1], digits)] as Position,
  );
  return out.length >= 4 ? out : null;
}

export function roundLine(line: Position[], tolerance: number, digits: number): Position[] | null {
  const out = simplifyLine(line, tolerance).map(
    (p) => [round(p[0], digits), round(p[1], digits)] as Position,
  );
  return out.length >= 2 ? out : null;
}

/** Area (km², approximate) and centroid (lon, lat) of the outer rings of polygons. */
export function areaAndCentroid(polygons: Position[][][]): { areaKm2: number; centroid: Position } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of polygons) {
    const ring = polygon[0]!;
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[i + 1]!;
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
  }
  const centroid: Position = [cx / (3 * a), cy / (3 * a)];
  const kmPerDegLat = 111.32;
  const areaKm2 =
    Math.abs(a / 2) * kmPerDegLat * kmPerDegLat * Math.cos((centroid[1] * Math.PI) / 180);
  return { areaKm2, centroid };
}

/** Whether a point lies inside polygons (outer rings with holes), by the even-odd rule. */
export function pointInPolygons(point: Position, polygons: Position[][][]): boolean {
  const inRing = (ring: Position[]): boolean => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (
        yi > point[1] !== yj > point[1] &&
        point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi
      )
        inside = !inside;
    }
    return inside;
  };
  return polygons.some((rings) => inRing(rings[0]!) && !rings.slice(1).some(inRing));
}

/** Distance in km between two (lon, lat) points on a sphere of the Earth's mean radius. */
export function haversineKm(a: Position, b: Position): number {
  const r = Math.PI / 180;
  const dLat = (b[1] - a[1]) * r;
  const dLon = (b[0] - a[0]) * r;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
