// The sparse LU factorisation shared by lu-factor.ts, lu-refactor.ts and lu-solve.ts:
//
//   P A Q = L U,   P: row i of A is pivot row pinv[i];   Q: column k of A Q is A(:, colPerm[k])
//
// L is unit lower triangular, U upper triangular, both CSC with row indices in pivot order,
// sorted, and the supernodes of L (lu-supernodes.ts); ascending row order is a topological
// order of the updates, so a numeric refactorisation of a matrix with the same pattern does no
// symbolic work. Reference: J. R. Gilbert, T. Peierls, "Sparse partial pivoting in time proportional to
// arithmetic operations", SIAM J. Sci. Stat. Comput. 9(5), 1988.
import type { CscMatrix } from './csc.ts';
import type { LuPattern } from './lu-symbolic.ts';
import { PowerflowError } from '../errors.ts';

export const LU_DEFAULTS = {
  /**
   * threshold partial pivoting: the diagonal is kept as pivot while |diag| ≥ tol · max |column|;
   * refactorisation gives up when a reused pivot falls below the same fraction
   */
  pivotTolerance: 0.001,
};

export interface LuOptions {
  pivotTolerance?: number;
  /**
   * when A is structurally symmetric, first try the diagonal pivots with a symbolic
   * factorisation (lu-symbolic.ts), which gives the same factors as the pivot search whenever
   * every diagonal passes the threshold, and search only if one does not (default true)
   */
  symmetricFastPath?: boolean;
  /**
   * the symbolic factorisation of A(colPerm, colPerm) with diagonal pivots, when the caller
   * has it (A is then taken as structurally symmetric): the fast path skips its own
   */
  pattern?: LuPattern;
}

export interface LuFactors {
  readonly n: number;
  /** strictly lower part of L (its unit diagonal is not stored); rows in pivot order, sorted */
  readonly L: CscMatrix;
  /** U, rows in pivot order, sorted, so the diagonal is the last entry of each column */
  readonly U: CscMatrix;
  /** superEnd[c]: one past the last column of the supernode of L holding column c */
  readonly superEnd: Int32Array;
  /** 1 where columns k and k+1 are computed together by the numeric kernel */
  readonly pairedWithNext: Uint8Array;
  /** pinv[i] = k: row i of A is the k-th pivot row */
  readonly pinv: Int32Array;
  /** colPerm[k] = the column of A factored k-th */
  readonly colPerm: Int32Array;
  readonly pivotTolerance: number;
  /**
   * the refactor's scatter map, by step: entries aPtr[k] .. aPtr[k+1]-1 are those of column
   * colPerm[k] of A, at A.values[aSrc[s]], going to pivot row aRow[s]
   */
  readonly aPtr: Int32Array;
  readonly aSrc: Int32Array;
  readonly aRow: Int32Array;
  /** nnz of the factored A's pattern, to reject a refactor of a different pattern */
  readonly aNnz: number;
  /** dense workspace of 2n, zero between calls (used by refactor and the solves) */
  readonly work: Float64Array;
  /** interleaved workspace for batches of right-hand sides, allocated on first use */
  batchWork: Float64Array | null;
}

/** A column of the matrix has no usable pivot: structurally or numerically singular. */
export class SingularMatrixError extends PowerflowError {
  /** the column of A (original numbering) that has no pivot */
  readonly column: number;
  /** the elimination step at which it was found */
  readonly step: number;
  constructor(column: number, step: number, detail: string) {
    super(
      'FINEST_SINGULAR_MATRIX',
      `sparse/lu: matrix is singular, column ${column} (step ${step}) has ${detail}`,
    );
    this.column = column;
    this.step = step;
  }
}
