// A schematic layout for a network whose buses have no coordinates (a CGMES model without GL or
// DL positions): a force-directed layout (Fruchterman–Reingold: neighbours pull, every pair
// pushes, a weak pull to the centre keeps separate islands in view), computed in the browser.
// Deterministic: the start is a golden-angle spiral in bus order and there is no randomness, so
// the same network is always drawn the same way. The result is scaled to spanKm and centred on
// the plane's origin, in the scene's km (x east, z south).

export interface SchematicOptions {
  /** km across the larger side of the drawing */
  spanKm?: number;
  /** pair evaluations allowed in all (the cost is n² per iteration); bounds the iterations */
  budget?: number;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const MIN_ITERATIONS = 20;
const MAX_ITERATIONS = 300;
/** the centre's pull relative to one edge's */
const GRAVITY = 0.05;

/**
 * [x, z] km per node. Edges name node indices; self-loops and repeated edges count once,
 * indices out of range are ignored.
 */
export function schematicLayout(
  nodes: number,
  edges: readonly (readonly [number, number])[],
  opts: SchematicOptions = {},
): [number, number][] {
  const spanKm = opts.spanKm ?? 240;
  const budget = opts.budget ?? 2e7;
  if (nodes === 0) return [];
  if (nodes === 1) return [[0, 0]];

  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  for (const [a, b] of edges) {
    if (a === b || a < 0 || b < 0 || a >= nodes || b >= nodes) continue;
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push([a, b]);
  }

  const x = new Float64Array(nodes);
  const z = new Float64Array(nodes);
  for (let i = 0; i < nodes; i++) {
    const r = Math.sqrt(i + 0.5);
    x[i] = r * Math.cos(i * GOLDEN_ANGLE);
    z[i] = r * Math.sin(i * GOLDEN_ANGLE);
  }
  // ideal edge length 1: the spiral's spacing, so the start is already about the right size
  const k = 1;
  const iterations = Math.max(
    MIN_ITERATIONS,
    Math.min(MAX_ITERATIONS, Math.floor(budget / (nodes * nodes))),
  );
  const dx = new Float64Array(nodes);
  const dz = new Float64Array(nodes);
  let temperature = Math.sqrt(nodes) / 2;
  const cooling = temperature / iterations;
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dz.fill(0);
    for (let i = 0; i < nodes; i++)
      for (let j = i + 1; j < nodes; j++) {
        let ex = x[i]! - x[j]!;
        let ez = z[i]! - z[j]!;
        let d2 = ex * ex + ez * ez;
        if (d2 < 1e-12) {
          // coincident: push apart along a direction fixed by the pair, not by chance
          ex = Math.cos(i + j);
          ez = Math.sin(i + j);
          d2 = 1e-6;
        }
        const f = (k * k) / d2; // repulsion k²/d, times the unit vector (e/d)
        dx[i]! += ex * f;
        dz[i]! += ez * f;
        dx[j]! -= ex * f;
        dz[j]! -= ez * f;
      }
    for (const [a, b] of pairs) {
      const ex = x[a]! - x[b]!;
      const ez = z[a]! - z[b]!;
      const d = Math.sqrt(ex * ex + ez * ez);
      const f = d / k; // attraction d²/k, times the unit vector
      dx[a]! -= ex * f;
      dz[a]! -= ez * f;
      dx[b]! += ex * f;
      dz[b]! += ez * f;
    }
    for (let i = 0; i < nodes; i++) {
      dx[i]! -= GRAVITY * x[i]!;
      dz[i]! -= GRAVITY * z[i]!;
      const d = Math.sqrt(dx[i]! * dx[i]! + dz[i]! * dz[i]!);
      if (d === 0) continue;
      const step = Math.min(d, temperature);
      x[i]! += (dx[i]! / d) * step;
      z[i]! += (dz[i]! / d) * step;
    }
    temperature = Math.max(temperature - cooling, 0.01);
  }

  let minX = Infinity;
  let maxX = -Infinity;
  let minZ = Infinity;
  let maxZ = -Infinity;
  for (let i = 0; i < nodes; i++) {
    minX = Math.min(minX, x[i]!);
    maxX = Math.max(maxX, x[i]!);
    minZ = Math.min(minZ, z[i]!);
    maxZ = Math.max(maxZ, z[i]!);
  }
  const scale = spanKm / Math.max(maxX - minX, maxZ - minZ, 1e-9);
  const cx = (minX + maxX) / 2;
  const cz = (minZ + maxZ) / 2;
  return Array.from({ length: nodes }, (_, i): [number, number] => [
    (x[i]! - cx) * scale,
    (z[i]! - cz) * scale,
  ]);
}
