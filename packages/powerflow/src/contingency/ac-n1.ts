// AC N-1: a full Newton–Raphson solve per branch outage, warm-started from the base case.
// An outage that keeps the network connected only changes Ybus values: its four stamps are
// zeroed in place, so the Ybus and Jacobian patterns, the fill-reducing ordering and the LU
// pivot sequence of the base case are reused (numeric refactorisation only). An islanding
// outage (a bridge) is solved per island instead: each island with generation gets a reference
// bus (the bus of its largest unit, unless it has one), an island without generation is
// reported as lost load. With a time limit, the outages not reached in time come back marked
// `skipped` (so the outcomes still follow the branch list one to one).
import { findBridgeIndices, type Network } from '@finest/grid';
import { startDeadline } from '../deadline.ts';
import { classifyBuses, type BusTypes } from '../model/bus-types.ts';
import { buildPfCase, type PfCase } from '../model/pf-case.ts';
import { makeSbus, type ComplexVector } from '../ac/make-sbus.ts';
import { buildJacobianPattern, type JacobianPattern } from '../ac/jacobian.ts';
import { newtonPowerFlow, type NewtonOptions } from '../ac/newton.ts';
import { branchFlows } from '../ac/pf-solution.ts';
import { runAcPowerFlow, type AcPowerFlowResult } from '../ac/run-ac.ts';
import { energiseIslands } from './energise-islands.ts';
import { createSparseLuSolver, type SparseLuSolver } from '../sparse/linear-solver.ts';
import { makeYbus, type Ybus } from '../ybus/make-ybus.ts';

export interface AcContingencyOutcome {
  /** 0-based position of the outaged branch */
  branch: number;
  /** the outage splits an island */
  islanding: boolean;
  converged: boolean;
  iterations: number;
  reason?: string;
  /** percent of RATE_A (MVA at the more loaded end), worst monitored branch; -1 when none */
  maxLoadingPct: number;
  worstBranch: number;
  /** pu, over buses still energised */
  minVm: number;
  maxVm: number;
  /** branches above RATE_A, and buses outside [Vmin, Vmax] */
  nOverloads: number;
  nVoltageViolations: number;
  /** MW of demand in islands left without generation */
  lostLoadMW: number;
  /**
   * not solved: the N-1 time limit ran out first (converged false, the reason says so, the
   * findings are neutral: no loading, NaN voltages)
   */
  skipped?: true;
}

/** Everything shared by the contingencies of one network; built once (per worker). */
export interface AcN1Context {
  readonly net: Network;
  readonly pf: PfCase;
  readonly base: AcPowerFlowResult;
  readonly ybus: Ybus;
  readonly types: BusTypes;
  readonly sbus: ComplexVector;
  readonly jacobian: JacobianPattern;
  readonly solver: SparseLuSolver;
  readonly isBridge: Uint8Array;
  /** per branch, positions of its ff, ft, tf, tt entries in Ybus values */
  readonly stamp: Int32Array;
  /** base voltages in radians for warm starts */
  readonly VaRad: Float64Array;
  readonly options: NewtonOptions;
}

export function prepareAcN1(net: Network, options: NewtonOptions = {}): AcN1Context {
  const pf = buildPfCase(net);
  const base = runAcPowerFlow(pf, options);
  const ybus = makeYbus(pf);
  const types = classifyBuses(pf);
  const isBridge = new Uint8Array(pf.nBranch);
  for (const l of findBridgeIndices(net)) isBridge[l] = 1;
  const stamp = new Int32Array(4 * pf.nBranch).fill(-1);
  for (let l = 0; l < pf.nBranch; l++) {
    if (!pf.branchOn[l]) continue;
    const f = pf.from[l]!;
    const t = pf.to[l]!;
    stamp[4 * l] = entry(ybus, f, f);
    stamp[4 * l + 1] = entry(ybus, f, t);
    stamp[4 * l + 2] = entry(ybus, t, f);
    stamp[4 * l + 3] = entry(ybus, t, t);
  }
  return {
    net,
    pf,
    base,
    ybus,
    types,
    sbus: makeSbus(pf),
    jacobian: buildJacobianPattern(ybus, types),
    solver: createSparseLuSolver(),
    isBridge,
    stamp,
    VaRad: Float64Array.from(base.Va, (d) => (d * Math.PI) / 180),
    options,
  };
}

/** Position of Ybus(i, j) in the values arrays. */
function entry(ybus: Ybus, i: number, j: number): number {
  const { colPtr, rowIdx } = ybus.G;
  let lo = colPtr[j]!;
  let hi = colPtr[j + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rowIdx[mid]!;
    if (r === i) return mid;
    if (r < i) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new Error(`ac-n1: Ybus(${i}, ${j}) is not in the pattern`);
}

export function solveAcContingency(ctx: AcN1Context, l: number): AcContingencyOutcome {
  if (ctx.isBridge[l]) return solveIslanding(ctx, l);
  const { ybus, pf, stamp } = ctx;
  const br = ctx.ybus.branch;
  const g = ybus.G.values;
  const b = ybus.B.values;
  // Take the branch out of Ybus in place (saving the entries), solve, then put it back.
  const saved = new Float64Array(8);
  const parts: [number, number][] = [
    [br.yffRe[l]!, br.yffIm[l]!],
    [br.yftRe[l]!, br.yftIm[l]!],
    [br.ytfRe[l]!, br.ytfIm[l]!],
    [br.yttRe[l]!, br.yttIm[l]!],
  ];
  for (let s = 0; s < 4; s++) {
    const p = stamp[4 * l + s]!;
    saved[2 * s] = g[p]!;
    saved[2 * s + 1] = b[p]!;
    g[p]! -= parts[s]![0];
    b[p]! -= parts[s]![1];
  }
  try {
    const nr = newtonPowerFlow(ybus, ctx.sbus, ctx.base.Vm, ctx.VaRad, ctx.types, {
      ...ctx.options,
      jacobian: ctx.jacobian,
      linearSolver: ctx.solver,
      busIds: pf.busIds,
    });
    const vr = Float64Array.from(nr.Vm, (m, i) => m * Math.cos(nr.Va[i]!));
    const vi = Float64Array.from(nr.Vm, (m, i) => m * Math.sin(nr.Va[i]!));
    const outcome = assessAc(ctx.net, pf, [l], branchFlows(pf, br, vr, vi), nr.Vm);
    const result: AcContingencyOutcome = {
      ...outcome,
      converged: nr.converged,
      iterations: nr.iterations,
    };
    if (nr.reason !== undefined) result.reason = nr.reason;
    return result;
  } finally {
    for (let s = 0; s < 4; s++) {
      const p = stamp[4 * l + s]!;
      g[p] = saved[2 * s]!;
      b[p] = saved[2 * s + 1]!;
    }
  }
}

/** Solves the islands left by a bridge outage, each with its own reference. */
function solveIslanding(ctx: AcN1Context, l: number): AcContingencyOutcome {
  const net = ctx.net;
  const branches = net.branches.map((br, m) => (m === l ? { ...br, inService: false } : br));
  const { network, lostLoadMW } = energiseIslands({ ...net, branches }, ctx.base);
  const pf = buildPfCase(network);
  const solved = runAcPowerFlow(pf, ctx.options);
  const result: AcContingencyOutcome = {
    ...assessAc(net, pf, [l], solved, solved.Vm),
    islanding: true,
    converged: solved.converged,
    iterations: solved.iterations,
    lostLoadMW,
  };
  if (solved.reason !== undefined) result.reason = solved.reason;
  return result;
}

type Assessment = Omit<AcContingencyOutcome, 'converged' | 'iterations' | 'reason'>;

/**
 * Loadings (MVA at the more loaded end against RATE_A) and voltages after an outage. Buses
 * are judged by the types of `pf` (isolated ones are skipped).
 */
export function assessAc(
  net: Network,
  pf: PfCase,
  outaged: readonly number[],
  flows: { Pf: Float64Array; Qf: Float64Array; Pt: Float64Array; Qt: Float64Array },
  Vm: Float64Array,
): Assessment {
  let maxLoadingPct = -1;
  let worstBranch = -1;
  let nOverloads = 0;
  for (let m = 0; m < pf.nBranch; m++) {
    const rate = pf.rateA[m]!;
    if (!pf.branchOn[m] || rate <= 0 || outaged.includes(m)) continue;
    const s = Math.max(
      Math.hypot(flows.Pf[m]!, flows.Qf[m]!),
      Math.hypot(flows.Pt[m]!, flows.Qt[m]!),
    );
    const loading = (100 * s) / rate;
    if (loading > maxLoadingPct) {
      maxLoadingPct = loading;
      worstBranch = m;
    }
    if (s > rate) nOverloads++;
  }
  let minVm = Infinity;
  let maxVm = -Infinity;
  let nVoltageViolations = 0;
  net.buses.forEach((bus, i) => {
    if (pf.busType[i] === 4) return;
    const v = Vm[i]!;
    if (v < minVm) minVm = v;
    if (v > maxVm) maxVm = v;
    if (v > bus.Vmax || v < bus.Vmin) nVoltageViolations++;
  });
  return {
    branch: outaged[0] ?? -1,
    islanding: false,
    maxLoadingPct,
    worstBranch,
    minVm,
    maxVm,
    nOverloads,
    nVoltageViolations,
    lostLoadMW: 0,
  };
}

/**
 * Every in-service branch outage, or the given ones, in this thread; with `limit.timeLimitMs`
 * (checked before each outage) the ones not reached in time are skipped.
 */
export function runAcN1Sequential(
  net: Network,
  branches?: readonly number[],
  onProgress?: (done: number, total: number) => void,
  limit: { timeLimitMs?: number; now?: () => number } = {},
): { context: AcN1Context; outcomes: AcContingencyOutcome[] } {
  const deadline = startDeadline(limit.timeLimitMs, limit.now);
  const context = prepareAcN1(net);
  const list = branches ?? inServiceBranches(context.pf);
  const outcomes: AcContingencyOutcome[] = [];
  for (const [k, l] of list.entries()) {
    if (deadline?.expired()) break;
    outcomes.push(solveAcContingency(context, l));
    if (onProgress && (k % 50 === 49 || k === list.length - 1)) onProgress(k + 1, list.length);
  }
  if (deadline && outcomes.length < list.length) {
    const reason = skippedReason(deadline.limitMs, outcomes.length, list.length);
    for (let k = outcomes.length; k < list.length; k++) {
      outcomes.push(skippedOutcome(list[k]!, reason));
    }
  }
  return { context, outcomes };
}

export function skippedReason(limitMs: number, solved: number, total: number): string {
  return `not solved: time limit of ${limitMs} ms exceeded after ${solved} of ${total} outages`;
}

/** The outcome of an outage the time limit left unsolved. */
export function skippedOutcome(branch: number, reason: string): AcContingencyOutcome {
  return {
    branch,
    islanding: false,
    converged: false,
    iterations: 0,
    reason,
    maxLoadingPct: -1,
    worstBranch: -1,
    minVm: NaN,
    maxVm: NaN,
    nOverloads: 0,
    nVoltageViolations: 0,
    lostLoadMW: 0,
    skipped: true,
  };
}

export function inServiceBranches(pf: PfCase): number[] {
  const out: number[] = [];
  for (let l = 0; l < pf.nBranch; l++) if (pf.branchOn[l]) out.push(l);
  return out;
}
