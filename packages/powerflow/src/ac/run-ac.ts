// AC power flow driver, after MATPOWER's runpf.m: initial voltages from the case with the
// generator setpoints at voltage-controlled buses, Newton–Raphson, then generator outputs and
// branch flows. With reactive-limit enforcement, generators that exceed a limit are fixed at it,
// their buses become PQ, and the flow is re-solved warm until no limit is violated.
// A case with an island that has no reference is reported unsolved before any iteration
// (bus-types.ts); a time limit covers all the re-solves together.
import { plural, startDeadline, type Deadline } from '../deadline.ts';
import { firstNonFinite } from '../finite-result.ts';
import { classifyBuses, unreferencedReason, type BusTypes } from '../model/bus-types.ts';
import { PQ, REF, type PfCase } from '../model/pf-case.ts';
import { makeYbus, type Ybus } from '../ybus/make-ybus.ts';
import { makeSbus } from './make-sbus.ts';
import { busPowers, newtonPowerFlow, type NewtonOptions } from './newton.ts';
import { branchFlows, generatorDispatch, type BranchFlows } from './pf-solution.ts';
import { findQViolations } from './q-violations.ts';
import { RemoteVoltageControl } from './remote-voltage.ts';

export interface AcPowerFlowOptions {
  /** pu, default 1e-8 */
  tolerance?: number;
  /** default 10 */
  maxIterations?: number;
  /** see NEWTON_DEFAULTS.divergenceRatio (default 1e10) */
  divergenceRatio?: number;
  /**
   * Reactive limits: false (default) ignores them; 'simultaneous' fixes every violating
   * generator at once (MATPOWER pf.enforce_q_lims = 1); 'one-at-a-time' the worst one (= 2).
   */
  enforceQLimits?: false | 'simultaneous' | 'one-at-a-time';
  /**
   * Reuse across solves of cases with the same topology and bus types (a time series): the
   * Ybus of this case, the Newton solver's Jacobian pattern and factorisation, and the bus
   * classification the pattern was built for (classifyBuses of this case: the same while the
   * bus types, branch status and units in service are).
   */
  reuse?: { ybus: Ybus; types?: BusTypes } & Pick<NewtonOptions, 'jacobian' | 'linearSolver'>;
  /**
   * ms of wall time for the whole solve (all re-solves), checked once per Newton iteration;
   * when exceeded the result is not converged, with the reason. Default no limit.
   */
  timeLimitMs?: number;
  /** the clock for timeLimitMs, ms (default performance.now); tests inject one */
  now?: () => number;
}

export interface AcPowerFlowResult extends BranchFlows {
  converged: boolean;
  /** Newton iterations, summed over the re-solves of reactive-limit enforcement */
  iterations: number;
  /** pu, ‖F‖∞ at the last iterate */
  mismatch: number;
  reason?: string;
  baseMVA: number;
  /** pu and degrees, per bus */
  Vm: Float64Array;
  Va: Float64Array;
  /** MW and MVAr, per generator */
  Pg: Float64Array;
  Qg: Float64Array;
  /** generators fixed at a reactive limit (indices) */
  qLimited: number[];
}

const DEG = 180 / Math.PI;

type DispatchState = Parameters<typeof generatorDispatch>[4];

export function runAcPowerFlow(pf: PfCase, options: AcPowerFlowOptions = {}): AcPowerFlowResult {
  const deadline = startDeadline(options.timeLimitMs, options.now);
  const ybus = options.reuse?.ybus ?? makeYbus(pf);
  const busType = Int8Array.from(pf.busType);
  const state: DispatchState = {
    Pd: Float64Array.from(pf.Pd),
    Qd: Float64Array.from(pf.Qd),
    genOn: Uint8Array.from(pf.genOn),
    Pg: Float64Array.from(pf.Pg),
    Qg: Float64Array.from(pf.Qg),
  };
  let types = options.reuse?.types ?? classifyBuses(pf, busType);
  const ref0 = types.ref[0];
  const Vm = Float64Array.from(pf.Vm0);
  // A PQ bus starting at |V| = 0 (as case files store dead buses) would give the Jacobian an
  // empty angle column; the start is a guess, not data, so it starts at 1 pu instead.
  for (const i of types.pq) if (Vm[i] === 0) Vm[i] = 1;
  const Va = new Float64Array(pf.nBus);
  for (let i = 0; i < pf.nBus; i++) Va[i] = pf.Va0[i]! / DEG;
  const Va0ref = ref0 === undefined ? 0 : Va[ref0]!;
  const limited: number[] = [];
  const fixedQg = new Float64Array(pf.nGen);
  let iterations = 0;
  const remote = RemoteVoltageControl.of(pf, Vm);

  for (;;) {
    applyVoltageSetpoints(pf, types, state.genOn, Vm);
    remote?.applySetpoints(types, state.genOn, Vm);
    const sbus = makeSbus(pf, state.Pd, state.Qd, state.genOn);
    const reuse = limited.length === 0 ? options.reuse : undefined;
    const newtonOptions: NewtonOptions = {
      ...options,
      ...(reuse?.jacobian ? { jacobian: reuse.jacobian } : {}),
      ...(reuse?.linearSolver ? { linearSolver: reuse.linearSolver } : {}),
      ...remainingTime(deadline),
      busIds: pf.busIds,
    };
    const unsolvable = unreferencedReason(pf, types);
    const nr =
      unsolvable === null
        ? newtonPowerFlow(ybus, sbus, Vm, Va, types, newtonOptions)
        : // No iteration: only the mismatch at the starting point, for the report.
          {
            ...newtonPowerFlow(ybus, sbus, Vm, Va, types, { ...newtonOptions, maxIterations: 0 }),
            converged: false,
            reason: unsolvable,
          };
    if (nr.timedOut && deadline) {
      nr.reason = `time limit of ${deadline.limitMs} ms exceeded after ${plural(iterations + nr.iterations, 'iteration')}`;
    }
    iterations += nr.iterations;
    Vm.set(nr.Vm);
    Va.set(nr.Va);
    const solution = solutionAt(pf, ybus, types, state, Vm, Va);
    state.Pg = solution.Pg;
    state.Qg = solution.Qg;
    // the result of this pass as it stands (each way out below reports it, some as a failure)
    const done = (): AcPowerFlowResult =>
      finish(pf, ybus, state, limited, fixedQg, nr, iterations, Vm, Va, ref0, Va0ref, types);
    if (nr.converged && remote !== null) {
      // Remote voltage control: move the units' own voltages and solve again until each
      // regulated bus is at its set-point (an outer loop, as PowSyBl's and PSS/E's).
      const adjust = remote.adjust(state.genOn, Vm);
      if (adjust === 'again') continue;
      if (adjust !== 'done') {
        return { ...done(), converged: false, reason: adjust };
      }
    }
    if (!nr.converged || !options.enforceQLimits) {
      return done();
    }
    const violating = findQViolations(pf, state, busType, options.enforceQLimits);
    if (violating === 'infeasible') {
      return {
        ...done(),
        converged: false,
        reason: 'every remaining generator exceeds the same reactive limit',
      };
    }
    if (violating.length === 0) {
      return done();
    }
    for (const k of violating) {
      const q = state.Qg[k]! > pf.Qmax[k]! ? pf.Qmax[k]! : pf.Qmin[k]!;
      fixedQg[k] = q;
      state.Qg[k] = q;
      state.genOn[k] = 0;
      const i = pf.genBus[k]!;
      state.Pd[i]! -= state.Pg[k]!;
      state.Qd[i]! -= q;
      busType[i] = PQ;
      limited.push(k);
    }
    types = classifyBuses(pf, busType);
    for (const i of types.ref) busType[i] = REF;
  }
}

/** The Newton time options for what is left of the solve's budget. */
function remainingTime(deadline: Deadline | null): Pick<NewtonOptions, 'timeLimitMs'> {
  if (deadline === null) return {};
  return { timeLimitMs: Math.max(0, deadline.limitMs - deadline.elapsed()) };
}

/** Vm at voltage-controlled buses = the setpoint of their (last listed) in-service generator. */
function applyVoltageSetpoints(
  pf: PfCase,
  types: BusTypes,
  genOn: Uint8Array,
  Vm: Float64Array,
): void {
  const controlled = new Uint8Array(pf.nBus);
  for (const i of types.ref) controlled[i] = 1;
  for (const i of types.pv) controlled[i] = 1;
  for (let k = 0; k < pf.nGen; k++) {
    const i = pf.genBus[k]!;
    if (genOn[k] && controlled[i]) Vm[i] = pf.Vg[k]!;
  }
}

function solutionAt(
  pf: PfCase,
  ybus: Ybus,
  types: BusTypes,
  state: DispatchState,
  Vm: Float64Array,
  Va: Float64Array,
): { Pg: Float64Array; Qg: Float64Array } {
  const { vr, vi } = rectangular(Vm, Va);
  const sRe = new Float64Array(pf.nBus);
  const sIm = new Float64Array(pf.nBus);
  busPowers(ybus, vr, vi, sRe, sIm);
  return generatorDispatch(pf, types, sRe, sIm, state);
}

function rectangular(Vm: Float64Array, Va: Float64Array): { vr: Float64Array; vi: Float64Array } {
  const vr = new Float64Array(Vm.length);
  const vi = new Float64Array(Vm.length);
  for (let i = 0; i < Vm.length; i++) {
    vr[i] = Vm[i]! * Math.cos(Va[i]!);
    vi[i] = Vm[i]! * Math.sin(Va[i]!);
  }
  return { vr, vi };
}

function finish(
  pf: PfCase,
  ybus: Ybus,
  state: { Pg: Float64Array; Qg: Float64Array },
  limited: number[],
  fixedQg: Float64Array,
  nr: { converged: boolean; mismatch: number; reason?: string },
  iterations: number,
  Vm: Float64Array,
  VaRad: Float64Array,
  ref0: number | undefined,
  Va0ref: number,
  types: BusTypes,
): AcPowerFlowResult {
  for (const k of limited) state.Qg[k] = fixedQg[k]!;
  const { vr, vi } = rectangular(Vm, VaRad);
  const flows = branchFlows(pf, ybus.branch, vr, vi);
  // Angles as MATPOWER reports them: wrapped to (-180°, 180°], and, if enforcement moved the
  // reference, shifted so the original reference keeps its angle.
  const Va = new Float64Array(pf.nBus);
  for (let i = 0; i < pf.nBus; i++) Va[i] = Math.atan2(vi[i]!, vr[i]!) * DEG;
  if (limited.length > 0 && ref0 !== undefined && types.ref[0] !== ref0) {
    const delta = Va[ref0]! - Va0ref * DEG;
    for (let i = 0; i < pf.nBus; i++) Va[i]! -= delta;
  }
  const result: AcPowerFlowResult = {
    converged: nr.converged,
    iterations,
    mismatch: nr.mismatch,
    baseMVA: pf.baseMVA,
    Vm: Float64Array.from(Vm),
    Va,
    ...flows,
    Pg: state.Pg,
    Qg: state.Qg,
    qLimited: limited,
  };
  if (nr.reason !== undefined) result.reason = nr.reason;
  const bad = result.converged
    ? firstNonFinite({ Vm: result.Vm, Va, Pg: state.Pg, Qg: state.Qg, ...flows })
    : null;
  if (bad !== null) {
    result.converged = false;
    result.reason = `the solution is not finite (${bad}) although the mismatch converged`;
  }
  return result;
}
