// The Newton power-flow Jacobian in polar coordinates (MATPOWER's dSbus_dV.m and newtonpf.m):
//
//   J = | ∂P/∂θ (pvpq × pvpq)   ∂P/∂|V| (pvpq × pq) |
//       | ∂Q/∂θ (pq × pvpq)     ∂Q/∂|V| (pq × pq)   |
//
// For each Ybus entry Y_ik, with c_ik = V_i · conj(Y_ik V_k) and S_i = V_i · conj(I_i):
//   ∂S_i/∂θ_k  = -j c_ik        (+ j S_i       when i = k)
//   ∂S_i/∂|V_k| = c_ik / |V_k|  (+ S_i / |V_i| when i = k)
// The pattern is built once per set of bus types; each iteration writes values into slots.
import type { BusTypes } from '../model/bus-types.ts';
import { cscPatternWithSlots, type CscMatrix } from '../sparse/csc.ts';
import type { Ybus } from '../ybus/make-ybus.ts';

export interface JacobianPattern {
  readonly J: CscMatrix & { values: Float64Array };
  /** per Ybus entry: position in J.values of each block's entry, or -1 */
  readonly slotPA: Int32Array;
  readonly slotPM: Int32Array;
  readonly slotQA: Int32Array;
  readonly slotQM: Int32Array;
  /** per bus: row/column of its angle (-1 for the reference) and magnitude (-1 unless PQ) */
  readonly angleIndex: Int32Array;
  readonly magnitudeIndex: Int32Array;
  readonly size: number;
}

export function buildJacobianPattern(ybus: Ybus, types: BusTypes): JacobianPattern {
  const nBus = ybus.G.nCols;
  const angleIndex = new Int32Array(nBus).fill(-1);
  const magnitudeIndex = new Int32Array(nBus).fill(-1);
  let n = 0;
  for (const i of types.pv) angleIndex[i] = n++;
  for (const i of types.pq) angleIndex[i] = n++;
  for (const i of types.pq) magnitudeIndex[i] = n++;

  const { colPtr, rowIdx } = ybus.G;
  const nnzY = colPtr[nBus]!;
  const rows = new Int32Array(4 * nnzY);
  const cols = new Int32Array(4 * nnzY);
  const block = new Int32Array(4 * nnzY);
  let count = 0;
  for (let k = 0; k < nBus; k++) {
    for (let p = colPtr[k]!; p < colPtr[k + 1]!; p++) {
      const i = rowIdx[p]!;
      const ai = angleIndex[i]!;
      const mi = magnitudeIndex[i]!;
      const ak = angleIndex[k]!;
      const mk = magnitudeIndex[k]!;
      // block codes: 0 = ∂P/∂θ, 1 = ∂P/∂|V|, 2 = ∂Q/∂θ, 3 = ∂Q/∂|V|
      for (let b = 0; b < 4; b++) {
        const r = b < 2 ? ai : mi;
        const c = (b & 1) === 0 ? ak : mk;
        if (r < 0 || c < 0) continue;
        rows[count] = r;
        cols[count] = c;
        block[count] = 4 * p + b;
        count++;
      }
    }
  }
  const { matrix, slot } = cscPatternWithSlots(n, n, rows, cols, count);
  const slots = [0, 1, 2, 3].map(() => new Int32Array(nnzY).fill(-1));
  for (let t = 0; t < count; t++) {
    const code = block[t]!;
    slots[code & 3]![code >> 2] = slot[t]!;
  }
  return {
    J: matrix,
    slotPA: slots[0]!,
    slotPM: slots[1]!,
    slotQA: slots[2]!,
    slotQM: slots[3]!,
    angleIndex,
    magnitudeIndex,
    size: n,
  };
}

/**
 * Writes the Jacobian values at voltage V = (vr + j vi) with magnitudes vm, given the bus
 * powers S = V · conj(Ybus V) (sRe, sIm) already computed for the mismatch.
 */
export function fillJacobian(
  pat: JacobianPattern,
  ybus: Ybus,
  vr: Float64Array,
  vi: Float64Array,
  vm: Float64Array,
  sRe: Float64Array,
  sIm: Float64Array,
): void {
  const { colPtr, rowIdx, values: g } = ybus.G;
  const bv = ybus.B.values;
  const jv = pat.J.values;
  const { slotPA, slotPM, slotQA, slotQM } = pat;
  const nBus = ybus.G.nCols;
  for (let k = 0; k < nBus; k++) {
    const vrk = vr[k]!;
    const vik = vi[k]!;
    const invVmk = 1 / vm[k]!;
    for (let p = colPtr[k]!; p < colPtr[k + 1]!; p++) {
      const i = rowIdx[p]!;
      const gp = g[p]!;
      const bp = bv[p]!;
      const yvRe = gp * vrk - bp * vik;
      const yvIm = gp * vik + bp * vrk;
      let cRe = vr[i]! * yvRe + vi[i]! * yvIm;
      let cIm = vi[i]! * yvRe - vr[i]! * yvIm;
      // dS/dθ = -j c, dS/d|V| = c / |V_k|
      let aRe = cIm;
      let aIm = -cRe;
      cRe *= invVmk;
      cIm *= invVmk;
      if (i === k) {
        aRe -= sIm[i]!;
        aIm += sRe[i]!;
        cRe += sRe[i]! * invVmk;
        cIm += sIm[i]! * invVmk;
      }
      let s = slotPA[p]!;
      if (s >= 0) jv[s] = aRe;
      s = slotPM[p]!;
      if (s >= 0) jv[s] = cRe;
      s = slotQA[p]!;
      if (s >= 0) jv[s] = aIm;
      s = slotQM[p]!;
      if (s >= 0) jv[s] = cIm;
    }
  }
}
