import { describe, expect, it } from 'vitest';
import {
  gridLaplacian,
  randomSparse,
  seededRandom,
  syntheticJacobian,
  withValues,
} from '../test-support/sparse-matrices.ts';
import { approximateMinimumDegree } from './amd.ts';
import {
  cscFromTriplets,
  cscMultiply,
  cscNnz,
  cscToDense,
  cscTranspose,
  type CscMatrix,
} from './csc.ts';
import { SingularMatrixError, type LuFactors, type LuOptions } from './lu.ts';
import { luFactor } from './lu-factor.ts';
import { luRefactor } from './lu-refactor.ts';
import { luSolve, luSolveMany, luSolveTranspose, luSolveTransposeMany } from './lu-solve.ts';

const natural = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/** ‖A x - b‖∞ / (‖A‖∞ ‖x‖∞ + ‖b‖∞) */
function relResidual(a: CscMatrix, x: Float64Array, b: Float64Array): number {
  const ax = cscMultiply(a, x, new Float64Array(a.nRows));
  let r = 0;
  let xn = 0;
  let bn = 0;
  for (let i = 0; i < b.length; i++) {
    r = Math.max(r, Math.abs(ax[i]! - b[i]!));
    bn = Math.max(bn, Math.abs(b[i]!));
  }
  for (const v of x) xn = Math.max(xn, Math.abs(v));
  const rowSum = new Float64Array(a.nRows);
  for (let p = 0; p < cscNnz(a); p++) rowSum[a.rowIdx[p]!]! += Math.abs(a.values[p]!);
  const an = Math.max(0, ...rowSum);
  return r / (an * xn + bn);
}

function randomVector(n: number, rand: () => number): Float64Array {
  return Float64Array.from({ length: n }, () => rand() * 2 - 1);
}

function maxDiff(x: Float64Array, y: Float64Array): number {
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i]! - y[i]!));
  return d;
}

/** P A Q - L U, densely, for small matrices. */
function factorError(a: CscMatrix, f: LuFactors): number {
  const n = a.nRows;
  const A = cscToDense(a);
  const L = cscToDense(f.L);
  const U = cscToDense(f.U);
  let err = 0;
  for (let i = 0; i < n; i++) {
    L[i]![i] = 1;
    for (let j = 0; j < n; j++) {
      if (j > i && L[i]![j] !== 0) return Infinity; // L must be lower
      if (j < i && U[i]![j] !== 0) return Infinity; // U must be upper
    }
  }
  const rowOf = new Int32Array(n);
  for (let i = 0; i < n; i++) rowOf[f.pinv[i]!] = i;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let t = 0; t <= Math.min(i, k); t++) s += L[i]![t]! * U[t]![k]!;
      err = Math.max(err, Math.abs(A[rowOf[i]!]![f.colPerm[k]!]! - s));
    }
  }
  return err;
}

const PATHS: [string, LuOptions][] = [
  ['symmetric fast path', {}],
  ['pivot search', { symmetricFastPath: false }],
];

describe('luFactor + luSolve', () => {
  it.each([
    [1, 40, 3],
    [2, 200, 4],
    [3, 500, 3],
  ])('solves a random unsymmetric sparse matrix (seed %i, n = %i)', (seed, n, perCol) => {
    const rand = seededRandom(seed);
    const a = randomSparse(n, perCol, rand, 4);
    const b = randomVector(n, rand);
    for (const perm of [natural(n), approximateMinimumDegree(a)]) {
      const x = luSolve(luFactor(a, perm), b);
      expect(relResidual(a, x, b)).toBeLessThan(1e-13);
    }
  });

  it.each(PATHS)('solves a structurally symmetric Jacobian-like matrix (%s)', (_, opts) => {
    const rand = seededRandom(7);
    const a = syntheticJacobian(12, 10, rand);
    const b = randomVector(a.nRows, rand);
    const f = luFactor(a, approximateMinimumDegree(a), opts);
    expect(relResidual(a, luSolve(f, b), b)).toBeLessThan(1e-13);
    expect(f.pairedWithNext.some((v) => v === 1)).toBe(true);
  });

  it.each(PATHS)('gives P A Q = L U with L unit lower and U upper (%s)', (_, opts) => {
    const rand = seededRandom(11);
    const a = syntheticJacobian(4, 4, rand);
    const f = luFactor(a, approximateMinimumDegree(a), opts);
    expect(factorError(a, f)).toBeLessThan(1e-12);
    const g = randomSparse(30, 3, rand, 2);
    expect(factorError(g, luFactor(g, approximateMinimumDegree(g), opts))).toBeLessThan(1e-12);
  });

  it('the fast path and the pivot search give the same factors', () => {
    const a = gridLaplacian(9, 7);
    const perm = approximateMinimumDegree(a);
    const f1 = luFactor(a, perm);
    const f2 = luFactor(a, perm, { symmetricFastPath: false });
    expect(Array.from(f1.pinv)).toEqual(Array.from(f2.pinv));
    expect(Array.from(f1.L.rowIdx)).toEqual(Array.from(f2.L.rowIdx));
    expect(Array.from(f1.U.colPtr)).toEqual(Array.from(f2.U.colPtr));
    expect(maxDiff(f1.U.values, f2.U.values)).toBeLessThan(1e-13);
  });

  it('pivots off the diagonal when the diagonal is zero', () => {
    // A permuted diagonal plus a few couplings: every diagonal entry is a stored zero.
    const n = 60;
    const rand = seededRandom(5);
    const rows: number[] = [];
    const cols: number[] = [];
    const vals: number[] = [];
    for (let j = 0; j < n; j++) {
      rows.push(j, (j + 7) % n, (j + 13) % n);
      cols.push(j, j, j);
      vals.push(0, 1 + rand(), rand() - 0.5);
    }
    const a = cscFromTriplets(n, n, rows, cols, vals);
    const b = randomVector(n, rand);
    for (const [, opts] of PATHS) {
      const f = luFactor(a, approximateMinimumDegree(a), opts);
      expect(relResidual(a, luSolve(f, b), b)).toBeLessThan(1e-13);
      let offDiagonal = 0;
      for (let k = 0; k < n; k++) if (f.pinv[f.colPerm[k]!] !== k) offDiagonal++;
      expect(offDiagonal).toBe(n);
    }
  });

  it('prefers the diagonal within the threshold and the largest entry beyond it', () => {
    // Column 0 = (0.01, 1)ᵀ: the diagonal passes tol = 0.001 but not tol = 0.1.
    const a = cscFromTriplets(2, 2, [0, 1, 0, 1], [0, 0, 1, 1], [0.01, 1, 1, 1]);
    for (const [, opts] of PATHS) {
      expect(Array.from(luFactor(a, natural(2), opts).pinv)).toEqual([0, 1]);
      expect(Array.from(luFactor(a, natural(2), { ...opts, pivotTolerance: 0.1 }).pinv)).toEqual([
        1, 0,
      ]);
    }
  });

  it('throws SingularMatrixError naming a structurally empty column', () => {
    const a = cscFromTriplets(3, 3, [0, 2, 1], [0, 0, 2], [1, 1, 1]);
    for (const [, opts] of PATHS) {
      let err: unknown;
      try {
        luFactor(a, natural(3), opts);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SingularMatrixError);
      expect((err as SingularMatrixError).code).toBe('FINEST_SINGULAR_MATRIX');
      expect((err as SingularMatrixError).column).toBe(1);
      expect((err as Error).message).toMatch(/column 1/);
    }
  });

  it('throws SingularMatrixError naming the column that is numerically dependent', () => {
    // Column 2 = column 0 + column 1.
    const a = cscFromTriplets(
      3,
      3,
      [0, 1, 0, 2, 0, 1, 2],
      [0, 0, 1, 1, 2, 2, 2],
      [1, 2, 3, 1, 4, 2, 1],
    );
    for (const [, opts] of PATHS) {
      expect(() => luFactor(a, natural(3), opts)).toThrow(SingularMatrixError);
      try {
        luFactor(a, natural(3), opts);
      } catch (e) {
        expect((e as SingularMatrixError).column).toBe(2);
      }
    }
  });

  it('treats a non-finite entry as no usable pivot', () => {
    const a = cscFromTriplets(2, 2, [0, 1, 0, 1], [0, 0, 1, 1], [NaN, 1, 1, 1]);
    expect(() => luFactor(a, natural(2), { symmetricFastPath: false })).toThrow(
      SingularMatrixError,
    );
    expect(() => luFactor(a, natural(2))).toThrow(SingularMatrixError);
  });

  it('rejects a bad permutation and a non-square matrix', () => {
    const a = gridLaplacian(2, 2);
    expect(() => luFactor(a, Int32Array.from([0, 1, 1, 3]))).toThrow(/not a permutation/);
    expect(() => luFactor(a, natural(3))).toThrow(/length/);
    const rect = cscFromTriplets(2, 3, [0, 1], [0, 1], [1, 1]);
    expect(() => luFactor(rect, natural(3))).toThrow(/not square/);
  });

  it('handles n = 0 and n = 1', () => {
    const empty = cscFromTriplets(0, 0, [], [], []);
    const f0 = luFactor(empty, new Int32Array(0));
    expect(luSolve(f0, new Float64Array(0))).toHaveLength(0);
    expect(luRefactor(f0, empty)).toBe(true);
    const one = cscFromTriplets(1, 1, [0], [0], [4]);
    const f1 = luFactor(one, natural(1));
    expect(Array.from(luSolve(f1, Float64Array.of(2)))).toEqual([0.5]);
    expect(Array.from(luSolveTranspose(f1, Float64Array.of(2)))).toEqual([0.5]);
    expect(() => luFactor(cscFromTriplets(1, 1, [0], [0], [0]), natural(1))).toThrow(
      SingularMatrixError,
    );
  });

  it('solves in place when x is b, without allocating a result', () => {
    const rand = seededRandom(3);
    const a = randomSparse(50, 3, rand, 3);
    const b = randomVector(50, rand);
    const x = Float64Array.from(b);
    const f = luFactor(a, approximateMinimumDegree(a));
    expect(luSolve(f, x, x)).toBe(x);
    expect(relResidual(a, x, b)).toBeLessThan(1e-13);
  });
});

describe('luSolveTranspose', () => {
  it.each(PATHS)('solves Aᵀ x = b (%s)', (_, opts) => {
    const rand = seededRandom(9);
    for (const a of [randomSparse(300, 3, rand, 3), syntheticJacobian(8, 9, rand)]) {
      const b = randomVector(a.nRows, rand);
      const f = luFactor(a, approximateMinimumDegree(a), opts);
      expect(relResidual(cscTranspose(a), luSolveTranspose(f, b), b)).toBeLessThan(1e-13);
    }
  });
});

describe('luSolveMany', () => {
  it('matches single solves for a batch of 7 (blocks of four and a remainder)', () => {
    const rand = seededRandom(13);
    const a = syntheticJacobian(10, 10, rand);
    const n = a.nRows;
    const k = 7;
    const f = luFactor(a, approximateMinimumDegree(a));
    const B = randomVector(n * k, rand);
    const X = luSolveMany(f, B, k);
    const XT = luSolveTransposeMany(f, B, k);
    for (let s = 0; s < k; s++) {
      const b = B.slice(s * n, (s + 1) * n);
      expect(maxDiff(X.subarray(s * n, (s + 1) * n), luSolve(f, b))).toBeLessThan(1e-14);
      expect(maxDiff(XT.subarray(s * n, (s + 1) * n), luSolveTranspose(f, b))).toBeLessThan(1e-14);
    }
    // In place, into b itself.
    const inPlace = Float64Array.from(B);
    luSolveMany(f, inPlace, k, inPlace);
    expect(maxDiff(inPlace, X)).toBe(0);
  });

  it('rejects a batch of the wrong length', () => {
    const f = luFactor(gridLaplacian(3, 3), natural(9));
    expect(() => luSolveMany(f, new Float64Array(20), 2)).toThrow(/length/);
  });
});

describe('luRefactor', () => {
  it.each(PATHS)('gives the solution of a fresh factorisation for new values (%s)', (_, opts) => {
    const rand = seededRandom(17);
    const a = syntheticJacobian(15, 12, rand);
    const f = luFactor(a, approximateMinimumDegree(a), opts);
    const a2 = withValues(a, (v) => v * (0.8 + 0.4 * rand()));
    expect(luRefactor(f, a2)).toBe(true);
    const fresh = luFactor(a2, approximateMinimumDegree(a2), opts);
    const b = randomVector(a.nRows, rand);
    const x = luSolve(f, b);
    expect(maxDiff(x, luSolve(fresh, b))).toBeLessThan(1e-10 * Math.max(...x.map(Math.abs)));
    expect(relResidual(a2, x, b)).toBeLessThan(1e-13);
  });

  it('refactors the factors of an off-diagonal pivot sequence', () => {
    const rand = seededRandom(19);
    const a = randomSparse(400, 3, rand, 0.5);
    const f = luFactor(a, approximateMinimumDegree(a));
    const a2 = withValues(a, (v) => v * (0.95 + 0.1 * rand()));
    expect(luRefactor(f, a2)).toBe(true);
    const b = randomVector(400, rand);
    expect(relResidual(a2, luSolve(f, b), b)).toBeLessThan(1e-12);
  });

  it('returns false when a reused pivot degrades, true again once it recovers', () => {
    // [[4, 1], [1, 3]] pivots on the diagonal; with 1e-6 in place of 4 that pivot is below
    // 0.001 × max |column| and must be rejected, though it is not zero.
    const a = cscFromTriplets(2, 2, [0, 1, 0, 1], [0, 0, 1, 1], [4, 1, 1, 3]);
    const f = luFactor(a, natural(2));
    expect(
      luRefactor(
        f,
        withValues(a, (v, p) => (p === 0 ? 1e-6 : v)),
      ),
    ).toBe(false);
    expect(
      luRefactor(
        f,
        withValues(a, (v, p) => (p === 0 ? 0 : v)),
      ),
    ).toBe(false);
    expect(
      luRefactor(
        f,
        withValues(a, (v, p) => (p === 0 ? Infinity : v)),
      ),
    ).toBe(false);
    expect(luRefactor(f, a)).toBe(true);
    expect(Array.from(luSolve(f, Float64Array.of(5, 4)))).toEqual([1, 1]);
  });

  it.each([
    ['first', 0],
    ['second', 1],
  ])(
    'returns false for a degraded pivot in the %s column of a pair, leaving a clean workspace',
    (_, lane) => {
      const rand = seededRandom(23);
      const a = syntheticJacobian(5, 5, rand);
      const f = luFactor(a, approximateMinimumDegree(a));
      const k = f.pairedWithNext.indexOf(1) + lane;
      const j = f.colPerm[k]!;
      let diag = -1;
      for (let p = a.colPtr[j]!; p < a.colPtr[j + 1]!; p++) if (a.rowIdx[p] === j) diag = p;
      // The pivot of column k is A(j, j) minus updates that do not depend on A(j, j): shifting
      // A(j, j) by minus the current pivot makes the pivot (about) zero.
      const u = f.U.values[f.U.colPtr[k + 1]! - 1]!;
      const bad = withValues(a, (v, p) => (p === diag ? v - u : v));
      expect(luRefactor(f, bad)).toBe(false);
      expect(f.work.every((v) => v === 0)).toBe(true);
      expect(luRefactor(f, a)).toBe(true);
      const b = randomVector(a.nRows, rand);
      expect(relResidual(a, luSolve(f, b), b)).toBeLessThan(1e-13);
    },
  );

  it('rejects a matrix with another pattern', () => {
    const f = luFactor(gridLaplacian(3, 3), natural(9));
    expect(() => luRefactor(f, gridLaplacian(3, 4))).toThrow(/pattern/);
  });
});
