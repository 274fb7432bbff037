// The DC network as the OPF sees it: every island balanced on its own with its own angle
// reference, and the angles, flows and angle differences that a dispatch produces.
//
// References (opfBusTypes): unlike the power flow, an OPF needs no unit at the reference:
// every unit is a variable and each island's balance is a row of its own, so an island whose
// only units sit at PQ-typed buses is still solved. With θ_ref fixed at the case's angle (as MATPOWER fixes
// Va(refs)), the other angles follow from the injections (pu) by one solve with the reduced B
// of make-bdc.ts, factored once (dc/run-dc.ts):
//
//   θ(pvpq) = B(pvpq, pvpq)⁻¹ · ( P(pvpq) − B(pvpq, ref) θ(ref) ),
//   P_i = (Σ_{k at i} Pg_k − Pd_i − Gs_i + P_hvdc,i) / base − Pbusinj_i
//   Pf_l = base · (b_l (θ_f − θ_t) + Pfinj_l)
import { prepareDcSystem, type DcSystem } from '../dc/run-dc.ts';
import type { BusTypes } from '../model/bus-types.ts';
import { PV, REF, type PfCase } from '../model/pf-case.ts';
import { findPfIslands, type PfIslands } from '../model/pf-islands.ts';

export interface OpfNetwork {
  readonly system: DcSystem;
  readonly islands: PfIslands;
  /** position of each bus in `system.pvpq`, −1 for a reference or isolated bus */
  readonly position: Int32Array;
}

/** The references and the factored reduced B. @throws PowerflowUnsolvableError (singular B) */
export function prepareOpfNetwork(pf: PfCase): OpfNetwork {
  const islands = findPfIslands(pf);
  const system = prepareDcSystem(pf, opfBusTypes(pf, islands));
  const position = new Int32Array(pf.nBus).fill(-1);
  system.pvpq.forEach((i, k) => (position[i] = k));
  return { system, islands, position };
}

/**
 * One reference per island: its first REF bus (MATPOWER's OPF fixes the angle of every REF
 * bus, with or without a unit), else its first PV bus with a unit in service (bustypes'
 * choice), else its first bus. Ascending.
 */
export function opfReferences(pf: PfCase, islands: PfIslands): Int32Array {
  const { count, islandOf } = islands;
  const [ref, pv] = [REF, PV]; // local copies: an imported binding is checked at every read
  const hasGen = new Uint8Array(pf.nBus);
  for (let k = 0; k < pf.nGen; k++) if (pf.genOn[k]) hasGen[pf.genBus[k]!] = 1;
  // per island, the best candidate so far and its rank (0 REF, 1 PV with a unit, 2 any bus)
  const pick = new Int32Array(count).fill(-1);
  const rank = new Int8Array(count).fill(3);
  for (let i = 0; i < pf.nBus; i++) {
    const s = islandOf[i]!;
    if (s < 0) continue;
    const t = pf.busType[i] === ref ? 0 : pf.busType[i] === pv && hasGen[i] ? 1 : 2;
    if (t < rank[s]!) {
      rank[s] = t;
      pick[s] = i;
    }
  }
  return pick.sort();
}

/** The references, and every other bus of an island as a bus to solve for. */
function opfBusTypes(pf: PfCase, islands: PfIslands): BusTypes {
  const refs = opfReferences(pf, islands);
  const isRef = new Uint8Array(pf.nBus);
  for (const i of refs) isRef[i] = 1;
  const pq: number[] = [];
  for (let i = 0; i < pf.nBus; i++) if (islands.islandOf[i]! >= 0 && !isRef[i]) pq.push(i);
  return { ref: refs, pv: new Int32Array(0), pq: Int32Array.from(pq), unreferenced: [] };
}

/** θ (rad, every bus; 0 at isolated buses) of the dispatch Pg (MW per generator). */
export function dispatchAngles(net: OpfNetwork, Pg: Float64Array): Float64Array {
  const { system, position } = net;
  const { pf, bdc, pvpq, types } = system;
  const base = pf.baseMVA;
  const P = new Float64Array(pf.nBus);
  for (let i = 0; i < pf.nBus; i++) {
    P[i] = (-pf.Pd[i]! - pf.Gs[i]! + pf.Phvdc[i]!) / base - bdc.Pbusinj[i]!;
  }
  for (let k = 0; k < pf.nGen; k++) if (pf.genOn[k]) P[pf.genBus[k]!]! += Pg[k]! / base;
  const theta = new Float64Array(pf.nBus);
  const rhs = new Float64Array(pvpq.length);
  for (let k = 0; k < pvpq.length; k++) rhs[k] = P[pvpq[k]!]!;
  const { colPtr, rowIdx, values } = bdc.Bbus;
  for (const r of types.ref) {
    theta[r] = (pf.Va0[r]! * Math.PI) / 180;
    for (let p = colPtr[r]!, pStop = colPtr[r + 1]!; p < pStop; p++) {
      const k = position[rowIdx[p]!]!;
      if (k >= 0) rhs[k]! -= values[p]! * theta[r]!;
    }
  }
  const x = system.solve(rhs, rhs);
  for (let k = 0; k < pvpq.length; k++) theta[pvpq[k]!] = x[k]!;
  return theta;
}

/** MW per branch (0 out of service), from-end flow; Pt = −Pf in the DC model. */
export function branchFlowsMw(
  pf: PfCase,
  b: Float64Array,
  Pfinj: Float64Array,
  theta: Float64Array,
): Float64Array {
  const Pf = new Float64Array(pf.nBranch);
  for (let l = 0; l < pf.nBranch; l++) {
    if (!pf.branchOn[l]) continue;
    Pf[l] = (b[l]! * (theta[pf.from[l]!]! - theta[pf.to[l]!]!) + Pfinj[l]!) * pf.baseMVA;
  }
  return Pf;
}
