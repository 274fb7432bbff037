// The raw content of a MATPOWER case file (CASEFORMAT, MATPOWER manual appendix B): numeric
// matrices by field name, with the source line of every row so later checks can name it.
// A matrix is one Float64Array, row after row: a 10,000-bus case is then four arrays instead of
// 28,000 small ones, which the garbage collector would copy while the parse is still running.

export interface MatrixField {
  /** columns of every row (0 for a matrix with no rows) */
  width: number;
  /** the entries row by row: row k is values[k·width … (k+1)·width - 1] */
  values: Float64Array;
  /** 1-based source line of each row (0 for a case built in code); its length is the rows */
  lines: number[];
  /** line of the `mpc.x = [` statement */
  line: number;
}

/** Rows of a matrix. */
export const rowCount = (m: MatrixField): number => m.lines.length;

/** Row k as a plain array (a copy). */
export const matrixRow = (m: MatrixField, k: number): number[] =>
  Array.from(m.values.subarray(k * m.width, (k + 1) * m.width));

/** Every row as plain arrays (copies), e.g. for a test or a writer. */
export const matrixRows = (m: MatrixField): number[][] =>
  Array.from({ length: rowCount(m) }, (_, k) => matrixRow(m, k));

/**
 * A matrix from rows (a case built in code; lines 0 unless given). Rows shorter than the
 * longest are padded with zeros, as MATLAB would refuse them and MATPOWER ignores trailing
 * zero columns of gencost, the one matrix whose rows may differ in use.
 */
export function matrixFromRows(
  rows: readonly (readonly number[])[],
  lines?: number[],
  line = 0,
): MatrixField {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const values = new Float64Array(rows.length * width);
  rows.forEach((r, k) => values.set(r, k * width));
  return { width, values, lines: lines ?? rows.map(() => 0), line };
}

/**
 * The matrix with `width` columns: the first `keep` of each row, then `fill(c)` for column c
 * (MATPOWER's version 1 → 2 conversion and the padding of short gen rows).
 */
export function reshapeColumns(
  m: MatrixField,
  width: number,
  keep: number,
  fill: (column: number) => number,
): MatrixField {
  const n = rowCount(m);
  const kept = Math.min(keep, m.width, width);
  const values = new Float64Array(n * width);
  for (let k = 0; k < n; k++) {
    values.set(m.values.subarray(k * m.width, k * m.width + kept), k * width);
    for (let c = kept; c < width; c++) values[k * width + c] = fill(c);
  }
  return { ...m, width, values };
}

/** The cell arrays of strings a case may carry, one entry per bus or generator row. */
export type StringCellField = 'busName' | 'genFuel' | 'genType';

export interface MatpowerCase {
  /** the function name, e.g. "case9" */
  name: string;
  fileName: string;
  /** always "2" after parsing (a version 1 file is converted, see parseMatpower) */
  version: string;
  baseMVA: number;
  bus: MatrixField;
  gen: MatrixField;
  branch: MatrixField;
  gencost?: MatrixField;
  dcline?: MatrixField;
  areas?: MatrixField;
  /** mpc.bus_name */
  busName?: string[];
  /** mpc.genfuel */
  genFuel?: string[];
  /** mpc.gentype */
  genType?: string[];
  /** line of each cell array's `mpc.x = {` statement */
  cellLines?: Partial<Record<StringCellField, number>>;
  /** other numeric fields (matrices and scalars), kept raw and not used, e.g. mpc.reserves */
  other?: Record<string, MatrixField>;
  /** fields read but not used, conversions made, and other notes */
  warnings: string[];
}

/** Minimum columns per matrix (MATPOWER v2). */
export const MIN_COLUMNS = {
  bus: 13,
  gen: 10,
  branch: 11,
  gencost: 4,
  dcline: 17,
  areas: 2,
} as const;

/** Columns of a complete MATPOWER v2 gen row (PC1 … APF are columns 11–21). */
export const GEN_COLUMNS = 21;
