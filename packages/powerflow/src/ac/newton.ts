// Newton–Raphson AC power flow in polar coordinates, after MATPOWER's newtonpf.m:
//
//   F(x) = [ Re(mis(pv ∪ pq)) ; Im(mis(pq)) ],   mis = V · conj(Ybus V) - Sbus
//   x   ← x - J(x)⁻¹ F(x)   with x = [ θ(pv ∪ pq) ; |V|(pq) ]
//
// Converged when ‖F‖∞ < tol (pu). Failing to converge is a returned result with a reason:
// the iteration limit, divergence (‖F‖∞ non-finite, or grown by divergenceRatio over its start),
// a singular Jacobian (naming the bus whose equation lost its pivot), or the time limit, which
// is checked once per iteration, before the factorisation. The linear solver keeps its ordering
// and symbolic factorisation across iterations (pattern fixed) and only refactors numerically.
import { plural, startDeadline } from '../deadline.ts';
import type { BusTypes } from '../model/bus-types.ts';
import { createSparseLuSolver, type SparseLuSolver } from '../sparse/linear-solver.ts';
import { SingularMatrixError } from '../sparse/lu.ts';
import type { Ybus } from '../ybus/make-ybus.ts';
import { buildJacobianPattern, fillJacobian, type JacobianPattern } from './jacobian.ts';
import type { ComplexVector } from './make-sbus.ts';

export const NEWTON_DEFAULTS = {
  /** pu, ‖F‖∞ at which the solution is accepted */
  tolerance: 1e-8,
  maxIterations: 10,
  /**
   * stop as diverged once ‖F‖∞ exceeds this multiple of its starting value (and 1 pu): a
   * flat-start iterate may overshoot by a few orders of magnitude and still converge, not by ten
   */
  divergenceRatio: 1e10,
};

export interface NewtonOptions {
  tolerance?: number;
  maxIterations?: number;
  divergenceRatio?: number;
  /** ms of wall time for the solve, checked once per iteration; default no limit */
  timeLimitMs?: number;
  /** the clock for timeLimitMs, ms (default performance.now); tests inject one */
  now?: () => number;
  /** bus ids for messages, default the rows (1-based) */
  busIds?: readonly string[];
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
  /** set when it stopped on timeLimitMs */
  timedOut?: true;
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
  const deadline = startDeadline(options.timeLimitMs, options.now);
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
  const start = mismatch;
  const divergedAbove =
    Math.max(1, start) * (options.divergenceRatio ?? NEWTON_DEFAULTS.divergenceRatio);
  const stop = (reason: string): NewtonResult => ({
    converged: false,
    iterations,
    mismatch,
    reason,
    Vm,
    Va,
  });
  while (iterations < maxIt) {
    if (deadline?.expired()) {
      return {
        ...stop(
          `time limit of ${deadline.limitMs} ms exceeded after ${plural(iterations, 'iteration')}`,
        ),
        timedOut: true,
      };
    }
    iterations++;
    fillJacobian(pat, ybus, vr, vi, Vm, sRe, sIm);
    try {
      solver.factor(pat.J);
    } catch (err) {
      if (!(err instanceof SingularMatrixError)) throw err;
      return stop(
        `singular Jacobian at iteration ${iterations}: no usable pivot for ${unknownOf(pat, err.column, options.busIds)}`,
      );
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
    if (!Number.isFinite(mismatch)) {
      return stop(
        `diverged: mismatch became non-finite at iteration ${iterations} (from ${pu(start)})`,
      );
    }
    if (mismatch > divergedAbove) {
      return stop(
        `diverged: mismatch grew to ${pu(mismatch)} at iteration ${iterations} (from ${pu(start)})`,
      );
    }
  }
  return stop(
    `no convergence in ${plural(maxIt, 'iteration')} (max iterations): mismatch ${pu(mismatch)}, from ${pu(start)}, tolerance ${pu(tol)}`,
  );
}

const pu = (x: number): string => `${x.toExponential(2)} pu`;

/** "the voltage angle of bus 7 (row 5)": the unknown of a Jacobian column. */
function unknownOf(pat: JacobianPattern, column: number, busIds?: readonly string[]): string {
  for (let i = 0; i < pat.angleIndex.length; i++) {
    let what = '';
    if (pat.angleIndex[i] === column) what = 'angle';
    else if (pat.magnitudeIndex[i] === column) what = 'magnitude';
    else continue;
    const bus = busIds ? `bus ${busIds[i]} (row ${i + 1})` : `the bus in row ${i + 1}`;
    return `the voltage ${what} of ${bus}`;
  }
  return `Jacobian column ${column}`;
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
