// The raw content of a MATPOWER case file (CASEFORMAT, MATPOWER manual appendix B): numeric
// matrices by field name, with the source line of every row so later checks can name it.

export interface MatrixField {
  rows: number[][];
  /** 1-based source line of each row (0 for a case built in code) */
  lines: number[];
  /** line of the `mpc.x = [` statement */
  line: number;
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
