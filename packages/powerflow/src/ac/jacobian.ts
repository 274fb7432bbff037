// The Newton power-flow Jacobian in polar coordinates (MATPOWER's dSbus_dV.m and newtonpf.m):
//
//   J = | ∂P/∂θ (pvpq × pvpq)   ∂P/∂|V| (pvpq × pq) |
//       | ∂Q/∂θ (pq × pvpq)     ∂Q/∂|V| (pq × pq)   |
//
// For each Ybus entry Y_ik, with c_ik = V_i · conj(Y_ik V_k) and S_i = V_i · conj(I_i):
//   ∂S_i/∂θ_k  = -j c_ik        (+ j S_i       when i = k)
//   ∂S_i/∂|V_k| = c_ik / |V_k|  (+ S_i / |V_i| when i = k)
// The pattern is built once per set of bus types, straight from the columns of Ybus (the
// unknowns numbered bus by bus keep their rows sorted); each iteration writes values into
// slots.
import type { BusTypes } from '../model/bus-types.ts';
import type { CscMatrix } from '../sparse/csc.ts';
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
  // Unknowns bus by bus (θ_i, then |V_i| for a PQ bus), so that the rows of every column,
  // read down a column of Ybus, come out sorted: J is built without a sort. (MATPOWER orders
  // them [θ(pv); θ(pq); |V|(pq)]; the solution does not depend on the numbering.)
  const solvedAngle = new Uint8Array(nBus);
  const solvedMagnitude = new Uint8Array(nBus);
  for (const i of types.pv) solvedAngle[i] = 1;
  for (const i of types.pq) {
    solvedAngle[i] = 1;
    solvedMagnitude[i] = 1;
  }
  const angleIndex = new Int32Array(nBus).fill(-1);
  const magnitudeIndex = new Int32Array(nBus).fill(-1);
  let n = 0;
  for (let i = 0; i < nBus; i++) {
    if (solvedAngle[i]) angleIndex[i] = n++;
    if (solvedMagnitude[i]) magnitudeIndex[i] = n++;
  }

  const { colPtr: yp, rowIdx: yi } = ybus.G;
  const nnzY = yp[nBus]!;
  // Rows of the two columns of bus k: the unknowns of each bus i in Ybus(:, k).
  const colPtr = new Int32Array(n + 1);
  let nz = 0;
  for (let k = 0; k < nBus; k++) {
    let rows = 0;
    for (let p = yp[k]!, pStop = yp[k + 1]!; p < pStop; p++) {
      const i = yi[p]!;
      rows += solvedAngle[i]! + solvedMagnitude[i]!;
    }
    if (solvedAngle[k]) colPtr[angleIndex[k]! + 1] = nz += rows;
    if (solvedMagnitude[k]) colPtr[magnitudeIndex[k]! + 1] = nz += rows;
  }
  const rowIdx = new Int32Array(nz);
  const slots = [0, 1, 2, 3].map(() => new Int32Array(nnzY).fill(-1));
  const [slotPA, slotPM, slotQA, slotQM] = slots as [
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  for (let k = 0; k < nBus; k++) {
    const ak = angleIndex[k]!;
    const mk = magnitudeIndex[k]!;
    let qa = ak >= 0 ? colPtr[ak]! : -1;
    let qm = mk >= 0 ? colPtr[mk]! : -1;
    for (let p = yp[k]!, pStop = yp[k + 1]!; p < pStop; p++) {
      const i = yi[p]!;
      const ai = angleIndex[i]!;
      const mi = magnitudeIndex[i]!;
      if (ai >= 0) {
        if (qa >= 0) {
          slotPA[p] = qa;
          rowIdx[qa++] = ai;
        }
        if (qm >= 0) {
          slotPM[p] = qm;
          rowIdx[qm++] = ai;
        }
      }
      if (mi >= 0) {
        if (qa >= 0) {
          slotQA[p] = qa;
          rowIdx[qa++] = mi;
        }
        if (qm >= 0) {
          slotQM[p] = qm;
          rowIdx[qm++] = mi;
        }
      }
    }
  }
  return {
    J: { nRows: n, nCols: n, colPtr, rowIdx, values: new Float64Array(nz) },
    slotPA,
    slotPM,
    slotQA,
    slotQM,
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
