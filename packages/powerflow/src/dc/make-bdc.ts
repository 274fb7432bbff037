// DC power-flow matrices, after MATPOWER's makeBdc.m (manual §3.6):
//
//   b_l = status / (x_l · τ_l)             (τ = tap ratio, 0 read as 1; r and charging ignored)
//   Pf  = Bf θ + Pfinj,   Pfinj_l = -b_l · shift_l (radians)
//   Pbus = Bbus θ + Pbusinj,   Bbus = Cftᵀ Bf,   Pbusinj = Cftᵀ Pfinj
import { PowerflowInputError } from '../errors.ts';
import type { PfCase } from '../model/pf-case.ts';
import { cscFromTriplets, type CscMatrix } from '../sparse/csc.ts';

export interface Bdc {
  /** nBus × nBus, pu */
  readonly Bbus: CscMatrix;
  /** per branch susceptance b_l (pu), 0 when out of service */
  readonly b: Float64Array;
  /** pu, per branch and per bus */
  readonly Pfinj: Float64Array;
  readonly Pbusinj: Float64Array;
}

export function makeBdc(pf: PfCase): Bdc {
  const nl = pf.nBranch;
  const b = new Float64Array(nl);
  const Pfinj = new Float64Array(nl);
  const Pbusinj = new Float64Array(pf.nBus);
  const rows = new Int32Array(pf.nBus + 4 * nl);
  const cols = new Int32Array(pf.nBus + 4 * nl);
  const vals = new Float64Array(pf.nBus + 4 * nl);
  let k = 0;
  // Keep the diagonal in the pattern even for a bus with no branch, so it is never missing.
  for (let i = 0; i < pf.nBus; i++) {
    rows[k] = i;
    cols[k] = i;
    k++;
  }
  for (let l = 0; l < nl; l++) {
    if (!pf.branchOn[l]) continue;
    if (pf.x[l] === 0) {
      throw new PowerflowInputError(
        `branch ${l + 1} (bus ${pf.busIds[pf.from[l]!]} → ${pf.busIds[pf.to[l]!]}) has zero reactance: no DC model`,
      );
    }
    const bl = 1 / (pf.x[l]! * pf.tap[l]!);
    b[l] = bl;
    const f = pf.from[l]!;
    const t = pf.to[l]!;
    Pfinj[l] = (-bl * pf.shift[l]! * Math.PI) / 180;
    Pbusinj[f]! += Pfinj[l]!;
    Pbusinj[t]! -= Pfinj[l]!;
    rows[k] = f;
    cols[k] = f;
    vals[k++] = bl;
    rows[k] = f;
    cols[k] = t;
    vals[k++] = -bl;
    rows[k] = t;
    cols[k] = f;
    vals[k++] = -bl;
    rows[k] = t;
    cols[k] = t;
    vals[k++] = bl;
  }
  const Bbus = cscFromTriplets(pf.nBus, pf.nBus, rows, cols, vals, k);
  return { Bbus, b, Pfinj, Pbusinj };
}

/** B restricted to the given rows and columns (both `keep`, in that order). */
export function principalSubmatrix(a: CscMatrix, keep: Int32Array): CscMatrix {
  const map = new Int32Array(a.nCols).fill(-1);
  keep.forEach((old, k) => (map[old] = k));
  const n = keep.length;
  const colPtr = new Int32Array(n + 1);
  let nz = 0;
  for (let k = 0; k < n; k++) {
    const j = keep[k]!;
    for (let p = a.colPtr[j]!; p < a.colPtr[j + 1]!; p++) if (map[a.rowIdx[p]!]! >= 0) nz++;
    colPtr[k + 1] = nz;
  }
  const rowIdx = new Int32Array(nz);
  const values = new Float64Array(nz);
  for (let k = 0; k < n; k++) {
    const j = keep[k]!;
    let q = colPtr[k]!;
    for (let p = a.colPtr[j]!; p < a.colPtr[j + 1]!; p++) {
      const r = map[a.rowIdx[p]!]!;
      if (r < 0) continue;
      rowIdx[q] = r;
      values[q++] = a.values[p]!;
    }
    // `keep` need not be sorted, so restore ascending rows within the column.
    sortColumn(rowIdx, values, colPtr[k]!, q);
  }
  return { nRows: n, nCols: n, colPtr, rowIdx, values };
}

function sortColumn(rowIdx: Int32Array, values: Float64Array, start: number, end: number): void {
  for (let p = start + 1; p < end; p++) {
    const r = rowIdx[p]!;
    const v = values[p]!;
    let q = p - 1;
    while (q >= start && rowIdx[q]! > r) {
      rowIdx[q + 1] = rowIdx[q]!;
      values[q + 1] = values[q]!;
      q--;
    }
    rowIdx[q + 1] = r;
    values[q + 1] = v;
  }
}
