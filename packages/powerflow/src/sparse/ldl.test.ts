import { describe, expect, it } from 'vitest';
import { gridLaplacian, randomSparse, seededRandom } from '../test-support/sparse-matrices.ts';
import { approximateMinimumDegree } from './amd.ts';
import { cscFromTriplets, cscMultiply, cscToDense, type CscMatrix } from './csc.ts';
import { ldlFactor } from './ldl-factor.ts';
import { ldlSolve, ldlSolveMany } from './ldl-solve.ts';
import { luFactor } from './lu-factor.ts';

/** A random symmetric positive definite matrix: B Bᵀ-like sparsity, diagonally dominant. */
function randomSpd(n: number, perColumn: number, rand: () => number): CscMatrix {
  const r = randomSparse(n, perColumn, rand, 0);
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  const diag = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let p = r.colPtr[j]!; p < r.colPtr[j + 1]!; p++) {
      const i = r.rowIdx[p]!;
      const v = r.values[p]!;
      rows.push(i, j);
      cols.push(j, i);
      vals.push(v, v);
      diag[i]! += Math.abs(v);
      diag[j]! += Math.abs(v);
    }
  }
  for (let i = 0; i < n; i++) {
    rows.push(i);
    cols.push(i);
    vals.push(diag[i]! + 0.01 + rand());
  }
  return cscFromTriplets(n, n, rows, cols, vals);
}

/** max |A(q, q) - L D Lᵀ|, densely. */
function factorError(a: CscMatrix, q: Int32Array): number {
  const f = ldlFactor(a, q);
  if (f === null) return Infinity;
  const n = a.nCols;
  const A = cscToDense(a);
  const L = cscToDense(f.L);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) if (L[i]![j] !== 0) return Infinity; // strictly lower
    L[i]![i] = 1;
  }
  let err = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t <= Math.min(i, j); t++) s += L[i]![t]! * f.D[t]! * L[j]![t]!;
      err = Math.max(err, Math.abs(A[q[i]!]![q[j]!]! - s));
    }
  }
  return err;
}

function maxDiff(x: Float64Array, y: Float64Array): number {
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i]! - y[i]!));
  return d;
}

const natural = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

describe('sparse LDLᵀ', () => {
  it.each([1, 2, 3, 4, 5])('factors random SPD matrices exactly (seed %i)', (seed) => {
    const rand = seededRandom(seed);
    const a = randomSpd(40, 2, rand);
    expect(factorError(a, natural(40))).toBeLessThan(1e-12);
    expect(factorError(a, approximateMinimumDegree(a))).toBeLessThan(1e-12);
  });

  it('has the pattern and values of the LU factors with the same diagonal pivots', () => {
    const a = randomSpd(200, 3, seededRandom(9));
    const q = approximateMinimumDegree(a);
    const f = ldlFactor(a, q)!;
    const lu = luFactor(a, q);
    expect(Array.from(f.L.colPtr)).toEqual(Array.from(lu.L.colPtr));
    expect(Array.from(f.L.rowIdx)).toEqual(Array.from(lu.L.rowIdx));
    expect(maxDiff(f.L.values, lu.L.values)).toBeLessThan(1e-12);
    // U = D Lᵀ: the diagonal of U is D.
    const d = Float64Array.from({ length: 200 }, (_, k) => lu.U.values[lu.U.colPtr[k + 1]! - 1]!);
    expect(maxDiff(f.D, d) / Math.max(...f.D)).toBeLessThan(1e-12);
  });

  it('solves one and many right-hand sides', () => {
    const rand = seededRandom(3);
    const a = gridLaplacian(23, 17);
    const n = a.nCols;
    const f = ldlFactor(a, approximateMinimumDegree(a))!;
    const nRhs = 7; // a block of four and three single solves
    const b = Float64Array.from({ length: n * nRhs }, () => rand() - 0.5);
    const x = ldlSolveMany(f, b, nRhs);
    for (let s = 0; s < nRhs; s++) {
      const bs = b.subarray(s * n, (s + 1) * n);
      const xs = x.subarray(s * n, (s + 1) * n);
      const ax = cscMultiply(a, xs, new Float64Array(n));
      expect(maxDiff(ax, bs)).toBeLessThan(1e-12);
      expect(maxDiff(ldlSolve(f, Float64Array.from(bs)), xs)).toBeLessThan(1e-13);
    }
    // in place
    const y = Float64Array.from(b.subarray(0, n));
    ldlSolve(f, y, y);
    expect(maxDiff(y, x.subarray(0, n))).toBeLessThan(1e-13);
  });

  it('factors a symmetric indefinite matrix whose diagonal pivots are stable', () => {
    const a = cscFromTriplets(
      3,
      3,
      [0, 1, 0, 1, 2, 1, 2],
      [0, 0, 1, 1, 1, 2, 2],
      [2, 1, 1, -3, 1, 1, 4],
    );
    expect(factorError(a, natural(3))).toBeLessThan(1e-14);
  });

  it('refuses a pivot far below its column (the caller then pivots)', () => {
    // [[1e-6, 1], [1, 1]]: L(1, 0) = 1e6 > 1 / 0.001
    const a = cscFromTriplets(2, 2, [0, 1, 0, 1], [0, 0, 1, 1], [1e-6, 1, 1, 1]);
    expect(ldlFactor(a, natural(2))).toBeNull();
    expect(ldlFactor(a, Int32Array.from([1, 0]))).not.toBeNull();
  });

  it('refuses a singular matrix (a Laplacian without a grounded node)', () => {
    const lap = gridLaplacian(6, 5);
    // Make each row sum to zero: the diagonal equals the number of neighbours.
    const values = Float64Array.from(lap.values);
    for (let j = 0; j < lap.nCols; j++) {
      let s = 0;
      for (let p = lap.colPtr[j]!; p < lap.colPtr[j + 1]!; p++)
        if (lap.rowIdx[p] !== j) s -= values[p]!;
      for (let p = lap.colPtr[j]!; p < lap.colPtr[j + 1]!; p++)
        if (lap.rowIdx[p] === j) values[p] = s;
    }
    const singular = { ...lap, values };
    expect(ldlFactor(singular, approximateMinimumDegree(singular))).toBeNull();
  });

  it('reads only the upper triangle of the permuted matrix', () => {
    const a = randomSpd(30, 2, seededRandom(4));
    const q = approximateMinimumDegree(a);
    const qinv = new Int32Array(30);
    q.forEach((j, k) => (qinv[j] = k));
    const values = Float64Array.from(a.values);
    for (let j = 0; j < 30; j++) {
      for (let p = a.colPtr[j]!; p < a.colPtr[j + 1]!; p++) {
        if (qinv[a.rowIdx[p]!]! > qinv[j]!) values[p] = 999;
      }
    }
    const f1 = ldlFactor(a, q)!;
    const f2 = ldlFactor({ ...a, values }, q)!;
    expect(maxDiff(f1.L.values, f2.L.values)).toBe(0);
    expect(maxDiff(f1.D, f2.D)).toBe(0);
  });

  it('rejects an ordering that is not a permutation', () => {
    const a = gridLaplacian(3, 3);
    expect(() => ldlFactor(a, Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 7]))).toThrow(/permutation/);
  });
});
