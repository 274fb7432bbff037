// Up-looking sparse LDLᵀ with a fixed symmetric ordering (no pivoting). Row k of L solves a
// sparse triangular system with the rows above it:
//
//   L(0:k-1, 0:k-1) · y = B(0:k-1, k),   L(k, i) = y_i / d_i,   d_k = B(k, k) - Σ_i L(k, i) y_i
//
// where B = A(q, q) and the nonzeros of y are the row subtree of k in the elimination tree
// (the tree paths from each i with B(i, k) ≠ 0 up to k), visited children first. A first
// pass over the same subtrees counts the entries of each column of L, so L is filled in place
// with rows ascending. Only the upper triangle of B is read: A must be symmetric.
//
// Like the diagonal-pivot test of lu-factor.ts, the factorisation is refused (null) when some
// |L(i, k)| exceeds 1 / pivotTolerance (the pivot is then below pivotTolerance · max |column
// k|), or a pivot d_k is not finite or has cancelled down to rounding noise of B(k, k); the
// caller then falls back to LU with pivoting.
// Reference: J. W. H. Liu, "The role of elimination trees in sparse factorization", SIAM J.
// Matrix Anal. Appl. 11(1), 1990, §4 (row subtrees); the up-looking (bordering) form of
// G. H. Golub, C. F. Van Loan, Matrix Computations, 4th ed., §4.2.
import type { CscMatrix } from './csc.ts';
import { PowerflowInputError } from '../errors.ts';
import type { LdlFactors } from './ldl.ts';
import { LU_DEFAULTS } from './lu.ts';

/** |d_k| ≤ this · |B(k, k)|: the pivot is rounding noise */
const SINGULAR_RATIO = 1e-13;

export function ldlFactor(
  a: CscMatrix,
  q: Int32Array,
  pivotTolerance: number = LU_DEFAULTS.pivotTolerance,
): LdlFactors | null {
  const n = a.nCols;
  if (a.nRows !== n || q.length !== n) {
    throw new PowerflowInputError(
      `sparse/ldl-factor: matrix is ${a.nRows}×${n} with an ordering of ${q.length}`,
    );
  }
  const qinv = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const j = q[k]!;
    if (!(j >= 0 && j < n) || qinv[j] !== -1) {
      throw new PowerflowInputError(`sparse/ldl-factor: ordering is not a permutation (at ${k})`);
    }
    qinv[j] = k;
  }
  // C = the strict upper triangle of A(q, q) by columns, rows in the permuted numbering, and
  // its diagonal: every pass below then reads it in sequence.
  const { colPtr, rowIdx, values } = a;
  const cp = new Int32Array(n + 1);
  const ci = new Int32Array(colPtr[n]!);
  const cx = new Float64Array(colPtr[n]!);
  const diag = new Float64Array(n);
  let nc = 0;
  for (let k = 0; k < n; k++) {
    const j = q[k]!;
    for (let p = colPtr[j]!, pStop = colPtr[j + 1]!; p < pStop; p++) {
      const i = qinv[rowIdx[p]!]!;
      if (i < k) {
        ci[nc] = i;
        cx[nc++] = values[p]!;
      } else if (i === k) {
        diag[k] = values[p]!;
      }
    }
    cp[k + 1] = nc;
  }
  // Elimination tree and column counts of L in one pass, row by row: the tree step for
  // B(i, k) (Liu's path compression, as in etree.ts) links the root above i to k when
  // k is its parent, so the walk up row k's subtree that follows finds every parent set.
  // L(k, j) ≠ 0 for each j on the walks; mark[j] === k: j already counted in row k.
  const parent = new Int32Array(n);
  const ancestor = new Int32Array(n);
  const mark = new Int32Array(n);
  const lp = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    parent[k] = -1;
    ancestor[k] = -1;
    mark[k] = k;
    for (let t = cp[k]!, tStop = cp[k + 1]!; t < tStop; t++) {
      const i0 = ci[t]!;
      for (let i = i0; i >= 0 && i < k;) {
        const up = ancestor[i]!;
        ancestor[i] = k;
        if (up < 0) {
          parent[i] = k;
          break;
        }
        i = up;
      }
      for (let i = i0; mark[i] !== k; i = parent[i]!) {
        mark[i] = k;
        lp[i + 1]!++;
      }
    }
  }
  for (let k = 0; k < n; k++) lp[k + 1]! += lp[k]!;
  const nnzL = lp[n]!;
  const li = new Int32Array(nnzL);
  const lx = new Float64Array(nnzL);
  const next = lp.slice(0, n); // next free slot of each column
  const D = new Float64Array(n);
  const invD = new Float64Array(n);
  const y = new Float64Array(n);
  const stack = new Int32Array(n);
  const limit = pivotTolerance > 0 ? 1 / pivotTolerance : Infinity;

  mark.fill(-1);
  for (let k = 0; k < n; k++) {
    // Scatter C(:, k) and list the row subtree of k in stack[top..n-1], children first: each
    // path (child → parent) is put in front of the paths found before it, which hold its end.
    let top = n;
    mark[k] = k;
    for (let t = cp[k]!, tStop = cp[k + 1]!; t < tStop; t++) {
      const i0 = ci[t]!;
      y[i0] = cx[t]!;
      let len = 0;
      for (let i = i0; mark[i] !== k; i = parent[i]!) {
        mark[i] = k;
        stack[len++] = i;
      }
      while (len > 0) stack[--top] = stack[--len]!;
    }
    let d = diag[k]!;
    for (; top < n; top++) {
      const i = stack[top]!;
      const yi = y[i]!;
      y[i] = 0;
      const end = next[i]!;
      for (let t = lp[i]!; t < end; t++) y[li[t]!]! -= lx[t]! * yi;
      const lki = yi * invD[i]!;
      d -= lki * yi;
      li[end] = k;
      lx[end] = lki;
      next[i] = end + 1;
      if (!(Math.abs(lki) <= limit)) return null;
    }
    // A pivot that cancels to rounding noise marks a (numerically) singular matrix.
    if (!(Math.abs(d) > SINGULAR_RATIO * Math.abs(diag[k]!))) return null;
    D[k] = d;
    invD[k] = 1 / d;
  }
  return {
    n,
    L: { nRows: n, nCols: n, colPtr: lp, rowIdx: li, values: lx },
    D,
    parent,
    q: Int32Array.from(q),
    qinv,
    work: y,
    batchWork: null,
  };
}
