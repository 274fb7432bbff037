// Numeric LU with a fixed pivot sequence and fixed patterns (left-looking, column by column):
//
//   x = A(:, colPerm[k]) scattered to pivot rows
//   for each row r of U(:, k) in ascending order:  U(r, k) = x_r,  x -= L(:, r) · x_r
//   U(k, k) = x_k,  L(:, k) = x(rows of L(:, k)) / x_k
//
// Two blockings cut the index work per multiply-add: the updates from columns r..m-1 of one
// supernode of L are applied together (the dense triangle inside the supernode, then one pass
// over the rows they share per four columns), and two target columns k, k+1 whose patterns
// nest (lu-supernodes.ts: pairedWithNext) are computed together in an interleaved workspace.
// It gives up (the caller factors from scratch, with a pivot search) when a pivot is zero,
// non-finite or below pivotTolerance · max |x| over the rows of column k at or below the
// diagonal: the same test the pivot search applies. Each column is tested, scaled and cleared
// in one pass (a column that fails has been overwritten, and the caller starts over).
// Reference: the numeric phase of J. R. Gilbert, T. Peierls, SIAM J. Sci. Stat. Comput. 9(5),
// 1988; supernodal updates after E. G. Ng, B. W. Peyton, "Block sparse Cholesky algorithms on
// advanced uniprocessor computers", SIAM J. Sci. Comput. 14(5), 1993.
import { cscNnz, type CscMatrix } from './csc.ts';
import { PowerflowInputError } from '../errors.ts';
import type { LuFactors } from './lu.ts';

/** Overwrites the values of f with the factors of a; false if a pivot is no longer usable. */
export function luRefactor(f: LuFactors, a: CscMatrix): boolean {
  if (a.nRows !== f.n || a.nCols !== f.n || cscNnz(a) !== f.aNnz) {
    throw new PowerflowInputError(
      'sparse/lu-refactor: the matrix does not have the pattern of the factors',
    );
  }
  return luNumeric(f, a) < 0;
}

/**
 * The numeric kernel shared with lu-factor.ts: fills the values of f from a and returns -1, or
 * the step at which the pivot failed (f's values are then partly overwritten).
 */
export function luNumeric(f: LuFactors, a: CscMatrix): number {
  const n = f.n;
  const paired = f.pairedWithNext;
  for (let k = 0; k < n; k++) {
    if (paired[k] === 1) {
      const bad = numericPair(f, a, k);
      if (bad >= 0) return bad;
      k++;
    } else if (!numericColumn(f, a, k)) {
      return k;
    }
  }
  return -1;
}

function numericColumn(f: LuFactors, a: CscMatrix, k: number): boolean {
  const superEnd = f.superEnd;
  const lp = f.L.colPtr;
  const li = f.L.rowIdx;
  const lx = f.L.values;
  const up = f.U.colPtr;
  const ui = f.U.rowIdx;
  const ux = f.U.values;
  const x = f.work;
  const values = a.values;
  const aSrc = f.aSrc;
  const aRow = f.aRow;
  for (let s = f.aPtr[k]!, sStop = f.aPtr[k + 1]!; s < sStop; s++) x[aRow[s]!] = values[aSrc[s]!]!;
  const uDiag = up[k + 1]! - 1;
  let t = up[k]!;
  while (t < uDiag) {
    // Rows r..m-1 of U(:, k) are consecutive columns of one supernode.
    const r = ui[t]!;
    let m = superEnd[r]!;
    if (m > k) m = k;
    for (let c = r; c < m; c++) {
      const xc = x[c]!;
      ux[t++] = xc;
      if (xc === 0) continue;
      const base = lp[c]! - c - 1; // L(c2, c) = lx[base + c2] for c < c2 < supernode end
      for (let c2 = c + 1; c2 < m; c2++) x[c2]! -= lx[base + c2]! * xc;
    }
    // The rows below m, shared by the columns r..m-1, are those of column m-1.
    const rows = lp[m - 1]!;
    const len = lp[m]! - rows;
    let c = r;
    for (; c + 4 <= m; c += 4) {
      const v0 = x[c]!;
      const v1 = x[c + 1]!;
      const v2 = x[c + 2]!;
      const v3 = x[c + 3]!;
      if (v0 === 0 && v1 === 0 && v2 === 0 && v3 === 0) continue;
      const o0 = lp[c]! + (m - 1 - c);
      const o1 = lp[c + 1]! + (m - 2 - c);
      const o2 = lp[c + 2]! + (m - 3 - c);
      const o3 = lp[c + 3]! + (m - 4 - c);
      for (let i = 0; i < len; i++) {
        x[li[rows + i]!]! -=
          lx[o0 + i]! * v0 + lx[o1 + i]! * v1 + lx[o2 + i]! * v2 + lx[o3 + i]! * v3;
      }
    }
    const rest = m - c;
    if (rest === 3) {
      const v0 = x[c]!;
      const v1 = x[c + 1]!;
      const v2 = x[c + 2]!;
      const o0 = lp[c]! + 2;
      const o1 = lp[c + 1]! + 1;
      const o2 = lp[c + 2]!;
      for (let i = 0; i < len; i++) {
        x[li[rows + i]!]! -= lx[o0 + i]! * v0 + lx[o1 + i]! * v1 + lx[o2 + i]! * v2;
      }
    } else if (rest === 2) {
      const v0 = x[c]!;
      const v1 = x[c + 1]!;
      const o0 = lp[c]! + 1;
      const o1 = lp[c + 1]!;
      for (let i = 0; i < len; i++) x[li[rows + i]!]! -= lx[o0 + i]! * v0 + lx[o1 + i]! * v1;
    } else if (rest === 1) {
      const v0 = x[c]!;
      if (v0 !== 0) {
        const o0 = lp[c]!;
        for (let i = 0; i < len; i++) x[li[rows + i]!]! -= lx[o0 + i]! * v0;
      }
    }
    for (let c2 = r; c2 < m; c2++) x[c2] = 0;
  }
  return finishColumn(f, k, x, 1, 0);
}

/**
 * Columns k and k+1 together: x[2i] is row i of column k, x[2i+1] of column k+1. U(:, k+1)
 * is U(:, k) plus row k, and L(:, k) is row k+1 plus L(:, k+1).
 */
function numericPair(f: LuFactors, a: CscMatrix, k: number): number {
  const superEnd = f.superEnd;
  const lp = f.L.colPtr;
  const li = f.L.rowIdx;
  const lx = f.L.values;
  const up = f.U.colPtr;
  const ui = f.U.rowIdx;
  const ux = f.U.values;
  const x = f.work;
  const values = a.values;
  const aSrc = f.aSrc;
  const aRow = f.aRow;
  const aPtr = f.aPtr;
  for (let s = aPtr[k]!, sStop = aPtr[k + 1]!; s < sStop; s++) x[aRow[s]! << 1] = values[aSrc[s]!]!;
  for (let s = aPtr[k + 1]!, sStop = aPtr[k + 2]!; s < sStop; s++)
    x[(aRow[s]! << 1) + 1] = values[aSrc[s]!]!;
  const uDiag = up[k + 1]! - 1;
  const shift = up[k + 1]! - up[k]!; // U(r, k+1) sits shift entries after U(r, k)
  let t = up[k]!;
  while (t < uDiag) {
    const r = ui[t]!;
    let m = superEnd[r]!;
    if (m > k) m = k;
    const r2 = r << 1;
    if (m - r === 2) {
      // The common case, the two unknowns of a bus: L(r+1, r) and then the shared rows.
      const l10 = lx[lp[r]!]!;
      const a0 = x[r2]!;
      const b0 = x[r2 + 1]!;
      const a1 = x[r2 + 2]! - l10 * a0;
      const b1 = x[r2 + 3]! - l10 * b0;
      x[r2] = 0;
      x[r2 + 1] = 0;
      x[r2 + 2] = 0;
      x[r2 + 3] = 0;
      ux[t] = a0;
      ux[t + shift] = b0;
      ux[t + 1] = a1;
      ux[t + 1 + shift] = b1;
      t += 2;
      const rows = lp[r + 1]!;
      const o0 = lp[r]! + 1 - rows;
      for (let i = rows, iStop = lp[r + 2]!; i < iStop; i++) {
        const row2 = li[i]! << 1;
        const l0 = lx[o0 + i]!;
        const l1 = lx[i]!;
        x[row2]! -= l0 * a0 + l1 * a1;
        x[row2 + 1]! -= l0 * b0 + l1 * b1;
      }
      continue;
    }
    if (m - r === 1) {
      const a0 = x[r2]!;
      const b0 = x[r2 + 1]!;
      x[r2] = 0;
      x[r2 + 1] = 0;
      ux[t] = a0;
      ux[t + shift] = b0;
      t++;
      for (let i = lp[r]!, iStop = lp[r + 1]!; i < iStop; i++) {
        const row2 = li[i]! << 1;
        const l0 = lx[i]!;
        x[row2]! -= l0 * a0;
        x[row2 + 1]! -= l0 * b0;
      }
      continue;
    }
    for (let c = r; c < m; c++) {
      const a0 = x[c << 1]!;
      const b0 = x[(c << 1) + 1]!;
      ux[t] = a0;
      ux[t + shift] = b0;
      t++;
      const base = lp[c]! - c - 1;
      for (let c2 = c + 1; c2 < m; c2++) {
        const l = lx[base + c2]!;
        x[c2 << 1]! -= l * a0;
        x[(c2 << 1) + 1]! -= l * b0;
      }
    }
    const rows = lp[m - 1]!;
    const len = lp[m]! - rows;
    let c = r;
    for (; c + 4 <= m; c += 4) {
      const c2 = c << 1;
      const a0 = x[c2]!;
      const b0 = x[c2 + 1]!;
      const a1 = x[c2 + 2]!;
      const b1 = x[c2 + 3]!;
      const a2 = x[c2 + 4]!;
      const b2 = x[c2 + 5]!;
      const a3 = x[c2 + 6]!;
      const b3 = x[c2 + 7]!;
      const o0 = lp[c]! + (m - 1 - c);
      const o1 = lp[c + 1]! + (m - 2 - c);
      const o2 = lp[c + 2]! + (m - 3 - c);
      const o3 = lp[c + 3]! + (m - 4 - c);
      for (let i = 0; i < len; i++) {
        const r2 = li[rows + i]! << 1;
        const l0 = lx[o0 + i]!;
        const l1 = lx[o1 + i]!;
        const l2 = lx[o2 + i]!;
        const l3 = lx[o3 + i]!;
        x[r2]! -= l0 * a0 + l1 * a1 + l2 * a2 + l3 * a3;
        x[r2 + 1]! -= l0 * b0 + l1 * b1 + l2 * b2 + l3 * b3;
      }
    }
    if (c + 2 <= m) {
      const a0 = x[c << 1]!;
      const b0 = x[(c << 1) + 1]!;
      const a1 = x[(c << 1) + 2]!;
      const b1 = x[(c << 1) + 3]!;
      const o0 = lp[c]! + (m - 1 - c);
      const o1 = lp[c + 1]! + (m - 2 - c);
      for (let i = 0; i < len; i++) {
        const r2 = li[rows + i]! << 1;
        const l0 = lx[o0 + i]!;
        const l1 = lx[o1 + i]!;
        x[r2]! -= l0 * a0 + l1 * a1;
        x[r2 + 1]! -= l0 * b0 + l1 * b1;
      }
      c += 2;
    }
    if (c < m) {
      const a0 = x[c << 1]!;
      const b0 = x[(c << 1) + 1]!;
      const o0 = lp[c]!;
      for (let i = 0; i < len; i++) {
        const r2 = li[rows + i]! << 1;
        const l0 = lx[o0 + i]!;
        x[r2]! -= l0 * a0;
        x[r2 + 1]! -= l0 * b0;
      }
    }
    for (let c2 = r << 1; c2 < m << 1; c2++) x[c2] = 0;
  }
  // Column k (lane 0) is scaled and, in the same pass, updates column k+1 (lane 1) with
  // U(k, k+1) = x_k; then column k+1 is finished.
  const d0 = k << 1;
  const pivot = x[d0]!;
  const xk = x[d0 + 1]!;
  x[d0] = 0;
  x[d0 + 1] = 0;
  const inv = 1 / pivot;
  let maxAbs = Math.abs(pivot);
  let finite = Number.isFinite(pivot);
  for (let q = lp[k]!, qStop = lp[k + 1]!; q < qStop; q++) {
    const i2 = li[q]! << 1;
    const v = x[i2]!;
    const ax = Math.abs(v);
    if (ax > maxAbs) maxAbs = ax;
    else if (!(ax < Infinity)) finite = false;
    const l = v * inv;
    lx[q] = l;
    x[i2] = 0;
    x[i2 + 1]! -= l * xk;
  }
  if (!usablePivot(pivot, maxAbs, finite, f.pivotTolerance)) {
    clearColumn(f, k + 1, x, 2, 1);
    return k;
  }
  ux[up[k + 1]! - 1] = pivot;
  ux[up[k + 2]! - 2] = xk;
  return finishColumn(f, k + 1, x, 2, 1) ? -1 : k + 1;
}

/**
 * Pivot test and scaling of column k held in x[stride·i + lane]; clears those entries of x.
 * False when the pivot is unusable (x cleared, L(:, k) overwritten with unusable values).
 */
function finishColumn(
  f: LuFactors,
  k: number,
  x: Float64Array,
  stride: number,
  lane: number,
): boolean {
  const lp = f.L.colPtr;
  const li = f.L.rowIdx;
  const lx = f.L.values;
  const d = stride * k + lane;
  const pivot = x[d]!;
  x[d] = 0;
  const inv = 1 / pivot;
  let maxAbs = Math.abs(pivot);
  let finite = Number.isFinite(pivot);
  for (let q = lp[k]!, qStop = lp[k + 1]!; q < qStop; q++) {
    const i = stride * li[q]! + lane;
    const v = x[i]!;
    const ax = Math.abs(v);
    if (ax > maxAbs) maxAbs = ax;
    else if (!(ax < Infinity)) finite = false;
    lx[q] = v * inv;
    x[i] = 0;
  }
  if (!usablePivot(pivot, maxAbs, finite, f.pivotTolerance)) return false;
  f.U.values[f.U.colPtr[k + 1]! - 1] = pivot;
  return true;
}

/** The threshold test of lu-factor.ts: |pivot| ≥ tol · max |column| and all finite. */
function usablePivot(pivot: number, maxAbs: number, finite: boolean, tol: number): boolean {
  return finite && pivot !== 0 && maxAbs < Infinity && Math.abs(pivot) >= tol * maxAbs;
}

function clearColumn(f: LuFactors, k: number, x: Float64Array, stride: number, lane: number): void {
  const lp = f.L.colPtr;
  const li = f.L.rowIdx;
  x[stride * k + lane] = 0;
  for (let q = lp[k]!, qStop = lp[k + 1]!; q < qStop; q++) x[stride * li[q]! + lane] = 0;
}
