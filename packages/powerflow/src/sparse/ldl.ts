// The sparse LDLᵀ factorisation of a symmetric matrix, shared by ldl-factor.ts and ldl-solve.ts:
//
//   A(q, q) = L D Lᵀ,   q: the k-th row and column of the factored matrix are q[k] of A
//
// L is unit lower triangular (diagonal not stored), CSC with sorted rows in the permuted
// numbering; D is diagonal. With a fixed symmetric ordering and no pivoting it does half the
// work and storage of LU on the same pattern. For the DC power-flow matrix B (symmetric,
// positive definite when every island has a reference bus and reactances are positive).
// Reference: G. H. Golub, C. F. Van Loan, Matrix Computations, 4th ed., §4.1 (LDLᵀ);
// J. W. H. Liu, SIAM J. Matrix Anal. Appl. 11(1), 1990 (elimination trees).
import type { CscMatrix } from './csc.ts';

export interface LdlFactors {
  readonly n: number;
  /** strictly lower part of L, rows (permuted numbering) sorted in each column */
  readonly L: CscMatrix;
  readonly D: Float64Array;
  /** elimination tree: parent[k] > k, or -1 for a root */
  readonly parent: Int32Array;
  /** q[k] = the row and column of A factored k-th */
  readonly q: Int32Array;
  /** qinv[i] = k: row i of A is the k-th of the factored matrix */
  readonly qinv: Int32Array;
  /** dense workspace of n, zero between calls */
  readonly work: Float64Array;
  /** interleaved workspace for batches of right-hand sides, allocated on first use */
  batchWork: Float64Array | null;
}
