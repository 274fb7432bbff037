// A linear or convex quadratic program in the form HiGHS takes (HiGHS manual, "Model"):
//
//   minimise  ½ xᵀ Q x + cᵀ x + offset
//   subject to  rowLower ≤ A x ≤ rowUpper,   colLower ≤ x ≤ colUpper
//
// with A in compressed rows and Q diagonal (generator costs are separable). `LpRows` appends
// rows one at a time into growable typed arrays, so that a model can be built in one pass and
// rows can be added between solves (constraint generation) without copying JavaScript arrays.

export interface LpModel {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** A in compressed rows: row r holds indices/values[starts[r] .. starts[r+1]-1] */
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** diagonal of Q, null for an LP */
  readonly hessianDiagonal: Float64Array | null;
  readonly offset: number;
}

/** Rows in compressed form, appended with `begin` … `entry` … and read with `view`. */
export class LpRows {
  count = 0;
  private nnz = 0;
  private starts = new Int32Array(64);
  private indices: Int32Array;
  private values: Float64Array;
  private lower = new Float64Array(64);
  private upper = new Float64Array(64);

  constructor(nnzCapacity = 256) {
    this.indices = new Int32Array(nnzCapacity);
    this.values = new Float64Array(nnzCapacity);
  }

  /** starts a row with its bounds; returns its index */
  begin(lower: number, upper: number): number {
    const r = this.count++;
    if (this.count + 1 > this.starts.length) {
      this.starts = grow(this.starts, this.count + 1);
      this.lower = grow(this.lower, this.count);
      this.upper = grow(this.upper, this.count);
    }
    this.lower[r] = lower;
    this.upper[r] = upper;
    this.starts[r] = this.nnz;
    this.starts[r + 1] = this.nnz;
    return r;
  }

  /** adds A(r, col) = value to the row begun last; each column at most once per row */
  entry(col: number, value: number): void {
    if (this.nnz === this.indices.length) {
      this.indices = grow(this.indices, this.nnz + 1);
      this.values = grow(this.values, this.nnz + 1);
    }
    this.indices[this.nnz] = col;
    this.values[this.nnz++] = value;
    this.starts[this.count] = this.nnz;
  }

  /** the rows from `first` on (subarrays, valid until the next append) */
  view(first = 0): {
    starts: Int32Array;
    indices: Int32Array;
    values: Float64Array;
    lower: Float64Array;
    upper: Float64Array;
  } {
    const p0 = this.starts[first]!;
    const starts = this.starts.slice(first, this.count + 1);
    for (let r = 0; r < starts.length; r++) starts[r]! -= p0;
    const p1 = this.starts[this.count]!;
    return {
      starts,
      indices: this.indices.subarray(p0, p1),
      values: this.values.subarray(p0, p1),
      lower: this.lower.subarray(first, this.count),
      upper: this.upper.subarray(first, this.count),
    };
  }

  get nonzeros(): number {
    return this.nnz;
  }
}

function grow<T extends Int32Array | Float64Array>(a: T, need: number): T {
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** An LpModel from its columns and rows (copies of the rows' arrays). */
export function lpModel(
  columns: {
    colCost: Float64Array;
    colLower: Float64Array;
    colUpper: Float64Array;
    hessianDiagonal: Float64Array | null;
    offset: number;
  },
  rows: LpRows,
): LpModel {
  const v = rows.view();
  return {
    numCols: columns.colCost.length,
    numRows: rows.count,
    colCost: columns.colCost,
    colLower: columns.colLower,
    colUpper: columns.colUpper,
    rowLower: v.lower.slice(),
    rowUpper: v.upper.slice(),
    starts: v.starts,
    indices: v.indices.slice(),
    values: v.values.slice(),
    hessianDiagonal: columns.hessianDiagonal,
    offset: columns.offset,
  };
}
