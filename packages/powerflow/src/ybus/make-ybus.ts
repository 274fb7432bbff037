// Bus and branch admittances, following MATPOWER's makeYbus.m exactly (manual §3.2):
//
//      | If |   | Yff  Yft |   | Vf |          Ys  = 1 / (r + j x)
//      |    | = |          | * |    |          Ytt = Ys + j b/2
//      | It |   | Ytf  Ytt |   | Vt |          Yff = Ytt / (τ τ*),   τ = tap · e^(j·shift)
//                                              Yft = -Ys / τ*,       Ytf = -Ys / τ
//
//   Ybus = Cfᵀ (Yff Cf + Yft Ct) + Ctᵀ (Ytf Cf + Ytt Ct) + diag(Gs + j Bs) / baseMVA
//
// Out-of-service branches contribute nothing. Complex numbers are kept as separate real and
// imaginary arrays; Ybus is two CSC matrices (G, B) on one pattern that always includes the
// diagonal, so the Jacobian pattern is known before any value is.
import { PowerflowInputError } from '../errors.ts';
import { caseBranchLabel } from '../model/labels.ts';
import type { PfCase } from '../model/pf-case.ts';
import { cscAssemble, cscValuesFromSlots, type CscMatrix } from '../sparse/csc.ts';

/** Per-branch two-port admittances (pu); zeros for out-of-service branches. */
export interface BranchAdmittances {
  readonly yffRe: Float64Array;
  readonly yffIm: Float64Array;
  readonly yftRe: Float64Array;
  readonly yftIm: Float64Array;
  readonly ytfRe: Float64Array;
  readonly ytfIm: Float64Array;
  readonly yttRe: Float64Array;
  readonly yttIm: Float64Array;
}

export interface Ybus {
  /** real part; shares colPtr/rowIdx with `B` */
  readonly G: CscMatrix;
  /** imaginary part */
  readonly B: CscMatrix;
  readonly branch: BranchAdmittances;
}

export function makeBranchAdmittances(pf: PfCase): BranchAdmittances {
  const n = pf.nBranch;
  const y = {
    yffRe: new Float64Array(n),
    yffIm: new Float64Array(n),
    yftRe: new Float64Array(n),
    yftIm: new Float64Array(n),
    ytfRe: new Float64Array(n),
    ytfIm: new Float64Array(n),
    yttRe: new Float64Array(n),
    yttIm: new Float64Array(n),
  };
  for (let l = 0; l < n; l++) {
    if (!pf.branchOn[l]) continue;
    const r = pf.r[l]!;
    const x = pf.x[l]!;
    const d = r * r + x * x;
    if (d === 0) {
      // MATPOWER would put 1/0 = Inf into Ybus and return NaN voltages. A bus tie of zero
      // impedance is refused rather than guessed at: merge its buses or give it a reactance.
      const what =
        r === 0 && x === 0
          ? 'zero impedance (r = x = 0)'
          : `an impedance too small to invert (r = ${r}, x = ${x} pu)`;
      throw new PowerflowInputError(
        `${caseBranchLabel(pf, l)} has ${what}: its admittance would be infinite; ` +
          'merge its two buses or give it a small reactance',
      );
    }
    const ysRe = r / d;
    const ysIm = -x / d;
    const bc = pf.b[l]!;
    const shift = (pf.shift[l]! * Math.PI) / 180;
    const tapRe = pf.tap[l]! * Math.cos(shift);
    const tapIm = pf.tap[l]! * Math.sin(shift);
    const tap2 = tapRe * tapRe + tapIm * tapIm;
    y.yttRe[l] = ysRe;
    y.yttIm[l] = ysIm + bc / 2;
    y.yffRe[l] = ysRe / tap2;
    y.yffIm[l] = (ysIm + bc / 2) / tap2;
    // -Ys / conj(τ) = -Ys τ / |τ|²  and  -Ys / τ = -Ys conj(τ) / |τ|²
    y.yftRe[l] = -(ysRe * tapRe - ysIm * tapIm) / tap2;
    y.yftIm[l] = -(ysRe * tapIm + ysIm * tapRe) / tap2;
    y.ytfRe[l] = -(ysRe * tapRe + ysIm * tapIm) / tap2;
    y.ytfIm[l] = -(ysIm * tapRe - ysRe * tapIm) / tap2;
    // A tap near zero (or an impedance whose inverse overflows) gives Inf or NaN here.
    if (!finiteAdmittance(y, l)) {
      throw new PowerflowInputError(
        `${caseBranchLabel(pf, l)} has a non-finite admittance (r = ${r}, x = ${x}, tap = ${pf.tap[l]})`,
      );
    }
  }
  return y;
}

function finiteAdmittance(y: BranchAdmittances, l: number): boolean {
  return (
    Number.isFinite(y.yffRe[l]!) &&
    Number.isFinite(y.yffIm[l]!) &&
    Number.isFinite(y.yftRe[l]!) &&
    Number.isFinite(y.yftIm[l]!) &&
    Number.isFinite(y.ytfRe[l]!) &&
    Number.isFinite(y.ytfIm[l]!) &&
    Number.isFinite(y.yttRe[l]!) &&
    Number.isFinite(y.yttIm[l]!)
  );
}

export function makeYbus(pf: PfCase): Ybus {
  const branch = makeBranchAdmittances(pf);
  const cap = pf.nBus + 4 * pf.nBranch;
  const rows = new Int32Array(cap);
  const cols = new Int32Array(cap);
  const re = new Float64Array(cap);
  const im = new Float64Array(cap);
  for (let i = 0; i < pf.nBus; i++) {
    rows[i] = i;
    cols[i] = i;
    re[i] = pf.Gs[i]! / pf.baseMVA;
    im[i] = pf.Bs[i]! / pf.baseMVA;
  }
  let k = pf.nBus;
  const { yffRe, yffIm, yftRe, yftIm, ytfRe, ytfIm, yttRe, yttIm } = branch;
  for (let l = 0; l < pf.nBranch; l++) {
    if (!pf.branchOn[l]) continue;
    const f = pf.from[l]!;
    const t = pf.to[l]!;
    rows[k] = f;
    cols[k] = f;
    re[k] = yffRe[l]!;
    im[k++] = yffIm[l]!;
    rows[k] = f;
    cols[k] = t;
    re[k] = yftRe[l]!;
    im[k++] = yftIm[l]!;
    rows[k] = t;
    cols[k] = f;
    re[k] = ytfRe[l]!;
    im[k++] = ytfIm[l]!;
    rows[k] = t;
    cols[k] = t;
    re[k] = yttRe[l]!;
    im[k++] = yttIm[l]!;
  }
  const n = pf.nBus;
  const { colPtr, rowIdx, slot } = cscAssemble(n, n, rows, cols, k);
  const nnz = rowIdx.length;
  const G: CscMatrix = {
    nRows: n,
    nCols: n,
    colPtr,
    rowIdx,
    values: cscValuesFromSlots(nnz, slot, re, k),
  };
  const B: CscMatrix = {
    nRows: n,
    nCols: n,
    colPtr,
    rowIdx,
    values: cscValuesFromSlots(nnz, slot, im, k),
  };
  return { G, B, branch };
}
