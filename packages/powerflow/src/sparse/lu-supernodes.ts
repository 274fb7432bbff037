// Column layout of the LU factors used by the numeric kernel: columns sorted by row, and the
// fundamental supernodes of L (consecutive columns c, c+1 with L(:, c) = {c+1} ∪ L(:, c+1),
// structurally). Within a supernode s..e-1, column c lists rows c+1..e-1 first and then the
// rows S shared by all its columns, in the same order, so several columns can update x
// together (one pass over S per four columns). Reference: J. W. H. Liu, E. G. Ng, B. W. Peyton,
// "On finding supernodes for sparse matrix computations", SIAM J. Matrix Anal. Appl. 14(1), 1993.
import { cscTranspose, type CscMatrix } from './csc.ts';

/** superEnd[c] = one past the last column of the supernode holding column c. */
export function findSupernodes(n: number, lp: Int32Array, li: Int32Array): Int32Array {
  const superEnd = new Int32Array(n);
  if (n === 0) return superEnd;
  superEnd[n - 1] = n;
  for (let c = n - 2; c >= 0; c--) {
    const p0 = lp[c]!;
    const p1 = lp[c + 1]!;
    let joins = p1 - p0 === lp[c + 2]! - p1 + 1 && p1 > p0 && li[p0] === c + 1;
    for (let t = 1; joins && t < p1 - p0; t++) joins = li[p0 + t] === li[p1 + t - 1];
    superEnd[c] = joins ? superEnd[c + 1]! : c + 1;
  }
  return superEnd;
}

/**
 * Marks the columns k whose successor k+1 can be computed with them: same supernode, and
 * U(:, k+1) = U(:, k) ∪ {k} (so both take their updates from the same columns). Greedy, left
 * to right.
 */
export function findPairs(
  n: number,
  superEnd: Int32Array,
  up: Int32Array,
  ui: Int32Array,
): Uint8Array {
  const paired = new Uint8Array(n);
  for (let k = 0; k + 1 < n; k++) {
    if (superEnd[k]! < k + 2) continue;
    const u0 = up[k]!;
    const u1 = up[k + 1]!;
    const u2 = up[k + 2]!;
    if (u2 - u1 !== u1 - u0 + 1 || ui[u2 - 2] !== k) continue;
    let same = true;
    for (let t = 0; same && t < u1 - u0 - 1; t++) same = ui[u0 + t] === ui[u1 + t];
    if (!same) continue;
    paired[k] = 1;
    k++;
  }
  return paired;
}

/** A copy of the square matrix with the rows of every column in ascending order. */
export function sortColumns(m: CscMatrix): CscMatrix {
  return cscTranspose(cscTranspose(m));
}
