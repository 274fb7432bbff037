// Indistinguishable unknowns of a structurally symmetric matrix: i and j with the same closed
// neighbourhood, adj(i) ∪ {i} = adj(j) ∪ {j} (the angle and magnitude of a PQ bus in a
// Newton Jacobian). They stay together in a minimum-degree ordering and their columns of L
// share one row pattern, so the ordering and the symbolic factorisation can work on the
// compressed graph, one node per group, and expand at the end.
// Reference: A. George, J. W. H. Liu, "The evolution of the minimum degree ordering algorithm",
// SIAM Review 31(1), 1989, §5 (indistinguishable nodes); found here by hashing each closed
// neighbourhood (sum and count of its indices) and comparing only equal hashes.
import type { CscMatrix } from './csc.ts';

export interface Supervariables {
  readonly count: number;
  /** group g holds members[start[g] .. start[g+1]-1], ascending; groups by first member */
  readonly start: Int32Array;
  readonly members: Int32Array;
  /** the group of each index */
  readonly groupOf: Int32Array;
}

/** Groups of a structurally symmetric matrix (rows sorted in each column). */
export function findSupervariables(a: CscMatrix): Supervariables {
  const n = a.nCols;
  const { colPtr, rowIdx } = a;
  // Closed neighbourhood: the column with i itself (the diagonal may not be stored).
  const hash = new Int32Array(n); // wraps around: equal neighbourhoods still hash alike
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0;
    let hasDiagonal = false;
    for (let p = colPtr[i]!, pStop = colPtr[i + 1]!; p < pStop; p++) {
      const r = rowIdx[p]!;
      h = (h + r) | 0;
      if (r === i) hasDiagonal = true;
    }
    size[i] = colPtr[i + 1]! - colPtr[i]! + (hasDiagonal ? 0 : 1);
    hash[i] = hasDiagonal ? h : (h + i) | 0;
  }
  // Buckets by hash modulo n; equal closed neighbourhoods have equal hash and size.
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const b = (hash[i]! >>> 0) % n;
    next[i] = head[b]!;
    head[b] = i;
  }
  const leader = new Int32Array(n).fill(-1);
  const mark = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (leader[i] !== -1) continue;
    leader[i] = i;
    let marked = false;
    for (let j = next[i]!; j >= 0; j = next[j]!) {
      if (leader[j] !== -1 || hash[j] !== hash[i] || size[j] !== size[i]) continue;
      if (!marked) {
        mark[i] = i;
        for (let p = colPtr[i]!, pStop = colPtr[i + 1]!; p < pStop; p++) mark[rowIdx[p]!] = i;
        marked = true;
      }
      let same = mark[j] === i;
      for (let p = colPtr[j]!, pStop = colPtr[j + 1]!; same && p < pStop; p++) {
        same = mark[rowIdx[p]!] === i;
      }
      if (same) leader[j] = i;
    }
  }
  // Number the groups by their first member; list members ascending.
  const groupOf = new Int32Array(n);
  const count0 = new Int32Array(n + 1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const l = leader[i]!;
    const g = l === i ? count++ : groupOf[l]!;
    groupOf[i] = g;
    count0[g + 1]!++;
  }
  const start = new Int32Array(count + 1);
  for (let g = 0; g < count; g++) start[g + 1] = start[g]! + count0[g + 1]!;
  const fill = start.slice(0, count);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[fill[groupOf[i]!]!++] = i;
  return { count, start, members, groupOf };
}

/**
 * The pattern of the compressed graph: column g lists the groups adjacent to group g and g
 * itself (rows not sorted). Values are empty: only the pattern is used.
 */
export function compressPattern(a: CscMatrix, sv: Supervariables): CscMatrix {
  const { count, start, members, groupOf } = sv;
  const { colPtr, rowIdx } = a;
  const mark = new Int32Array(count).fill(-1);
  const cp = new Int32Array(count + 1);
  // Column g from its first member's column: the others are indistinguishable from it.
  let bound = 0;
  for (let g = 0; g < count; g++) {
    const i = members[start[g]!]!;
    bound += colPtr[i + 1]! - colPtr[i]! + 1;
  }
  const ci = new Int32Array(bound);
  let nz = 0;
  for (let g = 0; g < count; g++) {
    const i = members[start[g]!]!;
    mark[g] = g;
    ci[nz++] = g;
    for (let p = colPtr[i]!, pStop = colPtr[i + 1]!; p < pStop; p++) {
      const h = groupOf[rowIdx[p]!]!;
      if (mark[h] === g) continue;
      mark[h] = g;
      ci[nz++] = h;
    }
    cp[g + 1] = nz;
  }
  return {
    nRows: count,
    nCols: count,
    colPtr: cp,
    rowIdx: ci.subarray(0, nz),
    values: new Float64Array(0),
  };
}

/** The ordering of the unknowns from an ordering of the groups (members ascending). */
export function expandOrdering(groupOrder: Int32Array, sv: Supervariables): Int32Array {
  const perm = new Int32Array(sv.members.length);
  let k = 0;
  for (let t = 0; t < groupOrder.length; t++) {
    const g = groupOrder[t]!;
    for (let p = sv.start[g]!, pStop = sv.start[g + 1]!; p < pStop; p++) perm[k++] = sv.members[p]!;
  }
  return perm;
}
