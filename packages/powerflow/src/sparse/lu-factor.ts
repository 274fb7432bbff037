// Left-looking sparse LU with threshold partial pivoting, after J. R. Gilbert, T. Peierls,
// "Sparse partial pivoting in time proportional to arithmetic operations", SIAM J. Sci. Stat.
// Comput. 9(5), 1988. Column k of P A Q is found by one sparse triangular solve with the
// columns of L already computed:
//
//   x = L⁻¹ A(:, colPerm[k])     (pattern from reach.ts, in topological order)
//   U(pivotal rows, k) = x(pivotal rows);  pivot = a row not yet pivotal;  L(:, k) = x / pivot
//
// The pivot is the diagonal row colPerm[k] (the symmetric ordering's choice) when
// |x_diag| ≥ tol · max |x| over the rows not yet pivotal, else the largest of them.
//
// Fast path: when A is structurally symmetric the diagonal pivots' patterns are known in
// advance (lu-symbolic.ts), so the numeric kernel of lu-refactor.ts runs directly and applies
// the same threshold test; only if some diagonal fails it does the search below run. Both give
// the same pivots and patterns, hence the same factors up to rounding.
import type { CscMatrix } from './csc.ts';
import { PowerflowInputError } from '../errors.ts';
import { LU_DEFAULTS, SingularMatrixError, type LuFactors, type LuOptions } from './lu.ts';
import { luNumeric } from './lu-refactor.ts';
import { isStructurallySymmetric, symbolicSymmetricLu } from './lu-symbolic.ts';
import { findPairs, findSupernodes, sortColumns } from './lu-supernodes.ts';
import { reach } from './reach.ts';

export function luFactor(a: CscMatrix, colPerm: Int32Array, options: LuOptions = {}): LuFactors {
  const n = a.nCols;
  if (a.nRows !== n) {
    throw new PowerflowInputError(`sparse/lu-factor: matrix is ${a.nRows}×${n}, not square`);
  }
  const tol = options.pivotTolerance ?? LU_DEFAULTS.pivotTolerance;
  if (!(tol >= 0 && tol <= 1)) {
    throw new PowerflowInputError(`sparse/lu-factor: pivotTolerance ${tol} is not in [0, 1]`);
  }
  const qinv = inversePermutation(colPerm, n);
  if ((options.symmetricFastPath ?? true) && (options.pattern || isStructurallySymmetric(a))) {
    const pattern = options.pattern ?? symbolicSymmetricLu(a, colPerm, qinv);
    const { lp, li, up, ui } = pattern;
    const f = assemble(
      a,
      colPerm,
      qinv,
      tol,
      lp,
      li,
      new Float64Array(li.length),
      up,
      ui,
      new Float64Array(ui.length),
      pattern.superEnd,
      pattern.pairedWithNext,
    );
    if (luNumeric(f, a) < 0) return f;
  }
  return pivotSearch(a, colPerm, tol);
}

function pivotSearch(a: CscMatrix, colPerm: Int32Array, tol: number): LuFactors {
  const n = a.nCols;
  const { colPtr, rowIdx, values } = a;
  const nnzA = colPtr[n]!;
  const flag = new Int32Array(n);

  const pinv = new Int32Array(n).fill(-1);
  const lp = new Int32Array(n + 1);
  const up = new Int32Array(n + 1);
  let lCap = 2 * nnzA + n;
  let uCap = 2 * nnzA + n;
  let li: Int32Array = new Int32Array(lCap);
  let lx: Float64Array = new Float64Array(lCap);
  let ui: Int32Array = new Int32Array(uCap);
  let ux: Float64Array = new Float64Array(uCap);
  const x = new Float64Array(n);
  const stack = new Int32Array(n);
  const pos = new Int32Array(n);
  const out = new Int32Array(n);
  let lnz = 0;
  let unz = 0;

  for (let k = 0; k < n; k++) {
    lp[k] = lnz;
    up[k] = unz;
    // Column k adds at most n - k - 1 entries to L and k + 1 to U.
    if (lnz + n - k > lCap) {
      lCap = Math.max(2 * lCap, lnz + n - k);
      li = growInt(li, lCap);
      lx = growFloat(lx, lCap);
    }
    if (unz + k + 1 > uCap) {
      uCap = Math.max(2 * uCap, unz + k + 1);
      ui = growInt(ui, uCap);
      ux = growFloat(ux, uCap);
    }
    const j = colPerm[k]!;
    const stamp = k + 1;
    const top = reach(
      n,
      lp,
      li,
      pinv,
      rowIdx,
      colPtr[j]!,
      colPtr[j + 1]!,
      flag,
      stamp,
      stack,
      pos,
      out,
    );

    for (let p = colPtr[j]!, pStop = colPtr[j + 1]!; p < pStop; p++) x[rowIdx[p]!] = values[p]!;
    for (let t = top; t < n; t++) {
      const i = out[t]!;
      const c = pinv[i]!;
      if (c < 0) continue;
      const xi = x[i]!;
      if (xi === 0) continue;
      for (let q = lp[c]!, qStop = lp[c + 1]!; q < qStop; q++) x[li[q]!]! -= lx[q]! * xi;
    }

    let maxAbs = 0;
    let iPivot = -1;
    let finite = true;
    for (let t = top; t < n; t++) {
      const i = out[t]!;
      if (pinv[i]! >= 0) continue;
      const ax = Math.abs(x[i]!);
      if (!(ax < Infinity)) finite = false;
      if (iPivot < 0 || ax > maxAbs) {
        maxAbs = ax;
        iPivot = i;
      }
    }
    if (iPivot < 0)
      throw new SingularMatrixError(j, k, 'no entry outside the pivot rows already used');
    if (pinv[j]! < 0 && flag[j] === stamp) {
      const ad = Math.abs(x[j]!);
      if (ad > 0 && ad >= tol * maxAbs) iPivot = j;
    }
    const pivot = x[iPivot]!;
    if (!finite || !Number.isFinite(pivot))
      throw new SingularMatrixError(j, k, 'a non-finite entry');
    if (pivot === 0) throw new SingularMatrixError(j, k, 'a zero pivot');

    for (let t = top; t < n; t++) {
      const i = out[t]!;
      const c = pinv[i]!;
      const xi = x[i]!;
      x[i] = 0;
      if (c >= 0) {
        ui[unz] = c;
        ux[unz++] = xi;
      } else if (i !== iPivot) {
        li[lnz] = i;
        lx[lnz++] = xi / pivot;
      }
    }
    ui[unz] = k;
    ux[unz++] = pivot;
    pinv[iPivot] = k;
  }
  lp[n] = lnz;
  up[n] = unz;
  // L was built in A's row numbering (pivot rows unknown yet); the kernels want pivot order.
  for (let q = 0; q < lnz; q++) li[q] = pinv[li[q]!]!;
  const L = sortColumns({
    nRows: n,
    nCols: n,
    colPtr: lp,
    rowIdx: li.subarray(0, lnz),
    values: lx.subarray(0, lnz),
  });
  const U = sortColumns({
    nRows: n,
    nCols: n,
    colPtr: up,
    rowIdx: ui.subarray(0, unz),
    values: ux.subarray(0, unz),
  });
  return assemble(
    a,
    colPerm,
    pinv,
    tol,
    L.colPtr,
    L.rowIdx,
    L.values,
    U.colPtr,
    U.rowIdx,
    U.values,
  );
}

function assemble(
  a: CscMatrix,
  colPerm: Int32Array,
  pinv: Int32Array,
  tol: number,
  lp: Int32Array,
  li: Int32Array,
  lx: Float64Array,
  up: Int32Array,
  ui: Int32Array,
  ux: Float64Array,
  knownSuperEnd?: Int32Array,
  knownPairs?: Uint8Array,
): LuFactors {
  const n = a.nCols;
  const nnzA = a.colPtr[n]!;
  const { colPtr, rowIdx } = a;
  const aPtr = new Int32Array(n + 1);
  const aSrc = new Int32Array(nnzA);
  const aRow = new Int32Array(nnzA);
  let s = 0;
  for (let k = 0; k < n; k++) {
    const j = colPerm[k]!;
    for (let p = colPtr[j]!, pStop = colPtr[j + 1]!; p < pStop; p++) {
      aSrc[s] = p;
      aRow[s++] = pinv[rowIdx[p]!]!;
    }
    aPtr[k + 1] = s;
  }
  const superEnd = knownSuperEnd ?? findSupernodes(n, lp, li);
  return {
    n,
    L: { nRows: n, nCols: n, colPtr: lp, rowIdx: li, values: lx },
    U: { nRows: n, nCols: n, colPtr: up, rowIdx: ui, values: ux },
    superEnd,
    pairedWithNext: knownPairs ?? findPairs(n, superEnd, up, ui),
    pinv,
    colPerm: Int32Array.from(colPerm),
    pivotTolerance: tol,
    aPtr,
    aSrc,
    aRow,
    aNnz: nnzA,
    work: new Float64Array(2 * n),
    batchWork: null,
  };
}

function inversePermutation(perm: Int32Array, n: number): Int32Array {
  if (perm.length !== n) {
    throw new PowerflowInputError(
      `sparse/lu-factor: column permutation has length ${perm.length}, expected ${n}`,
    );
  }
  const inv = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const j = perm[k]!;
    if (!(j >= 0 && j < n) || inv[j] !== -1) {
      throw new PowerflowInputError(
        `sparse/lu-factor: column permutation is not a permutation (entry ${k} = ${j})`,
      );
    }
    inv[j] = k;
  }
  return inv;
}

function growInt(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function growFloat(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
