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
  // Bucket the coordinates by column (counting sort), then sort each short column by row in
  // place (insertion sort) and merge duplicates: O(count) for the few entries per column of
  // a network matrix.
  const colPtr = new Int32Array(nCols + 1);
  for (let k = 0; k < count; k++) colPtr[(cols[k] as number) + 1]!++;
  for (let j = 0; j < nCols; j++) colPtr[j + 1]! += colPtr[j]!;
  const next = colPtr.slice(0, nCols);
  const bucketRow = new Int32Array(count);
  const bucketK = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const p = next[cols[k] as number]!++;
    bucketRow[p] = rows[k] as number;
    bucketK[p] = k;
  }
  const rowIdx = new Int32Array(count);
  const slot = new Int32Array(count);
  let nz = 0;
  for (let j = 0; j < nCols; j++) {
    const p0 = colPtr[j]!;
    const p1 = colPtr[j + 1]!;
    if (p1 - p0 > LONG_COLUMN) sortLongColumn(bucketRow, bucketK, p0, p1, count);
    else sortShortColumn(bucketRow, bucketK, p0, p1);
    colPtr[j] = nz;
    let lastRow = -1;
    for (let p = p0; p < p1; p++) {
      const r = bucketRow[p]!;
      if (r !== lastRow) {
        rowIdx[nz++] = r;
        lastRow = r;
      }
      slot[bucketK[p]!] = nz - 1;
    }
  }
  colPtr[nCols] = nz;
  return { colPtr, rowIdx: nz === count ? rowIdx : rowIdx.slice(0, nz), slot };
}

/** columns longer than this are sorted by key, not by insertion */
const LONG_COLUMN = 48;

/** Sorts entries p0..p1-1 by row, stably (insertion sort). */
function sortShortColumn(row: Int32Array, k: Int32Array, p0: number, p1: number): void {
  for (let p = p0 + 1; p < p1; p++) {
    const r = row[p]!;
    const kp = k[p]!;
    let q = p - 1;
    while (q >= p0 && row[q]! > r) {
      row[q + 1] = row[q]!;
      k[q + 1] = k[q]!;
      q--;
    }
    row[q + 1] = r;
    k[q + 1] = kp;
  }
}

/** Sorts entries p0..p1-1 by row, then coordinate index (what insertion sort gives). */
function sortLongColumn(
  row: Int32Array,
  k: Int32Array,
  p0: number,
  p1: number,
  count: number,
): void {
  const keys = new Float64Array(p1 - p0);
  for (let p = p0; p < p1; p++) keys[p - p0] = row[p]! * count + k[p]!;
  keys.sort();
  for (let p = p0; p < p1; p++) {
    const key = keys[p - p0]!;
    const r = Math.floor(key / count);
    row[p] = r;
    k[p] = key - r * count;
  }
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
