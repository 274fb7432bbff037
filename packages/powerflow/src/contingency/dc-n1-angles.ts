// Angle responses to branch transfers for DC N-1, four outages at a time:
//
//   θ_k = B⁻¹ (e_f(k) - e_t(k))      (B = B(pvpq, pvpq), reference angles fixed at 0)
//
// With the L D Lᵀ factors of B the right-hand side has two nonzeros, so the forward solve
// L y = e_f - e_t only touches the elimination-tree paths from f and t to the root (Gilbert
// & Peierls' reach, which for a symmetric factor is a tree path); the eight paths of a block
// are walked together in ascending order, four lanes per column of L. Only the backward solve
// Lᵀ θ = D⁻¹ y is dense. The four solutions are interleaved, w[4·s + c] for slot s and lane
// c, in the factor's own ordering, so no permutation is applied and the N-1 loop reads the
// angles of a branch's two ends from one place. Reference and isolated buses read slot n,
// which stays 0. Without LDLᵀ factors (B factored by LU), the system's batched solve is used.
import type { DcSystem } from '../dc/run-dc.ts';

export const LANES = 4;

export interface AngleBlockSolver {
  /** w[4·slot + c]: angle response (rad per pu transfer) of lane c; length 4·(n + 1) */
  readonly w: Float64Array;
  /** per bus: its slot in w, n for reference (and other non-solved) buses */
  readonly busSlot: Int32Array;
  /** solves lanes 0..count-1 for transfers from slot fromSlot[c] to toSlot[c] */
  solve(fromSlot: Int32Array, toSlot: Int32Array, count: number): void;
}

export function createAngleBlockSolver(system: DcSystem): AngleBlockSolver {
  const { pf, pvpq } = system;
  const n = pvpq.length;
  const w = new Float64Array(LANES * (n + 1));
  const busSlot = new Int32Array(pf.nBus).fill(n);
  const ldl = system.ldl;
  if (ldl === null) {
    for (let k = 0; k < n; k++) busSlot[pvpq[k]!] = k;
    const rhs = new Float64Array(LANES * n);
    return {
      w,
      busSlot,
      solve(fromSlot, toSlot, count) {
        rhs.fill(0);
        for (let c = 0; c < count; c++) {
          if (fromSlot[c]! < n) rhs[c * n + fromSlot[c]!]! += 1;
          if (toSlot[c]! < n) rhs[c * n + toSlot[c]!]! -= 1;
        }
        system.solveMany(rhs, LANES, rhs);
        for (let k = 0; k < n; k++) {
          for (let c = 0; c < LANES; c++) w[LANES * k + c] = rhs[c * n + k]!;
        }
      },
    };
  }

  for (let k = 0; k < n; k++) busSlot[pvpq[k]!] = ldl.qinv[k]!;
  const { parent, D } = ldl;
  const lp = ldl.L.colPtr;
  const li = ldl.L.rowIdx;
  const lx = ldl.L.values;
  const heads = new Int32Array(2 * LANES);
  return {
    w,
    busSlot,
    solve(fromSlot, toSlot, count) {
      w.fill(0, 0, LANES * n);
      // L y = e_f - e_t for the four lanes together, over the union of the tree paths from
      // every nonzero, merged in ascending order (children first): heads[e] walks one path.
      let nHeads = 0;
      for (let c = 0; c < count; c++) {
        const f = fromSlot[c]!;
        const t = toSlot[c]!;
        if (f < n) {
          w[LANES * f + c] = 1;
          heads[nHeads++] = f;
        }
        if (t < n) {
          w[LANES * t + c] = -1;
          heads[nHeads++] = t;
        }
      }
      for (;;) {
        let v = n;
        for (let e = 0; e < nHeads; e++) if (heads[e]! >= 0 && heads[e]! < v) v = heads[e]!;
        if (v === n) break;
        const up = parent[v]!;
        for (let e = 0; e < nHeads; e++) if (heads[e] === v) heads[e] = up;
        const v4 = v << 2;
        const y0 = w[v4]!;
        const y1 = w[v4 + 1]!;
        const y2 = w[v4 + 2]!;
        const y3 = w[v4 + 3]!;
        for (let p = lp[v]!, pStop = lp[v + 1]!; p < pStop; p++) {
          const r = li[p]! << 2;
          const l = lx[p]!;
          w[r]! -= l * y0;
          w[r + 1]! -= l * y1;
          w[r + 2]! -= l * y2;
          w[r + 3]! -= l * y3;
        }
      }
      for (let j = n - 1; j >= 0; j--) {
        const j4 = j << 2;
        const d = D[j]!;
        let s0 = w[j4]! / d;
        let s1 = w[j4 + 1]! / d;
        let s2 = w[j4 + 2]! / d;
        let s3 = w[j4 + 3]! / d;
        for (let p = lp[j]!, pStop = lp[j + 1]!; p < pStop; p++) {
          const r = li[p]! << 2;
          const l = lx[p]!;
          s0 -= l * w[r]!;
          s1 -= l * w[r + 1]!;
          s2 -= l * w[r + 2]!;
          s3 -= l * w[r + 3]!;
        }
        w[j4] = s0;
        w[j4 + 1] = s1;
        w[j4 + 2] = s2;
        w[j4 + 3] = s3;
      }
    },
  };
}
