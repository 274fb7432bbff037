// Solves with the factors P A Q = L U of lu-factor.ts:
//
//   A x = b:    y = P b,  L z = y (forward),  U w = z (backward),  x = Q w
//   Aᵀ x = b:   y = Qᵀ b, Uᵀ z = y (forward), Lᵀ w = z (backward), x = Pᵀ w
//
// Column-oriented triangular solves (Davis, Direct Methods for Sparse Linear Systems, SIAM
// 2006, §3.1); the transposed ones read the same columns as dot products. A batch of
// right-hand sides is solved four at a time, interleaved in one workspace, so the factors are
// streamed from memory once per four solutions (for DC N-1 with thousands of solves).
import { PowerflowInputError } from '../errors.ts';
import type { LuFactors } from './lu.ts';

const BLOCK = 4;

/** x = A⁻¹ b. x may be b. Allocates nothing when x is given. */
export function luSolve(f: LuFactors, b: Float64Array, x?: Float64Array): Float64Array {
  const out = x ?? new Float64Array(f.n);
  checkLength(f, b.length, out.length, 1, 'luSolve');
  solveOne(f, b, 0, out, 0);
  return out;
}

/** x = A⁻ᵀ b. x may be b. Allocates nothing when x is given. */
export function luSolveTranspose(f: LuFactors, b: Float64Array, x?: Float64Array): Float64Array {
  const out = x ?? new Float64Array(f.n);
  checkLength(f, b.length, out.length, 1, 'luSolveTranspose');
  solveTransposeOne(f, b, 0, out, 0);
  return out;
}

/**
 * X = A⁻¹ B for nRhs right-hand sides stored column-major in b (length n · nRhs).
 * x may be b.
 */
export function luSolveMany(
  f: LuFactors,
  b: Float64Array,
  nRhs: number,
  x?: Float64Array,
): Float64Array {
  return solveBatch(f, b, nRhs, x, false);
}

/** X = A⁻ᵀ B for nRhs right-hand sides stored column-major in b (length n · nRhs). */
export function luSolveTransposeMany(
  f: LuFactors,
  b: Float64Array,
  nRhs: number,
  x?: Float64Array,
): Float64Array {
  return solveBatch(f, b, nRhs, x, true);
}

function solveBatch(
  f: LuFactors,
  b: Float64Array,
  nRhs: number,
  x: Float64Array | undefined,
  transpose: boolean,
): Float64Array {
  const n = f.n;
  const out = x ?? new Float64Array(n * nRhs);
  checkLength(f, b.length, out.length, nRhs, transpose ? 'luSolveTransposeMany' : 'luSolveMany');
  let s = 0;
  if (nRhs >= BLOCK) {
    if (f.batchWork === null) f.batchWork = new Float64Array(BLOCK * n);
    for (; s + BLOCK <= nRhs; s += BLOCK) {
      if (transpose) solveTransposeBlock(f, b, out, s * n);
      else solveBlock(f, b, out, s * n);
    }
  }
  for (; s < nRhs; s++) {
    if (transpose) solveTransposeOne(f, b, s * n, out, s * n);
    else solveOne(f, b, s * n, out, s * n);
  }
  return out;
}

function checkLength(f: LuFactors, bLen: number, xLen: number, nRhs: number, name: string): void {
  const want = f.n * nRhs;
  if (!Number.isInteger(nRhs) || nRhs < 0 || bLen !== want || xLen !== want) {
    throw new PowerflowInputError(
      `sparse/lu-solve: ${name} wants b and x of length ${f.n}·${nRhs}, got ${bLen} and ${xLen}`,
    );
  }
}

function solveOne(
  f: LuFactors,
  b: Float64Array,
  bOff: number,
  x: Float64Array,
  xOff: number,
): void {
  const n = f.n;
  const y = f.work;
  const pinv = f.pinv;
  const lp = f.L.colPtr;
  const li = f.L.rowIdx;
  const lx = f.L.values;
  const up = f.U.colPtr;
  const ui = f.U.rowIdx;
  const ux = f.U.values;
  const superEnd = f.superEnd;
  const paired = f.pairedWithNext;
  for (let i = 0; i < n; i++) y[pinv[i]!] = b[bOff + i]!;
  // Forward, two columns at a time where they share a supernode of L:
  // L(:, c) = {c+1} ∪ L(:, c+1), so both update the same rows in one pass.
  for (let c = 0; c < n; c++) {
    const q0 = lp[c]!;
    const q1 = lp[c + 1]!;
    if (superEnd[c]! >= c + 2) {
      const yc = y[c]!;
      const yd = y[c + 1]! - lx[q0]! * yc;
      y[c + 1] = yd;
      c++;
      if (yc === 0 && yd === 0) continue;
      const off = q0 + 1 - q1;
      for (let q = q1, qStop = lp[c + 1]!; q < qStop; q++) {
        y[li[q]!]! -= lx[q + off]! * yc + lx[q]! * yd;
      }
      continue;
    }
    const yc = y[c]!;
    if (yc === 0) continue;
    for (let q = q0; q < q1; q++) y[li[q]!]! -= lx[q]! * yc;
  }
  // Backward, two columns at a time where U(:, k) = U(:, k-1) ∪ {k-1} (lu-supernodes.ts).
  for (let k = n - 1; k >= 0; k--) {
    const d = up[k + 1]! - 1;
    if (k > 0 && paired[k - 1] === 1) {
      const e = up[k]! - 1; // the diagonal of column k-1
      const yk = y[k]! / ux[d]!;
      y[k] = yk;
      const yj = (y[k - 1]! - ux[d - 1]! * yk) / ux[e]!;
      y[k - 1] = yj;
      k--;
      if (yk === 0 && yj === 0) continue;
      const off = up[k + 1]! - up[k]!; // U(r, k) sits off entries after U(r, k-1)
      for (let q = up[k]!; q < e; q++) y[ui[q]!]! -= ux[q]! * yj + ux[q + off]! * yk;
      continue;
    }
    const yk = y[k]! / ux[d]!;
    y[k] = yk;
    if (yk === 0) continue;
    for (let q = up[k]!; q < d; q++) y[ui[q]!]! -= ux[q]! * yk;
  }
  const q = f.colPerm;
  for (let k = 0; k < n; k++) {
    x[xOff + q[k]!] = y[k]!;
    y[k] = 0;
  }
}

function solveTransposeOne(
  f: LuFactors,
  b: Float64Array,
  bOff: number,
  x: Float64Array,
  xOff: number,
): void {
  const n = f.n;
  const y = f.work;
  const pinv = f.pinv;
  const lp = f.L.colPtr;
  const li = f.L.rowIdx;
  const lx = f.L.values;
  const up = f.U.colPtr;
  const ui = f.U.rowIdx;
  const ux = f.U.values;
  const cp = f.colPerm;
  for (let k = 0; k < n; k++) y[k] = b[bOff + cp[k]!]!;
  for (let k = 0; k < n; k++) {
    const d = up[k + 1]! - 1;
    let s = y[k]!;
    for (let q = up[k]!; q < d; q++) s -= ux[q]! * y[ui[q]!]!;
    y[k] = s / ux[d]!;
  }
  for (let k = n - 1; k >= 0; k--) {
    let s = y[k]!;
    for (let q = lp[k]!, qStop = lp[k + 1]!; q < qStop; q++) s -= lx[q]! * y[li[q]!]!;
    y[k] = s;
  }
  for (let i = 0; i < n; i++) x[xOff + i] = y[pinv[i]!]!;
  y.fill(0, 0, n);
}

/** Four solves at once; w holds them interleaved: w[4k + s] is unknown k of solve s. */
function solveBlock(f: LuFactors, b: Float64Array, x: Float64Array, off: number): void {
  const n = f.n;
  const w = f.batchWork!;
  const pinv = f.pinv;
  const lp = f.L.colPtr;
  const li = f.L.rowIdx;
  const lx = f.L.values;
  const up = f.U.colPtr;
  const ui = f.U.rowIdx;
  const ux = f.U.values;
  const o1 = off + n;
  const o2 = o1 + n;
  const o3 = o2 + n;
  for (let i = 0; i < n; i++) {
    const r = pinv[i]! << 2;
    w[r] = b[off + i]!;
    w[r + 1] = b[o1 + i]!;
    w[r + 2] = b[o2 + i]!;
    w[r + 3] = b[o3 + i]!;
  }
  for (let c = 0; c < n; c++) {
    const c4 = c << 2;
    const y0 = w[c4]!;
    const y1 = w[c4 + 1]!;
    const y2 = w[c4 + 2]!;
    const y3 = w[c4 + 3]!;
    if (y0 === 0 && y1 === 0 && y2 === 0 && y3 === 0) continue;
    for (let q = lp[c]!, qStop = lp[c + 1]!; q < qStop; q++) {
      const r = li[q]! << 2;
      const l = lx[q]!;
      w[r]! -= l * y0;
      w[r + 1]! -= l * y1;
      w[r + 2]! -= l * y2;
      w[r + 3]! -= l * y3;
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    const d = up[k + 1]! - 1;
    const k4 = k << 2;
    const dk = ux[d]!;
    const y0 = w[k4]! / dk;
    const y1 = w[k4 + 1]! / dk;
    const y2 = w[k4 + 2]! / dk;
    const y3 = w[k4 + 3]! / dk;
    w[k4] = y0;
    w[k4 + 1] = y1;
    w[k4 + 2] = y2;
    w[k4 + 3] = y3;
    if (y0 === 0 && y1 === 0 && y2 === 0 && y3 === 0) continue;
    for (let q = up[k]!; q < d; q++) {
      const r = ui[q]! << 2;
      const u = ux[q]!;
      w[r]! -= u * y0;
      w[r + 1]! -= u * y1;
      w[r + 2]! -= u * y2;
      w[r + 3]! -= u * y3;
    }
  }
  const cp = f.colPerm;
  for (let k = 0; k < n; k++) {
    const j = cp[k]!;
    const k4 = k << 2;
    x[off + j] = w[k4]!;
    x[o1 + j] = w[k4 + 1]!;
    x[o2 + j] = w[k4 + 2]!;
    x[o3 + j] = w[k4 + 3]!;
  }
}

function solveTransposeBlock(f: LuFactors, b: Float64Array, x: Float64Array, off: number): void {
  const n = f.n;
  const w = f.batchWork!;
  const pinv = f.pinv;
  const lp = f.L.colPtr;
  const li = f.L.rowIdx;
  const lx = f.L.values;
  const up = f.U.colPtr;
  const ui = f.U.rowIdx;
  const ux = f.U.values;
  const cp = f.colPerm;
  const o1 = off + n;
  const o2 = o1 + n;
  const o3 = o2 + n;
  for (let k = 0; k < n; k++) {
    const j = cp[k]!;
    const k4 = k << 2;
    w[k4] = b[off + j]!;
    w[k4 + 1] = b[o1 + j]!;
    w[k4 + 2] = b[o2 + j]!;
    w[k4 + 3] = b[o3 + j]!;
  }
  for (let k = 0; k < n; k++) {
    const d = up[k + 1]! - 1;
    const k4 = k << 2;
    let s0 = w[k4]!;
    let s1 = w[k4 + 1]!;
    let s2 = w[k4 + 2]!;
    let s3 = w[k4 + 3]!;
    for (let q = up[k]!; q < d; q++) {
      const r = ui[q]! << 2;
      const u = ux[q]!;
      s0 -= u * w[r]!;
      s1 -= u * w[r + 1]!;
      s2 -= u * w[r + 2]!;
      s3 -= u * w[r + 3]!;
    }
    const dk = ux[d]!;
    w[k4] = s0 / dk;
    w[k4 + 1] = s1 / dk;
    w[k4 + 2] = s2 / dk;
    w[k4 + 3] = s3 / dk;
  }
  for (let k = n - 1; k >= 0; k--) {
    const k4 = k << 2;
    let s0 = w[k4]!;
    let s1 = w[k4 + 1]!;
    let s2 = w[k4 + 2]!;
    let s3 = w[k4 + 3]!;
    for (let q = lp[k]!, qStop = lp[k + 1]!; q < qStop; q++) {
      const r = li[q]! << 2;
      const l = lx[q]!;
      s0 -= l * w[r]!;
      s1 -= l * w[r + 1]!;
      s2 -= l * w[r + 2]!;
      s3 -= l * w[r + 3]!;
    }
    w[k4] = s0;
    w[k4 + 1] = s1;
    w[k4 + 2] = s2;
    w[k4 + 3] = s3;
  }
  for (let i = 0; i < n; i++) {
    const r = pinv[i]! << 2;
    x[off + i] = w[r]!;
    x[o1 + i] = w[r + 1]!;
    x[o2 + i] = w[r + 2]!;
    x[o3 + i] = w[r + 3]!;
  }
}
