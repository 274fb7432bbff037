import { describe, expect, it } from 'vitest';
import {
  gridLaplacian,
  randomSparse,
  seededRandom,
  syntheticJacobian,
} from '../test-support/sparse-matrices.ts';
import { approximateMinimumDegree } from './amd.ts';
import { cscFromTriplets, cscNnz, type CscMatrix } from './csc.ts';
import { luFactor } from './lu-factor.ts';
import { symbolicGroupedLu, symbolicSymmetricLu } from './lu-symbolic.ts';
import { compressPattern, expandOrdering, findSupervariables } from './supervariables.ts';
import { buildJacobianPattern } from '../ac/jacobian.ts';
import { makeBdc, principalSubmatrix } from '../dc/make-bdc.ts';
import { classifyBuses } from '../model/bus-types.ts';
import { buildPfCase } from '../model/pf-case.ts';
import { makeYbus } from '../ybus/make-ybus.ts';
import { describeOnCases, loadSharedCase } from '../test-support/shared-cases.ts';

function isPermutation(p: Int32Array, n: number): boolean {
  if (p.length !== n) return false;
  const seen = new Uint8Array(n);
  for (const v of p) {
    if (!(v >= 0 && v < n) || seen[v]) return false;
    seen[v] = 1;
  }
  return true;
}

function luFill(a: CscMatrix, perm: Int32Array): number {
  const f = luFactor(a, perm);
  return cscNnz(f.L) + cscNnz(f.U);
}

/** Exact minimum degree on the explicit elimination graph: slow, a yardstick for small n. */
function exactMinimumDegree(a: CscMatrix): Int32Array {
  const n = a.nCols;
  const adj = Array.from({ length: n }, () => new Set<number>());
  for (let j = 0; j < n; j++) {
    for (let p = a.colPtr[j]!; p < a.colPtr[j + 1]!; p++) {
      const i = a.rowIdx[p]!;
      if (i !== j) {
        adj[i]!.add(j);
        adj[j]!.add(i);
      }
    }
  }
  const done = new Uint8Array(n);
  const perm = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let best = -1;
    for (let i = 0; i < n; i++)
      if (!done[i] && (best < 0 || adj[i]!.size < adj[best]!.size)) best = i;
    perm[k] = best;
    done[best] = 1;
    const nb = [...adj[best]!];
    for (const u of nb) {
      adj[u]!.delete(best);
      for (const v of nb) if (u !== v) adj[u]!.add(v);
    }
  }
  return perm;
}

const natural = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/** A symmetric pattern with unit diagonal from an edge list. */
function graph(n: number, edges: [number, number][]): CscMatrix {
  const rows: number[] = [];
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(i);
    cols.push(i);
  }
  for (const [i, j] of edges) {
    rows.push(i, j);
    cols.push(j, i);
  }
  return cscFromTriplets(
    n,
    n,
    rows,
    cols,
    rows.map((r, k) => (r === cols[k] ? n + 1 : -1)),
  );
}

describe('approximateMinimumDegree', () => {
  it.each([
    ['2-D grid', gridLaplacian(17, 13)],
    ['Jacobian-like', syntheticJacobian(14, 11, seededRandom(1))],
    ['random unsymmetric', randomSparse(700, 4, seededRandom(2))],
    ['random, no diagonal', randomSparse(300, 2, seededRandom(3), 0)],
  ])('returns a permutation (%s)', (_, a) => {
    expect(isPermutation(approximateMinimumDegree(a), a.nCols)).toBe(true);
  });

  it('reduces fill against the natural order on a 2-D grid Laplacian', () => {
    const a = gridLaplacian(30, 30);
    const amd = luFill(a, approximateMinimumDegree(a));
    const nat = luFill(a, natural(a.nCols));
    expect(amd).toBeLessThan(nat);
    expect(amd).toBeLessThan(0.5 * nat);
  });

  it.each([
    ['2-D grid', gridLaplacian(20, 20)],
    ['Jacobian-like', syntheticJacobian(12, 12, seededRandom(8))],
  ])('fills about as little as exact minimum degree (%s)', (_, a) => {
    const amd = luFill(a, approximateMinimumDegree(a));
    expect(amd).toBeLessThan(1.1 * luFill(a, exactMinimumDegree(a)));
  });

  it('orders a tree without fill', () => {
    const rand = seededRandom(4);
    const n = 300;
    const edges: [number, number][] = [];
    for (let i = 1; i < n; i++) edges.push([i, Math.floor(rand() * i)]);
    const a = graph(n, edges);
    const perm = approximateMinimumDegree(a);
    // No fill: nnz(L) + nnz(U) = nnz(A) (U holds the diagonal).
    expect(luFill(a, perm)).toBe(cscNnz(a));
    expect(luFill(a, natural(n))).toBeGreaterThan(cscNnz(a));
  });

  it('orders by the pattern of A + Aᵀ (a dense first row is a star)', () => {
    const n = 12;
    const rows = [0];
    const cols = [0];
    for (let j = 1; j < n; j++) {
      rows.push(0, j);
      cols.push(j, j);
    }
    const a = cscFromTriplets(
      n,
      n,
      rows,
      cols,
      rows.map(() => 1),
    );
    const perm = approximateMinimumDegree(a);
    expect(isPermutation(perm, n)).toBe(true);
    // Leaves first (degree 1); the centre goes when one leaf is left, as one of the last two.
    expect(perm.indexOf(0)).toBeGreaterThanOrEqual(n - 2);
  });

  it('orders dense rows last', () => {
    // A path of 400 nodes plus node 0 linked to all: degree 399 > 10·√400.
    const n = 400;
    const edges: [number, number][] = [];
    for (let i = 2; i < n; i++) edges.push([i - 1, i]);
    for (let i = 1; i < n; i++) edges.push([0, i]);
    const perm = approximateMinimumDegree(graph(n, edges));
    expect(isPermutation(perm, n)).toBe(true);
    expect(perm[n - 1]).toBe(0);
  });

  it('handles empty columns and disconnected parts', () => {
    // Two grids side by side, and five isolated unknowns with no entries at all.
    const g = gridLaplacian(6, 5);
    const m = g.nCols;
    const n = 2 * m + 5;
    const rows: number[] = [];
    const cols: number[] = [];
    for (const off of [0, m]) {
      for (let j = 0; j < m; j++) {
        for (let p = g.colPtr[j]!; p < g.colPtr[j + 1]!; p++) {
          rows.push(g.rowIdx[p]! + off);
          cols.push(j + off);
        }
      }
    }
    const a = cscFromTriplets(
      n,
      n,
      rows,
      cols,
      rows.map(() => 1),
    );
    const perm = approximateMinimumDegree(a);
    expect(isPermutation(perm, n)).toBe(true);
    // The isolated unknowns have degree 0 and come first.
    expect(Array.from(perm.slice(0, 5)).sort((x, y) => x - y)).toEqual([60, 61, 62, 63, 64]);
  });

  it('handles n = 0, n = 1 and rejects a non-square matrix', () => {
    expect(approximateMinimumDegree(cscFromTriplets(0, 0, [], [], []))).toHaveLength(0);
    expect(Array.from(approximateMinimumDegree(cscFromTriplets(1, 1, [0], [0], [2])))).toEqual([0]);
    expect(() => approximateMinimumDegree(cscFromTriplets(2, 3, [], [], []))).toThrow(/not square/);
  });

  it('keeps the two unknowns of a bus together (supervariables)', () => {
    const a = syntheticJacobian(9, 8, seededRandom(6));
    const perm = approximateMinimumDegree(a);
    let together = 0;
    for (let k = 0; k + 1 < perm.length; k++) if (perm[k]! >> 1 === perm[k + 1]! >> 1) together++;
    expect(together).toBe(perm.length / 2);
  });

  // nnz(L) with the AMD as first written (commit d043f03), for the DC matrix B(pvpq, pvpq)
  // (pvpq ascending) and the Newton Jacobian at flat start, ordered as the solvers order them:
  // B with degree ≤ 2 pruning, the Jacobian on its graph of supervariables. Pruning breaks
  // ties among equal degrees differently from AMD, so a small case may move by a few entries
  // either way (at most 1 %); on the largest case it must not be worse.
  describeOnCases('on the shared cases', () => {
    it.each([
      ['case9', 11, 46],
      ['case14', 22, 70],
      ['case30', 52, 195],
      ['case118', 254, 572],
      ['case300', 659, 2477],
      ['case_ACTIVSg2000', 9479, 37088],
    ] as const)('fills about as before on %s', (name, dcFill, jacobianFill) => {
      const pf = buildPfCase(loadSharedCase(name));
      const types = classifyBuses(pf);
      const pvpq = Int32Array.from([...types.pv, ...types.pq]).sort();
      const b = principalSubmatrix(makeBdc(pf).Bbus, pvpq);
      const q = approximateMinimumDegree(b, { symmetric: true, prune: true });
      expect(isPermutation(q, b.nCols)).toBe(true);
      const qinv = new Int32Array(q.length);
      q.forEach((c, k) => (qinv[c] = k));
      const bFill = symbolicSymmetricLu(b, q, qinv).li.length;
      expect(bFill).toBeLessThanOrEqual(Math.floor(1.01 * dcFill));
      if (name === 'case_ACTIVSg2000') expect(bFill).toBeLessThanOrEqual(dcFill);

      const j = buildJacobianPattern(makeYbus(pf), types).J;
      const sv = findSupervariables(j);
      const g = compressPattern(j, sv);
      const weights = Int32Array.from(
        { length: sv.count },
        (_, k) => sv.start[k + 1]! - sv.start[k]!,
      );
      const order = approximateMinimumDegree(g, { symmetric: true, weights });
      expect(isPermutation(expandOrdering(order, sv), j.nCols)).toBe(true);
      expect(symbolicGroupedLu(g, order, sv).li.length).toBeLessThanOrEqual(jacobianFill);
    });
  });

  it('prunes radial ends and chains without fill beyond one edge per chain node', () => {
    // A ring of 6 with a tail of 3 at node 0: the tail goes first (no fill), then the ring.
    const edges: [number, number][] = [];
    for (let i = 0; i < 6; i++) edges.push([i, (i + 1) % 6]);
    edges.push([0, 6], [6, 7], [7, 8]);
    const a = graph(9, edges);
    const perm = approximateMinimumDegree(a, { prune: true });
    expect(isPermutation(perm, 9)).toBe(true);
    expect(Array.from(perm.slice(0, 3))).toEqual([8, 7, 6]);
    // A ring of n has fill n - 3 under any minimum-degree order (counted in L and in U).
    expect(luFill(a, perm) - cscNnz(a)).toBe(2 * 3);
  });

  it('takes weights whose degrees exceed the number of nodes', () => {
    // A ring of 8 nodes of weight 10: every degree is 20 > 8, and no two nodes are alike.
    const edges: [number, number][] = [];
    for (let i = 0; i < 8; i++) edges.push([i, (i + 1) % 8]);
    const perm = approximateMinimumDegree(graph(8, edges), { weights: new Int32Array(8).fill(10) });
    expect(isPermutation(perm, 8)).toBe(true);
  });
});
