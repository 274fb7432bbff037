// Solves with the factors A(q, q) = L D Lᵀ of ldl-factor.ts:
//
//   y = b(q),   L z = y (forward, by columns),   D w = z,   Lᵀ v = w (backward, by dot
//   products down the same columns),   x(q) = v
//
// (Davis, Direct Methods for Sparse Linear Systems, SIAM 2006, §3.1). A batch of right-hand
// sides is solved four at a time, interleaved in one workspace, so L is read once per four.
import { PowerflowInputError } from '../errors.ts';
import type { LdlFactors } from './ldl.ts';

const BLOCK = 4;

/** x = A⁻¹ b. x may be b. Allocates nothing when x is given. */
export function ldlSolve(f: LdlFactors, b: Float64Array, x?: Float64Array): Float64Array {
  const out = x ?? new Float64Array(f.n);
  checkLength(f, b.length, out.length, 1, 'ldlSolve');
  solveOne(f, b, 0, out, 0);
  return out;
}

/** X = A⁻¹ B for nRhs right-hand sides stored column-major in b. x may be b. */
export function ldlSolveMany(
  f: LdlFactors,
  b: Float64Array,
  nRhs: number,
  x?: Float64Array,
): Float64Array {
  const n = f.n;
  const out = x ?? new Float64Array(n * nRhs);
  checkLength(f, b.length, out.length, nRhs, 'ldlSolveMany');
  let s = 0;
  if (nRhs >= BLOCK) {
    if (f.batchWork === null) f.batchWork = new Float64Array(BLOCK * n);
    for (; s + BLOCK <= nRhs; s += BLOCK) solveBlock(f, b, out, s * n);
  }
  for (; s < nRhs; s++) solveOne(f, b, s * n, out, s * n);
  return out;
}

function checkLength(f: LdlFactors, bLen: number, xLen: number, nRhs: number, name: string): void {
  const want = f.n * nRhs;
  if (!Number.isInteger(nRhs) || nRhs < 0 || bLen !== want || xLen !== want) {
    throw new PowerflowInputError(
      `sparse/ldl-solve: ${name} wants b and x of length ${f.n}·${nRhs}, got ${bLen} and ${xLen}`,
    );
  }
}

function solveOne(
  f: LdlFactors,
  b: Float64Array,
  bOff: number,
  x: Float64Array,
  xOff: number,
): void {
  const n = f.n;
  const y = f.work;
  const q = f.q;
  const lp = f.L.colPtr;
  const li = f.L.rowIdx;
  const lx = f.L.values;
  const D = f.D;
  for (let k = 0; k < n; k++) y[k] = b[bOff + q[k]!]!;
  for (let c = 0; c < n; c++) {
    const yc = y[c]!;
    if (yc === 0) continue;
    for (let t = lp[c]!, tStop = lp[c + 1]!; t < tStop; t++) y[li[t]!]! -= lx[t]! * yc;
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = y[c]! / D[c]!;
    for (let t = lp[c]!, tStop = lp[c + 1]!; t < tStop; t++) s -= lx[t]! * y[li[t]!]!;
    y[c] = s;
  }
  for (let k = 0; k < n; k++) {
    x[xOff + q[k]!] = y[k]!;
    y[k] = 0;
  }
}

/** Four solves at once; w[4k + s] is unknown k of solve s. */
function solveBlock(f: LdlFactors, b: Float64Array, x: Float64Array, off: number): void {
  const n = f.n;
  const w = f.batchWork!;
  const q = f.q;
  const lp = f.L.colPtr;
  const li = f.L.rowIdx;
  const lx = f.L.values;
  const D = f.D;
  const o1 = off + n;
  const o2 = o1 + n;
  const o3 = o2 + n;
  for (let k = 0; k < n; k++) {
    const j = q[k]!;
    const k4 = k << 2;
    w[k4] = b[off + j]!;
    w[k4 + 1] = b[o1 + j]!;
    w[k4 + 2] = b[o2 + j]!;
    w[k4 + 3] = b[o3 + j]!;
  }
  for (let c = 0; c < n; c++) {
    const c4 = c << 2;
    const y0 = w[c4]!;
    const y1 = w[c4 + 1]!;
    const y2 = w[c4 + 2]!;
    const y3 = w[c4 + 3]!;
    if (y0 === 0 && y1 === 0 && y2 === 0 && y3 === 0) continue;
    for (let t = lp[c]!, tStop = lp[c + 1]!; t < tStop; t++) {
      const r = li[t]! << 2;
      const l = lx[t]!;
      w[r]! -= l * y0;
      w[r + 1]! -= l * y1;
      w[r + 2]! -= l * y2;
      w[r + 3]! -= l * y3;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    const c4 = c << 2;
    const dc = D[c]!;
    let s0 = w[c4]! / dc;
    let s1 = w[c4 + 1]! / dc;
    let s2 = w[c4 + 2]! / dc;
    let s3 = w[c4 + 3]! / dc;
    for (let t = lp[c]!, tStop = lp[c + 1]!; t < tStop; t++) {
      const r = li[t]! << 2;
      const l = lx[t]!;
      s0 -= l * w[r]!;
      s1 -= l * w[r + 1]!;
      s2 -= l * w[r + 2]!;
      s3 -= l * w[r + 3]!;
    }
    w[c4] = s0;
    w[c4 + 1] = s1;
    w[c4 + 2] = s2;
    w[c4 + 3] = s3;
  }
  for (let k = 0; k < n; k++) {
    const j = q[k]!;
    const k4 = k << 2;
    x[off + j] = w[k4]!;
    x[o1 + j] = w[k4 + 1]!;
    x[o2 + j] = w[k4 + 2]!;
    x[o3 + j] = w[k4 + 3]!;
  }
}
