// Compressed sparse column (CSC) matrices on typed arrays, the storage every sparse kernel here
// shares. Column j holds rows rowIdx[colPtr[j] .. colPtr[j+1]-1] with the matching values;
// row indices within a column are sorted ascending and unique unless a function says otherwise.
// Reference: T. A. Davis, Direct Methods for Sparse Linear Systems, SIAM 2006, ch. 2.

/** A real sparse matrix in CSC form. */
export interface CscMatrix {
  readonly nRows: number;
  readonly nCols: number;
  /** length nCols + 1; colPtr[nCols] is the number of stored entries */
  readonly colPtr: Int32Array;
  /** length nnz; row of each stored entry */
  readonly rowIdx: Int32Array;
  /** length nnz; value of each stored entry */
  readonly values: Float64Array;
}

/** Number of stored entries. */
export function cscNnz(a: CscMatrix): number {
  return a.colPtr[a.nCols] ?? 0;
}

/**
 * The pattern of a CSC matrix assembled from coordinates (duplicates merged, rows sorted in
 * each column) and, for each coordinate, the position of its entry in `values`. Assembling
 * several matrices on one pattern (Ybus real and imaginary parts, a Jacobian every
 * iteration) then costs one pass over the coordinates each.
 */
export function cscAssemble(
  nRows: number,
  nCols: number,
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  count: number = rows.length,
): { colPtr: Int32Array; rowIdx: Int32Array; slot: Int32Array } {
  // Two counting sorts (by row, then stable by column) give sorted rows per column in O(nnz).
  const rowCount = new Int32Array(nRows + 1);
  for (let k = 0; k < count; k++) rowCount[(rows[k] as number) + 1]!++;
  for (let i = 0; i < nRows; i++) rowCount[i + 1]! += rowCount[i]!;
  const byRow = new Int32Array(count);
  for (let k = 0; k < count; k++) byRow[rowCount[rows[k] as number]!++] = k;

  const colCount = new Int32Array(nCols + 1);
  for (let k = 0; k < count; k++) colCount[(cols[k] as number) + 1]!++;
  for (let j = 0; j < nCols; j++) colCount[j + 1]! += colCount[j]!;
  const order = new Int32Array(count);
  const next = colCount.slice(0, nCols);
  for (let t = 0; t < count; t++) {
    const k = byRow[t]!;
    order[next[cols[k] as number]!++] = k;
  }

  const colPtr = new Int32Array(nCols + 1);
  const rowIdx = new Int32Array(count);
  const slot = new Int32Array(count);
  let nz = 0;
  for (let j = 0; j < nCols; j++) {
    colPtr[j] = nz;
    let lastRow = -1;
    for (let t = colCount[j]!, tStop = colCount[j + 1]!; t < tStop; t++) {
      const k = order[t]!;
      const r = rows[k] as number;
      if (r !== lastRow) {
        rowIdx[nz++] = r;
        lastRow = r;
      }
      slot[k] = nz - 1;
    }
  }
  colPtr[nCols] = nz;
  return { colPtr, rowIdx: rowIdx.slice(0, nz), slot };
}

/** Sums `vals` into the entries of an assembled pattern (see cscAssemble). */
export function cscValuesFromSlots(
  nnz: number,
  slot: Int32Array,
  vals: ArrayLike<number>,
  count: number = slot.length,
): Float64Array {
  const values = new Float64Array(nnz);
  for (let k = 0; k < count; k++) values[slot[k]!]! += vals[k] as number;
  return values;
}

/**
 * Builds a CSC matrix from coordinate triplets, summing duplicates (as MATLAB's `sparse` does),
 * with sorted row indices in each column. Entries that sum to exactly zero are kept, so the
 * pattern depends only on the coordinates: a Jacobian keeps one pattern across iterations.
 */
export function cscFromTriplets(
  nRows: number,
  nCols: number,
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  vals: ArrayLike<number>,
  count: number = rows.length,
): CscMatrix {
  const { colPtr, rowIdx, slot } = cscAssemble(nRows, nCols, rows, cols, count);
  return {
    nRows,
    nCols,
    colPtr,
    rowIdx,
    values: cscValuesFromSlots(rowIdx.length, slot, vals, count),
  };
}

/** y = A x (y is overwritten). */
export function cscMultiply(a: CscMatrix, x: ArrayLike<number>, y: Float64Array): Float64Array {
  y.fill(0);
  for (let j = 0; j < a.nCols; j++) {
    const xj = x[j] as number;
    if (xj === 0) continue;
    for (let p = a.colPtr[j]!, pStop = a.colPtr[j + 1]!; p < pStop; p++)
      y[a.rowIdx[p]!]! += a.values[p]! * xj;
  }
  return y;
}

/** The transpose, with sorted row indices. */
export function cscTranspose(a: CscMatrix): CscMatrix {
  const nnz = cscNnz(a);
  const colPtr = new Int32Array(a.nRows + 1);
  for (let p = 0; p < nnz; p++) colPtr[a.rowIdx[p]! + 1]!++;
  for (let i = 0; i < a.nRows; i++) colPtr[i + 1]! += colPtr[i]!;
  const next = colPtr.slice(0, a.nRows);
  const rowIdx = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let j = 0; j < a.nCols; j++) {
    for (let p = a.colPtr[j]!, pStop = a.colPtr[j + 1]!; p < pStop; p++) {
      const q = next[a.rowIdx[p]!]!++;
      rowIdx[q] = j;
      values[q] = a.values[p]!;
    }
  }
  return { nRows: a.nCols, nCols: a.nRows, colPtr, rowIdx, values };
}

/** Dense row-major copy, for tests and small diagnostics only. */
export function cscToDense(a: CscMatrix): Float64Array[] {
  const out = Array.from({ length: a.nRows }, () => new Float64Array(a.nCols));
  for (let j = 0; j < a.nCols; j++) {
    for (let p = a.colPtr[j]!, pStop = a.colPtr[j + 1]!; p < pStop; p++)
      out[a.rowIdx[p]!]![j]! += a.values[p]!;
  }
  return out;
}

/**
 * Builds the pattern of a CSC matrix from unique coordinates and returns, for each coordinate,
 * its position in `values`. Callers then write values straight into place each iteration
 * (the Newton Jacobian is assembled this way without re-sorting).
 */
export function cscPatternWithSlots(
  nRows: number,
  nCols: number,
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  count: number = rows.length,
): { matrix: CscMatrix & { values: Float64Array }; slot: Int32Array } {
  const { colPtr, rowIdx, slot } = cscAssemble(nRows, nCols, rows, cols, count);
  if (rowIdx.length !== count) throw new Error('cscPatternWithSlots: coordinates are not unique');
  return { matrix: { nRows, nCols, colPtr, rowIdx, values: new Float64Array(count) }, slot };
}
