// DC power flow, after MATPOWER's rundcpf (runpf.m with the DC model, dcpf.m):
//
//   Pbus = Re(Sbus) - Pbusinj - Gs / baseMVA
//   θ(pvpq) = B(pvpq, pvpq)⁻¹ · ( Pbus(pvpq) - B(pvpq, ref) θ(ref) ),  θ(ref) from the case
//   Pf = (Bf θ + Pfinj) · baseMVA,  Pt = -Pf
// and the first generator at each reference bus takes up the balance.
import { classifyBuses, type BusTypes } from '../model/bus-types.ts';
import type { PfCase } from '../model/pf-case.ts';
import { makeSbus } from '../ac/make-sbus.ts';
import { createSparseLuSolver } from '../sparse/linear-solver.ts';
import { makeBdc, principalSubmatrix, type Bdc } from './make-bdc.ts';

export interface DcPowerFlowResult {
  converged: boolean;
  iterations: number;
  reason?: string;
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
  /** the non-reference buses, in the order of the reduced system */
  readonly pvpq: Int32Array;
  /** solves B(pvpq, pvpq) x = rhs */
  readonly solve: (rhs: Float64Array, x?: Float64Array) => Float64Array;
  /** solves for nRhs right-hand sides stored column-major (length pvpq.length · nRhs) */
  readonly solveMany: (rhs: Float64Array, nRhs: number, x?: Float64Array) => Float64Array;
}

export function prepareDcSystem(pf: PfCase): DcSystem {
  const types = classifyBuses(pf);
  const bdc = makeBdc(pf);
  const pvpq = new Int32Array(types.pv.length + types.pq.length);
  pvpq.set(types.pv);
  pvpq.set(types.pq, types.pv.length);
  const solver = createSparseLuSolver();
  solver.factor(principalSubmatrix(bdc.Bbus, pvpq));
  return {
    pf,
    types,
    bdc,
    pvpq,
    solve: (rhs, x) => solver.solve(rhs, x),
    solveMany: (rhs, nRhs, x) => solver.solveMany(rhs, nRhs, x),
  };
}

export function runDcPowerFlow(pf: PfCase): DcPowerFlowResult {
  let system: DcSystem;
  try {
    system = prepareDcSystem(pf);
  } catch (err) {
    if (!(err instanceof Error) || !('code' in err) || err.code !== 'FINEST_SINGULAR_MATRIX') throw err;
    const Va = Float64Array.from(pf.Va0);
    return {
      converged: false,
      iterations: 0,
      reason: `singular DC matrix: an island without a reference bus? (${err.message})`,
      baseMVA: pf.baseMVA,
      Vm: new Float64Array(pf.nBus).fill(1),
      Va,
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

  const theta = Float64Array.from(pf.Va0, (d) => (d * Math.PI) / 180);
  const rhs = new Float64Array(pvpq.length);
  const position = new Int32Array(pf.nBus).fill(-1);
  pvpq.forEach((i, k) => (position[i] = k));
  pvpq.forEach((i, k) => (rhs[k] = Pbus[i]!));
  const { colPtr, rowIdx, values } = bdc.Bbus;
  for (const r of types.ref) {
    for (let p = colPtr[r]!; p < colPtr[r + 1]!; p++) {
      const k = position[rowIdx[p]!]!;
      if (k >= 0) rhs[k]! -= values[p]! * theta[r]!;
    }
  }
  const x = system.solve(rhs);
  pvpq.forEach((i, k) => (theta[i] = x[k]!));

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
    for (let p = colPtr[r]!; p < colPtr[r + 1]!; p++) injected += values[p]! * theta[rowIdx[p]!]!;
    Pg[k]! += (injected - Pbus[r]!) * base;
  }
  return {
    converged: true,
    iterations: 1,
    baseMVA: base,
    Vm: new Float64Array(pf.nBus).fill(1),
    Va: Float64Array.from(theta, (t) => (t * 180) / Math.PI),
    Pf,
    Pt,
    Pg,
  };
}
