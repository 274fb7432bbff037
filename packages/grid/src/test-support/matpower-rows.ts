// Tests read a parsed matrix as rows of plain numbers, and an absent one as undefined.
import { matrixRows, type MatrixField } from '../matpower/case.ts';

export function rowsOf(m: MatrixField): number[][];
export function rowsOf(m: MatrixField | undefined): number[][] | undefined;
export function rowsOf(m: MatrixField | undefined): number[][] | undefined {
  return m === undefined ? undefined : matrixRows(m);
}
