// Elimination tree of a structurally symmetric matrix B = A(q, q) (J. W. H. Liu, "The role of
// elimination trees in sparse factorization", SIAM J. Matrix Anal. Appl. 11(1), 1990, §3):
//
//   parent(i) = min { k > i : L(k, i) ≠ 0 }   (-1 for a root)
//
// built in one pass over the upper triangle of B with path compression through `ancestor`.
// Each row k of L is the union of the tree paths from the i with B(i, k) ≠ 0, i < k, up to k.
import type { CscMatrix } from './csc.ts';

/** parent[k] of B = A(q, q) in the permuted numbering; qinv is the inverse of q. */
export function eliminationTree(a: CscMatrix, q: Int32Array, qinv: Int32Array): Int32Array {
  const n = a.nCols;
  const { colPtr, rowIdx } = a;
  const parent = new Int32Array(n);
  const ancestor = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    parent[k] = -1;
    ancestor[k] = -1;
    const j = q[k]!;
    for (let p = colPtr[j]!, pStop = colPtr[j + 1]!; p < pStop; p++) {
      let i = qinv[rowIdx[p]!]!;
      while (i >= 0 && i < k) {
        const up = ancestor[i]!;
        ancestor[i] = k;
        if (up < 0) {
          parent[i] = k;
          break;
        }
        i = up;
      }
    }
  }
  return parent;
}
