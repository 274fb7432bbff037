// The schematic layout of networks without coordinates: deterministic, inside its span, no two
// buses on top of each other, neighbours nearer than the average pair, islands kept in view.
import { describe, expect, it } from 'vitest';
import { schematicLayout } from './schematic-layout.ts';

const dist = (a: [number, number], b: [number, number]): number =>
  Math.hypot(a[0] - b[0], a[1] - b[1]);

/** a ring of n with a spoke to a hub (index n) and a separate pair (n+1, n+2) */
function graph(n: number): { nodes: number; edges: [number, number][] } {
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) edges.push([i, (i + 1) % n]);
  for (let i = 0; i < n; i += 3) edges.push([i, n]);
  edges.push([n + 1, n + 2]);
  return { nodes: n + 3, edges };
}

describe('the schematic layout', () => {
  it('is deterministic and fills its span around the origin', () => {
    const { nodes, edges } = graph(30);
    const a = schematicLayout(nodes, edges, { spanKm: 200 });
    expect(schematicLayout(nodes, edges, { spanKm: 200 })).toEqual(a);
    const xs = a.map((p) => p[0]);
    const zs = a.map((p) => p[1]);
    const w = Math.max(...xs) - Math.min(...xs);
    const h = Math.max(...zs) - Math.min(...zs);
    expect(Math.max(w, h)).toBeCloseTo(200, 6);
    expect(Math.abs(Math.max(...xs) + Math.min(...xs))).toBeLessThan(1e-6);
    expect(Math.abs(Math.max(...zs) + Math.min(...zs))).toBeLessThan(1e-6);
  });

  it('keeps buses apart and neighbours close', () => {
    const { nodes, edges } = graph(30);
    const p = schematicLayout(nodes, edges, { spanKm: 200 });
    let minPair = Infinity;
    let sumPair = 0;
    let pairs = 0;
    for (let i = 0; i < nodes; i++)
      for (let j = i + 1; j < nodes; j++) {
        const d = dist(p[i]!, p[j]!);
        minPair = Math.min(minPair, d);
        sumPair += d;
        pairs++;
      }
    const meanEdge = edges.reduce((s, [a, b]) => s + dist(p[a]!, p[b]!), 0) / edges.length;
    expect(minPair).toBeGreaterThan(2);
    expect(meanEdge).toBeLessThan((sumPair / pairs) * 0.6);
  });

  it('takes repeated edges, self-loops and unknown indices, one bus and none', () => {
    expect(schematicLayout(0, [])).toEqual([]);
    expect(schematicLayout(1, [[0, 0]])).toEqual([[0, 0]]);
    const p = schematicLayout(3, [
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 9],
      [-1, 2],
    ]);
    expect(p).toHaveLength(3);
    expect(p.flat().every(Number.isFinite)).toBe(true);
  });

  it('lays out a thousand buses within a bounded number of pair evaluations', () => {
    const { nodes, edges } = graph(1000);
    const t0 = performance.now();
    const p = schematicLayout(nodes, edges);
    expect(p.flat().every(Number.isFinite)).toBe(true);
    // 20 iterations of 10⁶ pairs; generous for a shared machine
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
