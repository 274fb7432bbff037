// The raw content of a MATPOWER case file (CASEFORMAT, MATPOWER manual appendix B): numeric
// matrices by field name, with the source line of every row so later checks can name it.

export interface MatrixField {
  rows: number[][];
  /** 1-based source line of each row */
  lines: number[];
  /** line of the `mpc.x = [` statement */
  line: number;
}

export interface MatpowerCase {
  /** the function name, e.g. "case9" */
  name: string;
  fileName: string;
  version: string;
  baseMVA: number;
  bus: MatrixField;
  gen: MatrixField;
  branch: MatrixField;
  gencost?: MatrixField;
  dcline?: MatrixField;
  areas?: MatrixField;
  busName?: string[];
  genFuel?: string[];
  genType?: string[];
  /** fields read but not used, and other notes */
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
