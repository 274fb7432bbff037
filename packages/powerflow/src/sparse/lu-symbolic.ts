// Symbolic LU of a structurally symmetric matrix pivoted on its diagonal: the patterns of L
// and U of B = A(q, q) are those of the Cholesky factor of B and its transpose, found from the
// elimination tree without any numeric work:
//
//   parent(i) = min { k > i : L(k, i) ≠ 0 }        (J. W. H. Liu, "The role of elimination
//   row k of L = ⋃ over B(i, k) ≠ 0, i < k, of the    trees in sparse factorization", SIAM J.
//                tree path from i up to k            Matrix Anal. Appl. 11(1), 1990, §3–4)
//
// The tree comes from etree.ts; each row subtree is walked twice, once to count and once to
// fill, so L comes out with sorted columns. U = Lᵀ plus the diagonal, stored last in each
// column. Cost O(nnz(L)), far below the numeric factorisation.
import type { CscMatrix } from './csc.ts';
import { eliminationTree } from './etree.ts';
import { findSupernodes } from './lu-supernodes.ts';
import type { Supervariables } from './supervariables.ts';

export interface LuPattern {
  lp: Int32Array;
  li: Int32Array;
  up: Int32Array;
  ui: Int32Array;
  /** the supernodes and pairs of lu-supernodes.ts, when the symbolic step knows them */
  superEnd?: Int32Array;
  pairedWithNext?: Uint8Array;
}

/** Is the pattern of the square matrix a equal to that of its transpose? */
export function isStructurallySymmetric(a: CscMatrix): boolean {
  const n = a.nCols;
  if (a.nRows !== n) return false;
  const { colPtr, rowIdx } = a;
  // Walk the columns of Aᵀ in step with those of A: next[i] is the next expected entry of
  // column i, which must be row j when (j, i) is reached in column j.
  const next = colPtr.slice(0, n);
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]!, pStop = colPtr[j + 1]!; p < pStop; p++) {
      const i = rowIdx[p]!;
      const q = next[i]!;
      if (q >= colPtr[i + 1]! || rowIdx[q] !== j) return false;
      next[i] = q + 1;
    }
  }
  return true;
}

/**
 * Patterns of L (strictly lower, sorted) and U (sorted, diagonal last) of A(q, q) with
 * diagonal pivots; qinv is the inverse of q. A must be structurally symmetric.
 */
export function symbolicSymmetricLu(a: CscMatrix, q: Int32Array, qinv: Int32Array): LuPattern {
  const n = a.nCols;
  const { colPtr, rowIdx } = a;
  const parent = eliminationTree(a, q, qinv);

  // Pass 1: column counts of L. mark[c] === k: c already in row k's subtree.
  const mark = new Int32Array(n).fill(-1);
  const lCount = new Int32Array(n);
  const rowCount = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    mark[k] = k;
    const j = q[k]!;
    for (let p = colPtr[j]!, pStop = colPtr[j + 1]!; p < pStop; p++) {
      for (let i = qinv[rowIdx[p]!]!; i < k && mark[i] !== k; i = parent[i]!) {
        mark[i] = k;
        lCount[i]!++;
        rowCount[k]!++;
      }
    }
  }
  const lp = new Int32Array(n + 1);
  const up = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) {
    lp[c + 1] = lp[c]! + lCount[c]!;
    up[c + 1] = up[c]! + rowCount[c]! + 1;
  }
  // Pass 2: rows of L in ascending order (k ascending).
  const li = new Int32Array(lp[n]!);
  const next = lp.slice(0, n);
  mark.fill(-1);
  for (let k = 0; k < n; k++) {
    mark[k] = k;
    const j = q[k]!;
    for (let p = colPtr[j]!, pStop = colPtr[j + 1]!; p < pStop; p++) {
      for (let i = qinv[rowIdx[p]!]!; i < k && mark[i] !== k; i = parent[i]!) {
        mark[i] = k;
        li[next[i]!++] = k;
      }
    }
  }
  // U = Lᵀ: scanning the columns of L in order fills each column of U in ascending order.
  const ui = new Int32Array(up[n]!);
  const uNext = up.slice(0, n);
  for (let c = 0; c < n; c++) {
    for (let t = lp[c]!, tStop = lp[c + 1]!; t < tStop; t++) ui[uNext[li[t]!]!++] = c;
  }
  for (let k = 0; k < n; k++) ui[uNext[k]!] = k;
  return { lp, li, up, ui };
}

/**
 * The same patterns from the compressed graph of indistinguishable unknowns (supervariables.ts):
 * g is its pattern, groupOrder an ordering of its groups, and the unknowns are ordered group by
 * group (expandOrdering). The symbolic work is done once per group, then each group's columns
 * are written out: column o of a group of width w has the group's later members and every
 * unknown of the groups below it in L; U(:, k) the unknowns of the groups in row K of L, the
 * group's earlier members and k last.
 */
export function symbolicGroupedLu(
  g: CscMatrix,
  groupOrder: Int32Array,
  sv: Supervariables,
): LuPattern {
  const ng = g.nCols;
  const ginv = new Int32Array(ng);
  for (let k = 0; k < ng; k++) ginv[groupOrder[k]!] = k;
  // Group-level L by columns, rows ascending (the scalar-free part of symbolicSymmetricLu).
  const pattern = symbolicSymmetricLu(g, groupOrder, ginv);
  const glp = pattern.lp;
  const gli = pattern.li;
  const gup = pattern.up;
  const gui = pattern.ui;
  const width = new Int32Array(ng);
  const first = new Int32Array(ng + 1);
  for (let k = 0; k < ng; k++) {
    const grp = groupOrder[k]!;
    width[k] = sv.start[grp + 1]! - sv.start[grp]!;
    first[k + 1] = first[k]! + width[k]!;
  }
  const n = first[ng]!;
  const lp = new Int32Array(n + 1);
  const up = new Int32Array(n + 1);
  for (let k = 0; k < ng; k++) {
    let below = 0;
    for (let t = glp[k]!, tStop = glp[k + 1]!; t < tStop; t++) below += width[gli[t]!]!;
    let above = 0;
    for (let t = gup[k]!, tStop = gup[k + 1]! - 1; t < tStop; t++) above += width[gui[t]!]!;
    const w = width[k]!;
    for (let o = 0; o < w; o++) {
      const c = first[k]! + o;
      lp[c + 1] = lp[c]! + w - o - 1 + below;
      up[c + 1] = up[c]! + above + o + 1;
    }
  }
  const li = new Int32Array(lp[n]!);
  const ui = new Int32Array(up[n]!);
  // The unknowns of the groups below (above) group k, written once per group and copied into
  // each of its columns.
  const rows = new Int32Array(n);
  for (let k = 0; k < ng; k++) {
    const w = width[k]!;
    const c0 = first[k]!;
    let len = 0;
    for (let t = glp[k]!, tStop = glp[k + 1]!; t < tStop; t++) {
      const gr = gli[t]!;
      rows[len++] = first[gr]!;
      if (width[gr] !== 1) for (let r = first[gr]! + 1; r < first[gr + 1]!; r++) rows[len++] = r;
    }
    for (let o = 0; o < w; o++) {
      const c = c0 + o;
      let q = lp[c]!;
      for (let r = c + 1; r < c0 + w; r++) li[q++] = r;
      for (let t = 0; t < len; t++) li[q++] = rows[t]!;
    }
    len = 0;
    for (let t = gup[k]!, tStop = gup[k + 1]! - 1; t < tStop; t++) {
      const gr = gui[t]!;
      rows[len++] = first[gr]!;
      if (width[gr] !== 1) for (let r = first[gr]! + 1; r < first[gr + 1]!; r++) rows[len++] = r;
    }
    for (let o = 0; o < w; o++) {
      const c = c0 + o;
      let q = up[c]!;
      for (let t = 0; t < len; t++) ui[q++] = rows[t]!;
      for (let r = c0; r <= c; r++) ui[q++] = r;
    }
  }
  // Supernodes: the group-level ones (a group's columns always share one), expanded; pairs:
  // the first two columns of every group of two or more (U(:, c+1) = U(:, c) ∪ {c}).
  const groupEnd = findSupernodes(ng, glp, gli);
  const superEnd = new Int32Array(n);
  const pairedWithNext = new Uint8Array(n);
  for (let k = 0; k < ng; k++) {
    const end = first[groupEnd[k]!]!;
    for (let c = first[k]!; c < first[k + 1]!; c++) superEnd[c] = end;
    for (let c = first[k]!; c + 1 < first[k + 1]!; c += 2) pairedWithNext[c] = 1;
  }
  return { lp, li, up, ui, superEnd, pairedWithNext };
}
