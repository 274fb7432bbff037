// Generator outputs and branch flows from a solved voltage, after MATPOWER's pfsoln.m (legacy
// core): reactive output at PV/REF buses is the bus injection plus local demand, split among
// the generators at a bus in proportion to their reactive ranges; the first generator at each
// reference bus takes up the active-power balance.
import type { BusTypes } from '../model/bus-types.ts';
import type { PfCase } from '../model/pf-case.ts';
import type { BranchAdmittances } from '../ybus/make-ybus.ts';

const EPS = 2.220446049250313e-16;

export interface BranchFlows {
  /** MW and MVAr into the branch at its from and to ends (0 when out of service) */
  Pf: Float64Array;
  Qf: Float64Array;
  Pt: Float64Array;
  Qt: Float64Array;
}

/** Sf = Vf · conj(Yff Vf + Yft Vt) · baseMVA, and St likewise. */
export function branchFlows(
  pf: PfCase,
  y: BranchAdmittances,
  vr: Float64Array,
  vi: Float64Array,
): BranchFlows {
  const n = pf.nBranch;
  const out = {
    Pf: new Float64Array(n),
    Qf: new Float64Array(n),
    Pt: new Float64Array(n),
    Qt: new Float64Array(n),
  };
  const base = pf.baseMVA;
  for (let l = 0; l < n; l++) {
    if (!pf.branchOn[l]) continue;
    const f = pf.from[l]!;
    const t = pf.to[l]!;
    const fr = vr[f]!;
    const fi = vi[f]!;
    const tr = vr[t]!;
    const ti = vi[t]!;
    const ifRe = y.yffRe[l]! * fr - y.yffIm[l]! * fi + y.yftRe[l]! * tr - y.yftIm[l]! * ti;
    const ifIm = y.yffRe[l]! * fi + y.yffIm[l]! * fr + y.yftRe[l]! * ti + y.yftIm[l]! * tr;
    const itRe = y.ytfRe[l]! * fr - y.ytfIm[l]! * fi + y.yttRe[l]! * tr - y.yttIm[l]! * ti;
    const itIm = y.ytfRe[l]! * fi + y.ytfIm[l]! * fr + y.yttRe[l]! * ti + y.yttIm[l]! * tr;
    out.Pf[l] = (fr * ifRe + fi * ifIm) * base;
    out.Qf[l] = (fi * ifRe - fr * ifIm) * base;
    out.Pt[l] = (tr * itRe + ti * itIm) * base;
    out.Qt[l] = (ti * itRe - tr * itIm) * base;
  }
  return out;
}

export interface GeneratorState {
  /** MW, MVAr per generator (row order) */
  Pg: Float64Array;
  Qg: Float64Array;
}

/**
 * @param sRe,sIm bus injections V · conj(Ybus V) in pu at the solution
 * @param isVoltageControlled per bus, 1 for the REF and PV buses of the solve
 */
export function generatorDispatch(
  pf: PfCase,
  types: BusTypes,
  sRe: Float64Array,
  sIm: Float64Array,
  state: {
    Pd: Float64Array;
    Qd: Float64Array;
    genOn: Uint8Array;
    Pg: Float64Array;
    Qg: Float64Array;
  },
): GeneratorState {
  const base = pf.baseMVA;
  const Pg = Float64Array.from(state.Pg);
  const Qg = Float64Array.from(state.Qg);
  const controlled = new Uint8Array(pf.nBus);
  for (const i of types.ref) controlled[i] = 1;
  for (const i of types.pv) controlled[i] = 1;

  const on: number[] = [];
  for (let k = 0; k < pf.nGen; k++) {
    if (state.genOn[k] && controlled[pf.genBus[k]!]) on.push(k);
    else if (!state.genOn[k]) Qg[k] = 0;
  }
  for (const k of on) {
    const i = pf.genBus[k]!;
    Qg[k] = sIm[i]! * base + state.Qd[i]!;
  }
  if (on.length > 1) splitReactive(pf, on, Qg);

  for (const r of types.ref) {
    const refGens = on.filter((k) => pf.genBus[k] === r);
    const first = refGens[0];
    if (first === undefined) continue;
    let others = 0;
    for (let t = 1; t < refGens.length; t++) others += Pg[refGens[t]!]!;
    Pg[first] = sRe[r]! * base + state.Pd[r]! - pf.Phvdc[r]! - others;
  }
  return { Pg, Qg };
}

/** Divides each bus's total Qg among its generators in proportion to their Q ranges. */
function splitReactive(pf: PfCase, on: number[], Qg: Float64Array): void {
  const nb = pf.nBus;
  const count = new Float64Array(nb);
  for (const k of on) count[pf.genBus[k]!]!++;
  for (const k of on) Qg[k]! /= count[pf.genBus[k]!]!;

  // Finite stand-in M for infinite limits: per bus, Σ |Qg| plus the finite limits.
  const M = new Float64Array(nb);
  for (const k of on) {
    const i = pf.genBus[k]!;
    let m = Math.abs(Qg[k]!);
    if (Number.isFinite(pf.Qmax[k]!)) m += Math.abs(pf.Qmax[k]!);
    if (Number.isFinite(pf.Qmin[k]!)) m += Math.abs(pf.Qmin[k]!);
    M[i]! += m;
  }
  const limit = (q: number, m: number): number => (q === Infinity ? m : q === -Infinity ? -m : q);
  const qTot = new Float64Array(nb);
  const qMinTot = new Float64Array(nb);
  const qMaxTot = new Float64Array(nb);
  for (const k of on) {
    const i = pf.genBus[k]!;
    qTot[i]! += Qg[k]!;
    qMinTot[i]! += limit(pf.Qmin[k]!, M[i]!);
    qMaxTot[i]! += limit(pf.Qmax[k]!, M[i]!);
  }
  for (const k of on) {
    const i = pf.genBus[k]!;
    const qmin = limit(pf.Qmin[k]!, M[i]!);
    const qmax = limit(pf.Qmax[k]!, M[i]!);
    if (Math.abs(qMinTot[i]! - qMaxTot[i]!) < 10 * EPS) {
      // no range at this bus: share the total equally above the minimum
      Qg[k] = qmin + (qTot[i]! - qMinTot[i]!) / count[i]!;
    } else {
      Qg[k] = qmin + ((qTot[i]! - qMinTot[i]!) / (qMaxTot[i]! - qMinTot[i]! + EPS)) * (qmax - qmin);
    }
  }
}
