// DC power flow, after MATPOWER's rundcpf (runpf.m with the DC model, dcpf.m):
//
//   Pbus = Re(Sbus) - Pbusinj - Gs / baseMVA
//   θ(pvpq) = B(pvpq, pvpq)⁻¹ · ( Pbus(pvpq) - B(pvpq, ref) θ(ref) ),  θ(ref) from the case
//   Pf = (Bf θ + Pfinj) · baseMVA,  Pt = -Pf
// and the first generator at each reference bus takes up the balance. B(pvpq, pvpq) is
// symmetric, so it is factored as L D Lᵀ (sparse/ldl-factor.ts), or by LU with pivoting when
// a diagonal pivot is unusable (a negative reactance can make B indefinite).
//
// Unsolvable cases are reported, not factored into NaN: an island without a reference
// (bus-types.ts), a B that is singular even so (cancelling or extreme reactances; the bus
// whose pivot vanished is named), or a solution that is not finite. `mismatch` is the residual
// ‖B θ − P‖∞ over the solved buses, a check on the linear solve.
import { PowerflowUnsolvableError } from '../errors.ts';
import { firstNonFinite } from '../finite-result.ts';
import { classifyBuses, unreferencedReason, type BusTypes } from '../model/bus-types.ts';
import { busLabel } from '../model/labels.ts';
import type { PfCase } from '../model/pf-case.ts';
import { makeSbus } from '../ac/make-sbus.ts';
import { approximateMinimumDegree } from '../sparse/amd.ts';
import type { LdlFactors } from '../sparse/ldl.ts';
import { ldlFactor } from '../sparse/ldl-factor.ts';
import { ldlSolve, ldlSolveMany } from '../sparse/ldl-solve.ts';
import { SingularMatrixError } from '../sparse/lu.ts';
import { luFactor } from '../sparse/lu-factor.ts';
import { luSolve, luSolveMany } from '../sparse/lu-solve.ts';
import { makeBdc, principalSubmatrix, type Bdc } from './make-bdc.ts';

export interface DcPowerFlowResult {
  converged: boolean;
  iterations: number;
  reason?: string;
  /** pu, ‖B θ − P‖∞ over the non-reference buses (NaN when not solved) */
  mismatch: number;
  baseMVA: number;
  /** pu (1 everywhere, as MATPOWER reports) and degrees */
  Vm: Float64Array;
  Va: Float64Array;
  /** MW; Pt = -Pf */
  Pf: Float64Array;
  Pt: Float64Array;
  /** MW per generator */
  Pg: Float64Array;
}

/** The factorised DC system of a network, reusable for many injection patterns (N-1). */
export interface DcSystem {
  readonly pf: PfCase;
  readonly types: BusTypes;
  readonly bdc: Bdc;
  /** the non-reference (and not isolated) buses, ascending: the order of the reduced system */
  readonly pvpq: Int32Array;
  /** solves B(pvpq, pvpq) x = rhs */
  readonly solve: (rhs: Float64Array, x?: Float64Array) => Float64Array;
  /** solves for nRhs right-hand sides stored column-major (length pvpq.length · nRhs) */
  readonly solveMany: (rhs: Float64Array, nRhs: number, x?: Float64Array) => Float64Array;
  /** the L D Lᵀ factors of B(pvpq, pvpq), null when it was factored by LU instead */
  readonly ldl: LdlFactors | null;
}

/**
 * @throws PowerflowUnsolvableError for an island without a reference or a singular B
 */
export function prepareDcSystem(pf: PfCase, types: BusTypes = classifyBuses(pf)): DcSystem {
  const unsolvable = unreferencedReason(pf, types);
  if (unsolvable !== null) throw new PowerflowUnsolvableError(unsolvable);
  const bdc = makeBdc(pf);
  // The unknowns in bus order, so B(pvpq, pvpq) keeps Bbus's sorted columns.
  const solved = new Uint8Array(pf.nBus);
  for (const i of types.pv) solved[i] = 1;
  for (const i of types.pq) solved[i] = 1;
  const pvpq = new Int32Array(types.pv.length + types.pq.length);
  for (let i = 0, k = 0; i < pf.nBus; i++) if (solved[i]) pvpq[k++] = i;
  const b = principalSubmatrix(bdc.Bbus, pvpq);
  const order = approximateMinimumDegree(b, { symmetric: true, prune: true });
  const ldl = ldlFactor(b, order);
  if (ldl !== null) {
    return {
      pf,
      types,
      bdc,
      pvpq,
      solve: (rhs, x) => ldlSolve(ldl, rhs, x),
      solveMany: (rhs, nRhs, x) => ldlSolveMany(ldl, rhs, nRhs, x),
      ldl,
    };
  }
  let lu;
  try {
    lu = luFactor(b, order);
  } catch (err) {
    if (!(err instanceof SingularMatrixError)) throw err;
    throw new PowerflowUnsolvableError(
      `singular DC matrix: no usable pivot for the angle of ${busLabel(pf, pvpq[err.column]!)} ` +
        '(cancelling, near-zero or huge reactances around it?)',
    );
  }
  return {
    pf,
    types,
    bdc,
    pvpq,
    solve: (rhs, x) => luSolve(lu, rhs, x),
    solveMany: (rhs, nRhs, x) => luSolveMany(lu, rhs, nRhs, x),
    ldl: null,
  };
}

export function runDcPowerFlow(pf: PfCase): DcPowerFlowResult {
  let system: DcSystem;
  try {
    system = prepareDcSystem(pf);
  } catch (err) {
    if (!(err instanceof PowerflowUnsolvableError)) throw err;
    return {
      converged: false,
      iterations: 0,
      reason: err.reason,
      mismatch: NaN,
      baseMVA: pf.baseMVA,
      Vm: new Float64Array(pf.nBus).fill(1),
      Va: Float64Array.from(pf.Va0),
      Pf: new Float64Array(pf.nBranch),
      Pt: new Float64Array(pf.nBranch),
      Pg: Float64Array.from(pf.Pg),
    };
  }
  return solveDcFlows(system);
}

/** The DC flow of a prepared (factorised) system. */
export function solveDcFlows(system: DcSystem): DcPowerFlowResult {
  const { pf, types, bdc, pvpq } = system;
  const base = pf.baseMVA;
  const sbus = makeSbus(pf);
  const Pbus = new Float64Array(pf.nBus);
  for (let i = 0; i < pf.nBus; i++) Pbus[i] = sbus.re[i]! - bdc.Pbusinj[i]! - pf.Gs[i]! / base;

  const nb = pf.nBus;
  const theta = new Float64Array(nb);
  for (let i = 0; i < nb; i++) theta[i] = (pf.Va0[i]! * Math.PI) / 180;
  const np = pvpq.length;
  const rhs = new Float64Array(np);
  const position = new Int32Array(nb).fill(-1);
  for (let k = 0; k < np; k++) {
    position[pvpq[k]!] = k;
    rhs[k] = Pbus[pvpq[k]!]!;
  }
  const { colPtr, rowIdx, values } = bdc.Bbus;
  for (const r of types.ref) {
    for (let p = colPtr[r]!, pStop = colPtr[r + 1]!; p < pStop; p++) {
      const k = position[rowIdx[p]!]!;
      if (k >= 0) rhs[k]! -= values[p]! * theta[r]!;
    }
  }
  const x = system.solve(rhs, rhs);
  for (let k = 0; k < np; k++) theta[pvpq[k]!] = x[k]!;

  const Pf = new Float64Array(pf.nBranch);
  const Pt = new Float64Array(pf.nBranch);
  for (let l = 0; l < pf.nBranch; l++) {
    if (!pf.branchOn[l]) continue;
    const flow = bdc.b[l]! * (theta[pf.from[l]!]! - theta[pf.to[l]!]!) + bdc.Pfinj[l]!;
    Pf[l] = flow * base;
    Pt[l] = -flow * base;
  }

  const Pg = Float64Array.from(pf.Pg);
  for (const r of types.ref) {
    let k = 0;
    while (k < pf.nGen && !(pf.genOn[k] && pf.genBus[k] === r)) k++;
    if (k === pf.nGen) continue;
    // B is symmetric, so row r of B θ is column r.
    let injected = 0;
    for (let p = colPtr[r]!, pStop = colPtr[r + 1]!; p < pStop; p++)
      injected += values[p]! * theta[rowIdx[p]!]!;
    Pg[k]! += (injected - Pbus[r]!) * base;
  }
  const Va = new Float64Array(nb);
  for (let i = 0; i < nb; i++) Va[i] = (theta[i]! * 180) / Math.PI;
  const result: DcPowerFlowResult = {
    converged: true,
    iterations: 1,
    mismatch: residual(bdc, theta, Pbus, pvpq),
    baseMVA: base,
    Vm: new Float64Array(nb).fill(1),
    Va,
    Pf,
    Pt,
    Pg,
  };
  const bad = firstNonFinite({ Va, Pf, Pt, Pg });
  if (bad !== null) {
    result.converged = false;
    result.reason = `the DC solution is not finite (${bad}): the B matrix is too ill-conditioned`;
  }
  return result;
}

/** ‖(B θ)(pvpq) − P(pvpq)‖∞; B is symmetric, so its columns serve as rows. */
function residual(bdc: Bdc, theta: Float64Array, Pbus: Float64Array, pvpq: Int32Array): number {
  const { colPtr, rowIdx, values } = bdc.Bbus;
  let norm = 0;
  for (const i of pvpq) {
    let s = -Pbus[i]!;
    for (let p = colPtr[i]!, pStop = colPtr[i + 1]!; p < pStop; p++) {
      s += values[p]! * theta[rowIdx[p]!]!;
    }
    const a = Math.abs(s);
    // NaN would vanish in a comparison; a residual that is not a number is reported as such.
    if (Number.isNaN(a)) return NaN;
    if (a > norm) norm = a;
  }
  return norm;
}
