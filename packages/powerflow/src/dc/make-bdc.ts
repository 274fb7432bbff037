// DC power-flow matrices, after MATPOWER's makeBdc.m (manual §3.6):
//
//   b_l = status / (x_l · τ_l)             (τ = tap ratio, 0 read as 1; r and charging ignored)
//   Pf  = Bf θ + Pfinj,   Pfinj_l = -b_l · shift_l (radians)
//   Pbus = Bbus θ + Pbusinj,   Bbus = Cftᵀ Bf,   Pbusinj = Cftᵀ Pfinj
import { PowerflowInputError } from '../errors.ts';
import { caseBranchLabel } from '../model/labels.ts';
import type { PfCase } from '../model/pf-case.ts';
import type { CscMatrix } from '../sparse/csc.ts';

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
  const nb = pf.nBus;
  const b = new Float64Array(nl);
  const Pfinj = new Float64Array(nl);
  const Pbusinj = new Float64Array(nb);
  const diag = new Float64Array(nb);
  // Column j of Bbus: its diagonal (kept even for a bus with no branch, so it is never
  // missing) and -b_l for each branch l at j, built in place and then sorted by row.
  const { branchOn, from, to, x, tap, shift } = pf;
  const colPtr = new Int32Array(nb + 1);
  for (let l = 0; l < nl; l++) {
    if (!branchOn[l]) continue;
    // x = 0 (or x · tap so small that 1 / (x · tap) overflows) has no DC model.
    if (!Number.isFinite(1 / (x[l]! * tap[l]!))) {
      const what =
        x[l] === 0
          ? 'zero reactance'
          : `a reactance too small to invert (x = ${x[l]}, tap = ${tap[l]})`;
      throw new PowerflowInputError(
        `${caseBranchLabel(pf, l)} has ${what}: no DC model; merge its two buses or give it a small reactance`,
      );
    }
    colPtr[from[l]! + 1]!++;
    colPtr[to[l]! + 1]!++;
  }
  for (let j = 0; j < nb; j++) colPtr[j + 1]! += colPtr[j]! + 1;
  const rowIdx = new Int32Array(colPtr[nb]!);
  const values = new Float64Array(colPtr[nb]!);
  const next = new Int32Array(nb);
  for (let j = 0; j < nb; j++) {
    rowIdx[colPtr[j]!] = j;
    next[j] = colPtr[j]! + 1;
  }
  for (let l = 0; l < nl; l++) {
    if (!branchOn[l]) continue;
    const bl = 1 / (x[l]! * tap[l]!);
    b[l] = bl;
    const f = from[l]!;
    const t = to[l]!;
    Pfinj[l] = (-bl * shift[l]! * Math.PI) / 180;
    Pbusinj[f]! += Pfinj[l]!;
    Pbusinj[t]! -= Pfinj[l]!;
    diag[f]! += bl;
    diag[t]! += bl;
    rowIdx[next[f]!] = t;
    values[next[f]!++] = -bl;
    rowIdx[next[t]!] = f;
    values[next[t]!++] = -bl;
  }
  // Sort each (short) column by row (stably: the diagonal first among its row) and sum
  // parallel branches; a branch from a bus to itself adds b + b - b - b to the diagonal.
  let nz = 0;
  for (let j = 0; j < nb; j++) {
    const p0 = colPtr[j]!;
    const p1 = colPtr[j + 1]!;
    values[p0] = diag[j]!;
    sortColumn(rowIdx, values, p0, p1);
    colPtr[j] = nz;
    for (let p = p0; p < p1; p++) {
      const r = rowIdx[p]!;
      if (nz > colPtr[j]! && rowIdx[nz - 1] === r) {
        values[nz - 1]! += values[p]!;
      } else {
        rowIdx[nz] = r;
        values[nz++] = values[p]!;
      }
    }
  }
  colPtr[nb] = nz;
  const Bbus: CscMatrix = {
    nRows: nb,
    nCols: nb,
    colPtr,
    rowIdx: nz === rowIdx.length ? rowIdx : rowIdx.slice(0, nz),
    values: nz === values.length ? values : values.slice(0, nz),
  };
  return { Bbus, b, Pfinj, Pbusinj };
}

/** B restricted to the given rows and columns (both `keep`, in that order). */
export function principalSubmatrix(a: CscMatrix, keep: Int32Array): CscMatrix {
  const { colPtr: ap, rowIdx: ai, values: ax } = a;
  const map = new Int32Array(a.nCols).fill(-1);
  const n = keep.length;
  let bound = 0;
  let ascending = true;
  for (let k = 0; k < n; k++) {
    const j = keep[k]!;
    map[j] = k;
    bound += ap[j + 1]! - ap[j]!;
    if (k > 0 && j <= keep[k - 1]!) ascending = false;
  }
  const colPtr = new Int32Array(n + 1);
  const rowIdx = new Int32Array(bound);
  const values = new Float64Array(bound);
  let nz = 0;
  for (let k = 0; k < n; k++) {
    const j = keep[k]!;
    const q0 = nz;
    for (let p = ap[j]!, pStop = ap[j + 1]!; p < pStop; p++) {
      const r = map[ai[p]!]!;
      if (r < 0) continue;
      rowIdx[nz] = r;
      values[nz++] = ax[p]!;
    }
    // An unsorted `keep` reorders the rows: restore them ascending within the column.
    if (!ascending) sortColumn(rowIdx, values, q0, nz);
    colPtr[k + 1] = nz;
  }
  return {
    nRows: n,
    nCols: n,
    colPtr,
    rowIdx: nz === bound ? rowIdx : rowIdx.slice(0, nz),
    values: nz === bound ? values : values.slice(0, nz),
  };
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
