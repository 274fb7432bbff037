// The part of a DC OPF that does not depend on the network model: one column Pg (MW) per
// in-service unit within PMIN ≤ Pg ≤ PMAX, its polynomial cost on that column (c1 linear,
// 2·c2 on the Hessian's diagonal, c0 into the offset), and for each piecewise-linear cost an
// epigraph column y ($/h) with one row per segment (MATPOWER's makeAy, manual §6.1.2):
//
//   y ≥ y_j + m_j (Pg − x_j)   ⇔   m_j Pg − y ≤ m_j x_j − y_j,    m_j = (y_{j+1} − y_j) / (x_{j+1} − x_j)
//
// Both formulations (dc-opf-model.ts with angles, dc-opf-ptdf.ts without) put these columns
// after their own and these rows after their balance rows.
import type { LpRows } from './lp-model.ts';
import type { OpfCase } from './opf-case.ts';

export interface CostColumns {
  /** column of Pg per generator, −1 for a unit out of service */
  readonly pgCol: Int32Array;
  /** column of y per generator with a piecewise-linear cost, else −1 */
  readonly yCol: Int32Array;
  /** the first column after them */
  readonly end: number;
}

/** Numbers the cost columns from `first` on. */
export function layoutCostColumns(opf: OpfCase, first: number): CostColumns {
  const { pf, costs } = opf;
  const pgCol = new Int32Array(pf.nGen).fill(-1);
  const yCol = new Int32Array(pf.nGen).fill(-1);
  let j = first;
  for (let k = 0; k < pf.nGen; k++) if (pf.genOn[k]) pgCol[k] = j++;
  for (let k = 0; k < pf.nGen; k++)
    if (pf.genOn[k] && costs[k]!.kind === 'piecewise') yCol[k] = j++;
  return { pgCol, yCol, end: j };
}

/**
 * Writes bounds and costs of the cost columns into arrays of the whole model; returns the
 * Hessian diagonal (null when no unit has c2 > 0) and the constant cost.
 */
export function fillCostColumns(
  opf: OpfCase,
  layout: CostColumns,
  colCost: Float64Array,
  colLower: Float64Array,
  colUpper: Float64Array,
): { hessianDiagonal: Float64Array | null; offset: number } {
  const { pf, costs, Pmin, Pmax } = opf;
  let hessianDiagonal: Float64Array | null = null;
  let offset = 0;
  for (let k = 0; k < pf.nGen; k++) {
    const j = layout.pgCol[k]!;
    if (j < 0) continue;
    colLower[j] = Pmin[k]!;
    colUpper[j] = Pmax[k]!;
    const cost = costs[k]!;
    if (cost.kind === 'piecewise') {
      const y = layout.yCol[k]!;
      colCost[y] = 1;
      colLower[y] = -Infinity;
      colUpper[y] = Infinity;
      continue;
    }
    colCost[j] = cost.c1;
    offset += cost.c0;
    if (cost.c2 > 0) (hessianDiagonal ??= new Float64Array(colCost.length))[j] = 2 * cost.c2;
  }
  return { hessianDiagonal, offset };
}

/** Appends the segment rows of every piecewise-linear cost. */
export function addSegmentRows(opf: OpfCase, layout: CostColumns, rows: LpRows): void {
  const { pf, costs } = opf;
  for (let k = 0; k < pf.nGen; k++) {
    const cost = costs[k]!;
    const y = layout.yCol[k]!;
    if (y < 0 || cost.kind !== 'piecewise') continue;
    const { x, y: fx } = cost;
    for (let s = 0; s + 1 < x.length; s++) {
      const m = (fx[s + 1]! - fx[s]!) / (x[s + 1]! - x[s]!);
      rows.begin(-Infinity, m * x[s]! - fx[s]!);
      rows.entry(layout.pgCol[k]!, m);
      rows.entry(y, -1);
    }
  }
}
