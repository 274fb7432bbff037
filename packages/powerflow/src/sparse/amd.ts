// Approximate minimum degree ordering of the pattern of A + Aᵀ (diagonal ignored), after
// P. R. Amestoy, T. A. Davis, I. S. Duff, "An approximate minimum degree ordering algorithm",
// SIAM J. Matrix Anal. Appl. 17(4), 1996, written here from the paper's description:
//
//   quotient graph   each uneliminated variable i keeps a list [ E_i | A_i ]: the elements
//                    (eliminated pivots) and the variables it touches; each element e keeps
//                    L_e, the variables of its clique. Eliminating p creates the element
//                    L_p = (A_p ∪ ⋃_{e ∈ E_p} L_e) \ {p} and absorbs every e ∈ E_p.
//   approx. degree   for i ∈ L_p:  d_i = min( n_left - |i|,  d_i(old) + |L_p \ i|,
//                                            |A_i \ i| + |L_p \ i| + Σ_{e ∈ E_i \ p} |L_e \ L_p| )
//                    with |L_e \ L_p| for every element at once by one scan of the E_i.
//   also             aggressive absorption (|L_e \ L_p| = 0), mass elimination (i touches only
//                    p), supervariables (indistinguishable i, j found by hashing their lists,
//                    in A itself and after each step), weights |i| = number of merged
//                    variables, and dense rows ordered last.
//
// perm[k] = the original index placed k-th.
import type { CscMatrix } from './csc.ts';
import { PowerflowInputError } from '../errors.ts';
import { isStructurallySymmetric } from './lu-symbolic.ts';
import { pruneLowDegree } from './amd-prune.ts';

export const AMD_DEFAULTS = {
  /** a node with more than max(denseMin, denseFactor·√n) neighbours is ordered last */
  denseFactor: 10,
  denseMin: 16,
};

const VAR = 0;
const ELEMENT = 1;
const DEAD = 2;
const MARK_LIMIT = 0x3fffffff;

export interface AmdOptions {
  /** the matrix is known to be structurally symmetric (its rows need not be sorted) */
  symmetric?: boolean;
  /** initial weight of each node: the number of unknowns it stands for (default 1) */
  weights?: Int32Array;
  /**
   * order nodes of degree ≤ 2 first, outside AMD (amd-prune.ts; symmetric A only): faster on
   * network graphs, with fill within tie-breaking of AMD's (default false)
   */
  prune?: boolean;
}

export function approximateMinimumDegree(a: CscMatrix, options: AmdOptions = {}): Int32Array {
  const n = a.nCols;
  if (a.nRows !== n) {
    throw new PowerflowInputError(`sparse/amd: matrix is ${a.nRows}×${n}, not square`);
  }
  if (n <= 1) return new Int32Array(n);
  const symmetric = options.symmetric === true || isStructurallySymmetric(a);
  if (!symmetric || options.prune !== true) return amd(a, symmetric, options.weights, n);
  // Radial ends and series chains first (amd-prune.ts), then AMD on what is left; with
  // weights, only the nodes that leave no fill.
  const weights = options.weights;
  let unweighted = true;
  if (weights !== undefined) for (let i = 0; i < n; i++) if (weights[i] !== 1) unweighted = false;
  const { eliminated, rest, restNodes } = pruneLowDegree(a, unweighted);
  const restWeights =
    weights === undefined ? undefined : Int32Array.from(restNodes, (i) => weights[i]!);
  const restOrder = amd(rest, true, restWeights, n);
  const perm = new Int32Array(n);
  perm.set(eliminated);
  for (let k = 0, e = eliminated.length; k < restOrder.length; k++) {
    perm[e + k] = restNodes[restOrder[k]!]!;
  }
  return perm;
}

/** AMD proper; nDenseScale sets the dense-row threshold (the size of the original graph). */
function amd(
  a: CscMatrix,
  symmetric: boolean,
  weights: Int32Array | undefined,
  nDenseScale: number,
): Int32Array {
  const n = a.nCols;
  const perm = new Int32Array(n);
  if (n === 0) return perm;
  const { colPtr, rowIdx } = a;

  // --- Pattern of A + Aᵀ without the diagonal: each list merges column i of A with column i
  // of Aᵀ (both sorted), leaving room for the elements to come at the end of iw. A
  // structurally symmetric A (a Jacobian, the DC matrix) is its own A + Aᵀ.
  const nnz = colPtr[n]!;
  let cap = 2 * nnz + (nnz >> 1) + 2 * n;
  let iw: Int32Array = new Int32Array(cap);
  const start = new Int32Array(n);
  const len = new Int32Array(n);
  let free = 0;
  if (symmetric) {
    for (let i = 0; i < n; i++) {
      start[i] = free;
      for (let p = colPtr[i]!, pStop = colPtr[i + 1]!; p < pStop; p++) {
        const j = rowIdx[p]!;
        if (j !== i) iw[free++] = j;
      }
      len[i] = free - start[i]!;
    }
  } else {
    const tPtr = new Int32Array(n + 1);
    for (let p = 0; p < nnz; p++) tPtr[rowIdx[p]! + 1]!++;
    for (let i = 0; i < n; i++) tPtr[i + 1]! += tPtr[i]!;
    const tIdx = new Int32Array(nnz);
    const tNext = tPtr.slice(0, n);
    for (let j = 0; j < n; j++) {
      for (let p = colPtr[j]!, pStop = colPtr[j + 1]!; p < pStop; p++)
        tIdx[tNext[rowIdx[p]!]!++] = j;
    }
    for (let i = 0; i < n; i++) {
      start[i] = free;
      let p = colPtr[i]!;
      const pEnd = colPtr[i + 1]!;
      let q = tPtr[i]!;
      const qEnd = tPtr[i + 1]!;
      while (p < pEnd || q < qEnd) {
        const a1 = p < pEnd ? rowIdx[p]! : n;
        const a2 = q < qEnd ? tIdx[q]! : n;
        const j = a1 < a2 ? a1 : a2;
        if (a1 === j) p++;
        if (a2 === j) q++;
        if (j !== i) iw[free++] = j;
      }
      len[i] = free - start[i]!;
    }
  }
  const mark = new Int32Array(n);

  // --- Dense nodes leave the graph now and are ordered last.
  const kind = new Uint8Array(n);
  const denseLimit = Math.max(
    AMD_DEFAULTS.denseMin,
    AMD_DEFAULTS.denseFactor * Math.sqrt(nDenseScale),
  );
  const dense = new Int32Array(n);
  let nDense = 0;
  for (let i = 0; i < n; i++) {
    if (len[i]! > denseLimit) {
      kind[i] = DEAD;
      dense[nDense++] = i;
    }
  }
  if (nDense > 0) {
    for (let i = 0; i < n; i++) {
      if (kind[i] === DEAD) {
        len[i] = 0;
        continue;
      }
      const s = start[i]!;
      let dst = s;
      for (let t = s, tStop = s + len[i]!; t < tStop; t++) {
        const j = iw[t]!;
        if (kind[j] !== DEAD) iw[dst++] = j;
      }
      len[i] = dst - s;
    }
  }

  // --- Per-node state.
  const elen = new Int32Array(n); // leading entries of a variable's list that are elements
  const nv = new Int32Array(n); // supervariable weight; negated while the node is in L_p
  const degree = new Int32Array(n); // variable: approximate external degree; element: Σ nv(L_e)
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const w = new Int32Array(n); // w[e] - wflg = |L_e \ L_p| during a step
  const extSum = new Int32Array(n); // |A_i| + Σ |L_e \ L_p| during a step
  const hashOf = new Int32Array(n);
  const hashHead = new Int32Array(n).fill(-1);
  const hashNext = new Int32Array(n);
  const chainNext = new Int32Array(n).fill(-1); // members of a supervariable, principal first
  const chainTail = new Int32Array(n);
  let markFlag = 0;
  for (let i = 0; i < n; i++) {
    chainTail[i] = i;
    if (kind[i] !== DEAD) nv[i] = weights === undefined ? 1 : weights[i]!;
  }

  // --- Supervariables of A itself: nodes with equal closed neighbourhoods adj(i) ∪ {i} (the
  // two unknowns of a bus in a power-flow Jacobian) merge before any elimination.
  for (let i = 0; i < n; i++) {
    if (kind[i] === DEAD) continue;
    let h = i;
    for (let t = start[i]!, tStop = start[i]! + len[i]!; t < tStop; t++) h += iw[t]!;
    const hv = h % n;
    hashOf[i] = hv;
    hashNext[i] = hashHead[hv]!;
    hashHead[hv] = i;
  }
  let merged = 0;
  for (let i0 = 0; i0 < n; i0++) {
    if (kind[i0] === DEAD) continue;
    const hv = hashOf[i0]!;
    let i1 = hashHead[hv]!;
    if (i1 < 0) continue;
    hashHead[hv] = -1;
    for (; i1 >= 0; i1 = hashNext[i1]!) {
      if (kind[i1] === DEAD || hashNext[i1]! < 0) continue;
      const s1 = start[i1]!;
      const l1 = len[i1]!;
      let marked = false;
      let before = i1;
      for (let i2 = hashNext[i1]!; i2 >= 0; i2 = hashNext[i2]!) {
        let same = len[i2] === l1;
        if (same && !marked) {
          markFlag++;
          mark[i1] = markFlag;
          for (let t = s1; t < s1 + l1; t++) mark[iw[t]!] = markFlag;
          marked = true;
        }
        same = same && mark[i2] === markFlag;
        for (let t = start[i2]!; same && t < start[i2]! + l1; t++) same = mark[iw[t]!] === markFlag;
        if (same) {
          nv[i1]! += nv[i2]!;
          nv[i2] = 0;
          kind[i2] = DEAD;
          chainNext[chainTail[i1]!] = i2;
          chainTail[i1] = i2;
          hashNext[before] = hashNext[i2]!;
          merged++;
        } else {
          before = i2;
        }
      }
    }
  }
  if (merged > 0) {
    for (let i = 0; i < n; i++) {
      if (kind[i] === DEAD) {
        len[i] = 0;
        continue;
      }
      const s = start[i]!;
      let dst = s;
      for (let t = s, tStop = s + len[i]!; t < tStop; t++) {
        const j = iw[t]!;
        if (kind[j] !== DEAD) iw[dst++] = j;
      }
      len[i] = dst - s;
    }
  }

  let wflg = 1;
  let nLeft = 0;
  for (let i = 0; i < n; i++) nLeft += nv[i]!;
  // Degrees count unknowns (weights), so they run up to the total weight, not n.
  const head = new Int32Array(nLeft + 1).fill(-1); // degree buckets (doubly linked)
  let minDeg = nLeft;
  for (let i = 0; i < n; i++) {
    if (kind[i] === DEAD) continue;
    let d = 0;
    for (let t = start[i]!, tStop = start[i]! + len[i]!; t < tStop; t++) d += nv[iw[t]!]!;
    degree[i] = d;
    const h = head[d]!;
    next[i] = h;
    prev[i] = -1;
    if (h >= 0) prev[h] = i;
    head[d] = i;
    if (d < minDeg) minDeg = d;
  }
  let spare: Int32Array | null = null;
  let k = 0;

  while (nLeft > 0) {
    // --- Pivot: a variable of minimum approximate degree.
    while (head[minDeg]! < 0) minDeg++;
    const p = head[minDeg]!;
    const pn = next[p]!;
    head[minDeg] = pn;
    if (pn >= 0) prev[pn] = -1;
    const np = nv[p]!;
    for (let v = p; v >= 0; v = chainNext[v]!) perm[k++] = v;
    nLeft -= np;

    // --- Room for L_p at the end of iw (bounded by the lists it is built from).
    let bound = len[p]! - elen[p]!;
    for (let t = start[p]!, tStop = start[p]! + elen[p]!; t < tStop; t++) {
      const e = iw[t]!;
      if (kind[e] === ELEMENT) bound += len[e]!;
    }
    if (free + bound > cap) {
      let live = 0;
      for (let i = 0; i < n; i++) if (kind[i] !== DEAD) live += len[i]!;
      const newCap = Math.max(cap, 2 * (live + bound) + n);
      const dst: Int32Array =
        spare !== null && spare.length >= newCap ? spare : new Int32Array(newCap);
      free = compactLists(iw, dst, kind, start, len, n);
      spare = iw.length >= newCap ? iw : null;
      iw = dst;
      cap = iw.length;
    }

    // --- L_p = (A_p ∪ ⋃ L_e) \ p; elements of E_p are absorbed into p.
    nv[p] = -np;
    const lpStart = free;
    let lpWeight = 0;
    const ps = start[p]!;
    const pElemEnd = ps + elen[p]!;
    const pEnd = ps + len[p]!;
    for (let t = ps; t < pEnd; t++) {
      const x = iw[t]!;
      let from = t;
      let to = t + 1;
      if (t < pElemEnd) {
        if (kind[x] !== ELEMENT) continue;
        kind[x] = DEAD;
        from = start[x]!;
        to = from + len[x]!;
      }
      for (let u = from; u < to; u++) {
        const i = iw[u]!;
        const nvi = nv[i]!;
        if (kind[i] !== VAR || nvi <= 0) continue; // merged, or already in L_p (or p)
        iw[free++] = i;
        lpWeight += nvi;
        nv[i] = -nvi;
        const di = degree[i]!;
        const ni = next[i]!;
        const pi = prev[i]!;
        if (ni >= 0) prev[ni] = pi;
        if (pi >= 0) next[pi] = ni;
        else head[di] = ni;
      }
    }
    const lpEnd = free;
    kind[p] = ELEMENT;
    start[p] = lpStart;
    len[p] = lpEnd - lpStart;
    elen[p] = 0;

    // --- w[e] - wflg = |L_e \ L_p| for every element touching L_p.
    if (wflg > MARK_LIMIT - n) {
      w.fill(0);
      wflg = 1;
    }
    let wMax = wflg;
    for (let u = lpStart; u < lpEnd; u++) {
      const i = iw[u]!;
      const nvi = -nv[i]!;
      const s = start[i]!;
      for (let t = s, tStop = s + elen[i]!; t < tStop; t++) {
        const e = iw[t]!;
        if (kind[e] !== ELEMENT) continue;
        const we = w[e]!;
        const nw = we >= wflg ? we - nvi : degree[e]! + wflg - nvi;
        w[e] = nw;
        if (nw > wMax) wMax = nw;
      }
    }

    // --- Prune each list of L_p, sum its external degree, hash it; mass elimination.
    for (let u = lpStart; u < lpEnd; u++) {
      const i = iw[u]!;
      const nvi = -nv[i]!;
      const s = start[i]!;
      const elemEnd = s + elen[i]!;
      const end = s + len[i]!;
      let dst = s;
      let sum = 0;
      let h = 0;
      for (let t = s; t < elemEnd; t++) {
        const e = iw[t]!;
        if (kind[e] !== ELEMENT) continue;
        const we = w[e]! - wflg;
        if (we > 0) {
          sum += we;
          h += e;
          iw[dst++] = e;
        } else {
          kind[e] = DEAD; // aggressive absorption: L_e ⊆ L_p
        }
      }
      const newElen = dst - s;
      for (let t = elemEnd; t < end; t++) {
        const j = iw[t]!;
        const nvj = nv[j]!;
        if (kind[j] !== VAR || nvj <= 0) continue; // covered by p, merged, or eliminated
        sum += nvj;
        h += j;
        iw[dst++] = j;
      }
      const newLen = dst - s;
      if (newLen === 0) {
        // i touches only p: eliminate it with p.
        kind[i] = DEAD;
        nv[i] = 0;
        for (let v = i; v >= 0; v = chainNext[v]!) perm[k++] = v;
        nLeft -= nvi;
        lpWeight -= nvi;
        continue;
      }
      // p joins E_i in a slot freed by the pruning (p itself or an absorbed element left A_i/E_i).
      if (newLen >= len[i]!)
        throw new Error('sparse/amd: internal error, no slot for the new element');
      iw[s + newLen] = iw[s + newElen]!;
      iw[s + newElen] = p;
      elen[i] = newElen + 1;
      len[i] = newLen + 1;
      extSum[i] = sum;
      const hv = h % n;
      hashOf[i] = hv;
      hashNext[i] = hashHead[hv]!;
      hashHead[hv] = i;
    }

    // --- Supervariables: merge variables of L_p with identical lists.
    for (let u = lpStart; u < lpEnd; u++) {
      const i0 = iw[u]!;
      if (kind[i0] !== VAR) continue;
      const hv = hashOf[i0]!;
      let i1 = hashHead[hv]!;
      if (i1 < 0) continue;
      hashHead[hv] = -1;
      for (; i1 >= 0; i1 = hashNext[i1]!) {
        if (kind[i1] !== VAR) continue;
        let i2 = hashNext[i1]!;
        if (i2 < 0) break;
        if (markFlag >= MARK_LIMIT) {
          mark.fill(0);
          markFlag = 0;
        }
        markFlag++;
        const s1 = start[i1]!;
        const l1 = len[i1]!;
        for (let t = s1; t < s1 + l1; t++) mark[iw[t]!] = markFlag;
        let before = i1;
        for (; i2 >= 0; i2 = hashNext[i2]!) {
          let same = len[i2] === l1 && elen[i2] === elen[i1];
          if (same) {
            const s2 = start[i2]!;
            for (let t = s2; t < s2 + l1; t++) {
              if (mark[iw[t]!] !== markFlag) {
                same = false;
                break;
              }
            }
          }
          if (same) {
            nv[i1]! += nv[i2]!; // both negative while in L_p
            nv[i2] = 0;
            kind[i2] = DEAD;
            len[i2] = 0;
            chainNext[chainTail[i1]!] = i2;
            chainTail[i1] = chainTail[i2]!;
            hashNext[before] = hashNext[i2]!;
          } else {
            before = i2;
          }
        }
      }
    }

    // --- Final degrees, back into the buckets; L_p keeps only principal variables.
    let dst = lpStart;
    for (let u = lpStart; u < lpEnd; u++) {
      const i = iw[u]!;
      if (kind[i] !== VAR) continue;
      const nvi = -nv[i]!;
      nv[i] = nvi;
      const outside = lpWeight - nvi;
      let d = extSum[i]! + outside;
      const d2 = degree[i]! + outside;
      if (d2 < d) d = d2;
      const d3 = nLeft - nvi;
      if (d3 < d) d = d3;
      if (d < 0) d = 0;
      degree[i] = d;
      const h = head[d]!;
      next[i] = h;
      prev[i] = -1;
      if (h >= 0) prev[h] = i;
      head[d] = i;
      if (d < minDeg) minDeg = d;
      iw[dst++] = i;
    }
    len[p] = dst - lpStart;
    degree[p] = lpWeight;
    nv[p] = np;
    free = dst;
    wflg = wMax + 1;
  }

  for (let i = 0; i < nDense; i++) perm[k++] = dense[i]!;
  return perm;
}

/** Copies the lists of live nodes into dst, packed; returns the first free slot. */
function compactLists(
  src: Int32Array,
  dst: Int32Array,
  kind: Uint8Array,
  start: Int32Array,
  len: Int32Array,
  n: number,
): number {
  let free = 0;
  for (let i = 0; i < n; i++) {
    if (kind[i] === DEAD) continue;
    const s = start[i]!;
    const l = len[i]!;
    dst.set(src.subarray(s, s + l), free);
    start[i] = free;
    free += l;
  }
  return free;
}
