// Newton–Raphson AC power flow in polar coordinates, after MATPOWER's newtonpf.m:
//
//   F(x) = [ Re(mis(pv ∪ pq)) ; Im(mis(pq)) ],   mis = V · conj(Ybus V) - Sbus
//   x   ← x - J(x)⁻¹ F(x)   with x = [ θ(pv ∪ pq) ; |V|(pq) ]
//
// Converged when ‖F‖∞ < tol (pu). Failing to converge is a returned result. The linear solver
// keeps its ordering and symbolic factorisation across iterations (pattern fixed) and only
// refactors numerically.
import type { BusTypes } from '../model/bus-types.ts';
import { createSparseLuSolver, type SparseLuSolver } from '../sparse/linear-solver.ts';
import type { Ybus } from '../ybus/make-ybus.ts';
import { buildJacobianPattern, fillJacobian, type JacobianPattern } from './jacobian.ts';
import type { ComplexVector } from './make-sbus.ts';

export const NEWTON_DEFAULTS = {
  /** pu, ‖F‖∞ at which the solution is accepted */
  tolerance: 1e-8,
  maxIterations: 10,
};

export interface NewtonOptions {
  tolerance?: number;
  maxIterations?: number;
  /** reuse a solver (ordering, factorisation) across solves with the same Jacobian pattern */
  linearSolver?: SparseLuSolver;
  /** reuse the Jacobian pattern built for the same Ybus pattern and bus types */
  jacobian?: JacobianPattern;
}

export interface NewtonResult {
  converged: boolean;
  iterations: number;
  /** pu, ‖F‖∞ at the last iterate */
  mismatch: number;
  /** why it stopped without converging, when it did */
  reason?: string;
  /** pu */
  Vm: Float64Array;
  /** radians */
  Va: Float64Array;
}

export function newtonPowerFlow(
  ybus: Ybus,
  sbus: ComplexVector,
  Vm0: Float64Array,
  Va0: Float64Array,
  types: BusTypes,
  options: NewtonOptions = {},
): NewtonResult {
  const tol = options.tolerance ?? NEWTON_DEFAULTS.tolerance;
  const maxIt = options.maxIterations ?? NEWTON_DEFAULTS.maxIterations;
  const n = Vm0.length;
  const Vm = Float64Array.from(Vm0);
  const Va = Float64Array.from(Va0);
  const vr = new Float64Array(n);
  const vi = new Float64Array(n);
  const sRe = new Float64Array(n);
  const sIm = new Float64Array(n);
  const pat = options.jacobian ?? buildJacobianPattern(ybus, types);
  const solver = options.linearSolver ?? createSparseLuSolver();
  const F = new Float64Array(pat.size);
  const dx = new Float64Array(pat.size);

  const evaluate = (): number => {
    for (let i = 0; i < n; i++) {
      vr[i] = Vm[i]! * Math.cos(Va[i]!);
      vi[i] = Vm[i]! * Math.sin(Va[i]!);
    }
    busPowers(ybus, vr, vi, sRe, sIm);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const a = pat.angleIndex[i]!;
      if (a >= 0) {
        F[a] = sRe[i]! - sbus.re[i]!;
        norm = Math.max(norm, Math.abs(F[a]!));
      }
      const m = pat.magnitudeIndex[i]!;
      if (m >= 0) {
        F[m] = sIm[i]! - sbus.im[i]!;
        norm = Math.max(norm, Math.abs(F[m]!));
      }
    }
    // NaN never compares below tol, so a blown-up iterate reads as not converged.
    return Number.isNaN(norm) ? Infinity : norm;
  };

  let mismatch = evaluate();
  let iterations = 0;
  if (mismatch < tol) return { converged: true, iterations, mismatch, Vm, Va };
  while (iterations < maxIt) {
    iterations++;
    fillJacobian(pat, ybus, vr, vi, Vm, sRe, sIm);
    try {
      solver.factor(pat.J);
    } catch (err) {
      const reason = `singular Jacobian at iteration ${iterations} (${(err as Error).message})`;
      return { converged: false, iterations, mismatch, reason, Vm, Va };
    }
    solver.solve(F, dx);
    for (let i = 0; i < n; i++) {
      const a = pat.angleIndex[i]!;
      if (a >= 0) Va[i]! -= dx[a]!;
      const m = pat.magnitudeIndex[i]!;
      if (m >= 0) {
        Vm[i]! -= dx[m]!;
        // MATPOWER re-reads the state as |V| and angle(V) after each step; a magnitude that
        // crossed zero is the same voltage with the opposite phase.
        if (Vm[i]! < 0) {
          Vm[i] = -Vm[i]!;
          Va[i]! += Math.PI;
        }
      }
    }
    mismatch = evaluate();
    if (mismatch < tol) return { converged: true, iterations, mismatch, Vm, Va };
    if (!Number.isFinite(mismatch)) break;
  }
  const reason = Number.isFinite(mismatch)
    ? `no convergence in ${maxIt} iterations`
    : `diverged at iteration ${iterations}`;
  return { converged: false, iterations, mismatch, reason, Vm, Va };
}

/** S = V · conj(Ybus V), pu, for V given in rectangular form. */
export function busPowers(
  ybus: Ybus,
  vr: Float64Array,
  vi: Float64Array,
  sRe: Float64Array,
  sIm: Float64Array,
): void {
  const { colPtr, rowIdx, values: g } = ybus.G;
  const b = ybus.B.values;
  const n = vr.length;
  // I = Ybus V accumulated column by column into sRe/sIm, then S = V conj(I) in place.
  sRe.fill(0);
  sIm.fill(0);
  for (let k = 0; k < n; k++) {
    const vrk = vr[k]!;
    const vik = vi[k]!;
    for (let p = colPtr[k]!; p < colPtr[k + 1]!; p++) {
      const i = rowIdx[p]!;
      sRe[i]! += g[p]! * vrk - b[p]! * vik;
      sIm[i]! += g[p]! * vik + b[p]! * vrk;
    }
  }
  for (let i = 0; i < n; i++) {
    const iRe = sRe[i]!;
    const iIm = sIm[i]!;
    sRe[i] = vr[i]! * iRe + vi[i]! * iIm;
    sIm[i] = vi[i]! * iRe - vr[i]! * iIm;
  }
}
