import { describe, expect, it } from 'vitest';
import {
  gridLaplacian,
  seededRandom,
  syntheticJacobian,
  withValues,
} from '../test-support/sparse-matrices.ts';
import { cscFromTriplets, cscMultiply, cscTranspose, type CscMatrix } from './csc.ts';
import { SingularMatrixError } from './lu.ts';
import { createSparseLuSolver } from './linear-solver.ts';

function residual(a: CscMatrix, x: Float64Array, b: Float64Array): number {
  const ax = cscMultiply(a, x, new Float64Array(b.length));
  let r = 0;
  for (let i = 0; i < b.length; i++) r = Math.max(r, Math.abs(ax[i]! - b[i]!));
  return r;
}

describe('createSparseLuSolver', () => {
  it('orders once per pattern and refactors while the pattern stays the same', () => {
    const rand = seededRandom(1);
    const a = syntheticJacobian(10, 8, rand);
    const b = Float64Array.from({ length: a.nRows }, () => rand());
    const solver = createSparseLuSolver();
    solver.factor(a);
    expect(residual(a, solver.solve(b), b)).toBeLessThan(1e-10);
    // Same pattern, new values, and a fresh copy of the pattern arrays: still a refactor.
    for (let it = 0; it < 3; it++) {
      const a2 = withValues(a, (v) => v * (0.9 + 0.2 * rand()));
      solver.factor({ ...a2, colPtr: a2.colPtr.slice(), rowIdx: a2.rowIdx.slice() });
      expect(residual(a2, solver.solve(b), b)).toBeLessThan(1e-10);
    }
    expect(solver.stats).toEqual({
      orderings: 1,
      factorizations: 1,
      refactorizations: 3,
      fallbacks: 0,
    });
    // A new pattern: a new ordering and a full factorisation.
    const g = gridLaplacian(7, 6);
    solver.factor(g);
    const bg = Float64Array.from({ length: g.nRows }, () => rand());
    expect(residual(g, solver.solve(bg), bg)).toBeLessThan(1e-12);
    expect(solver.stats).toEqual({
      orderings: 2,
      factorizations: 2,
      refactorizations: 3,
      fallbacks: 0,
    });
  });

  it('notices a pattern changed in place in the same arrays', () => {
    // Two 3×3 patterns with the same nnz and colPtr, differing in one row index.
    const a = cscFromTriplets(3, 3, [0, 1, 1, 2, 0, 2], [0, 0, 1, 1, 2, 2], [2, 1, 3, 1, 1, 4]);
    const solver = createSparseLuSolver();
    solver.factor(a);
    a.rowIdx[1] = 2; // column 0 now holds rows 0 and 2: (1, 0) moved to (2, 0)
    const moved = { ...a, rowIdx: a.rowIdx };
    solver.factor(moved);
    expect(solver.stats.orderings).toBe(2);
    const b = Float64Array.of(1, 2, 3);
    expect(residual(moved, solver.solve(b), b)).toBeLessThan(1e-14);
  });

  it('falls back to a full factorisation when a reused pivot degrades', () => {
    // Natural order, so column 0 (whose diagonal weakens) is eliminated first.
    const a = cscFromTriplets(2, 2, [0, 1, 0, 1], [0, 0, 1, 1], [4, 1, 1, 3]);
    const solver = createSparseLuSolver({ ordering: 'natural' });
    solver.factor(a);
    const weak = withValues(a, (v, p) => (p === 0 ? 1e-9 : v));
    solver.factor(weak);
    expect(solver.stats).toEqual({
      orderings: 0,
      factorizations: 2,
      refactorizations: 0,
      fallbacks: 1,
    });
    const b = Float64Array.of(1, 2);
    expect(residual(weak, solver.solve(b), b)).toBeLessThan(1e-14);
    // The fresh factorisation pivoted off the diagonal.
    expect(Array.from(solver.factors!.pinv)).toEqual([1, 0]);
  });

  it('solves transposed systems and batches', () => {
    const rand = seededRandom(2);
    const a = syntheticJacobian(6, 6, rand);
    const n = a.nRows;
    const solver = createSparseLuSolver();
    solver.factor(a);
    const b = Float64Array.from({ length: n }, () => rand());
    expect(residual(cscTranspose(a), solver.solveTranspose(b), b)).toBeLessThan(1e-12);
    const B = Float64Array.from({ length: 5 * n }, () => rand());
    const X = solver.solveMany(B, 5);
    for (let s = 0; s < 5; s++) {
      expect(
        residual(a, X.subarray(s * n, (s + 1) * n), B.subarray(s * n, (s + 1) * n)),
      ).toBeLessThan(1e-12);
    }
  });

  it('throws SingularMatrixError and refuses to solve with stale factors', () => {
    const solver = createSparseLuSolver();
    expect(() => solver.solve(new Float64Array(2))).toThrow(/without a factorisation/);
    const a = cscFromTriplets(2, 2, [0, 1, 0, 1], [0, 0, 1, 1], [1, 2, 2, 4]);
    expect(() => solver.factor(a)).toThrow(SingularMatrixError);
    expect(solver.factors).toBeNull();
    expect(() => solver.solve(new Float64Array(2))).toThrow(/without a factorisation/);
    // The same pattern with good values factors again.
    solver.factor(withValues(a, (v, p) => (p === 3 ? 5 : v)));
    expect(Array.from(solver.solve(Float64Array.of(1, 2)))).toEqual([1, 0]);
  });

  it('solves with the natural ordering when asked', () => {
    const a = gridLaplacian(5, 5);
    const solver = createSparseLuSolver({ ordering: 'natural' });
    solver.factor(a);
    expect(Array.from(solver.factors!.colPerm)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(solver.stats.orderings).toBe(0);
  });
});
