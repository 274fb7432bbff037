// DC optimal power flow with MATPOWER's rundcopf semantics (manual §6.4; opf_setup.m,
// dcopf_solver.m): the least-cost dispatch of the in-service units within PMIN/PMAX, the
// branch ratings RATE_A and the angle-difference limits, on the DC network of makeBdc (phase
// shifters included), each island balanced on its own; prices are the duals of the bus
// balances (lam_P, $/MWh, positive when more load costs more).
// One difference: HVDC links stay the fixed injections of the power-flow model (pf-case.ts);
// MATPOWER's toggle_dcline would dispatch them within their limits.
//
// Two formulations, one answer: the dispatch with network limits added as needed
// (dc-opf-ptdf.ts, the default: fast on large cases and for QPs) and the B-θ model with every
// limit (dc-opf-model.ts). `formulation: 'auto'` uses the first and falls back to the second
// when it cannot decide: the B matrix cannot be factored, the relaxation is unbounded (limits
// not yet added might bound it), HiGHS gives no verdict, or the added rows grow too dense.
//
// Outcomes are returned, never thrown: `success`, or `success: false` with `status` and a
// `reason` naming the cause; an island whose units cannot meet its load is named before any
// solve (island-balance.ts). Bad input (no gencost, a cubic or concave cost, a zero reactance)
// throws PowerflowInputError, as everywhere in this package.
import type { Network } from '@finest/grid';
import { makeBdc, type Bdc } from '../dc/make-bdc.ts';
import { PowerflowUnsolvableError } from '../errors.ts';
import { firstNonFinite } from '../finite-result.ts';
import { busLabel } from '../model/labels.ts';
import { findPfIslands } from '../model/pf-islands.ts';
import { buildAngleModel } from './dc-opf-model.ts';
import { solveDcOpfPtdf, type PtdfOptions, type PtdfSolution } from './dc-opf-ptdf.ts';
import { costAt } from './gen-costs.ts';
import { loadHighs, solveLp, type Highs, type LpStatus } from './highs-solver.ts';
import { islandBalanceProblem } from './island-balance.ts';
import { FLOW, monitoredLimits, monitoredValues, type Monitored } from './monitored.ts';
import { buildOpfCase, type OpfCase } from './opf-case.ts';
import { branchFlowsMw, opfReferences, prepareOpfNetwork, type OpfNetwork } from './opf-network.ts';

export type DcOpfStatus = LpStatus;

export type DcOpfOptions = PtdfOptions & {
  /** 'auto' (default): constraint generation, B-θ where it cannot decide */
  readonly formulation?: 'auto' | 'ptdf' | 'angles';
};

export interface DcOpfResult {
  success: boolean;
  status: DcOpfStatus;
  /** the cause when not successful */
  reason?: string;
  /** 'ptdf' or 'angles', and HiGHS's settings when they were not the first ones */
  method: string;
  /** $/h, MATPOWER's f (constant cost terms included); NaN when not solved */
  objective: number;
  /** MW per generator (0 for units out of service) */
  Pg: Float64Array;
  /** MW per branch, from-end flow (0 out of service); Pt = −Pf in the DC model */
  Pf: Float64Array;
  /** degrees per bus */
  Va: Float64Array;
  /** $/MWh per bus (0 at isolated buses and in islands without units) */
  lam_P: Float64Array;
  /** $/MWh per branch: shadow prices of the rating in the from → to and to → from direction (≥ 0) */
  mu_Sf: Float64Array;
  mu_St: Float64Array;
  /** branches whose |Pf| is within 1e-6 MW of RATE_A, ascending */
  binding: Int32Array;
  /** MW: the largest excess of |Pf| over RATE_A (0 when every flow is within its rating) */
  maxViolation: number;
  /** HiGHS iterations over every run; constraint-generation rounds */
  iterations: number;
  rounds: number;
  timing: {
    /** ms: the index, B matrices and their factorisation, the model */
    buildMs: number;
    /** ms in the solver loop (HiGHS and the sensitivity rows) */
    solveMs: number;
    /** ms from the call to the result, loading HiGHS on first use included */
    totalMs: number;
  };
}

/** MW: a flow this close to its rating is reported binding */
const BINDING_MW = 1e-6;

/**
 * Solves the DC OPF of a network (or of an OpfCase built from one, with its own limits or
 * costs). Loads HiGHS on the first call.
 * @throws PowerflowInputError for bad input (see buildOpfCase, makeBdc)
 */
export async function runDcOpf(
  input: Network | OpfCase,
  options: DcOpfOptions = {},
): Promise<DcOpfResult> {
  const start = performance.now();
  const highs = await loadHighs();
  const result = runDcOpfWith(highs, input, options);
  result.timing.totalMs = performance.now() - start;
  return result;
}

/** runDcOpf with a runtime already loaded (`await loadHighs()`): synchronous. */
export function runDcOpfWith(
  highs: Highs,
  input: Network | OpfCase,
  options: DcOpfOptions = {},
): DcOpfResult {
  const start = performance.now();
  const opf = 'buses' in input ? buildOpfCase(input) : input;
  const problem = islandBalanceProblem(opf.pf, opf.Pmin, opf.Pmax);
  if (problem !== null) return unsolved(opf, 'infeasible', problem, 'none', start);
  const monitored = monitoredLimits(opf);
  const formulation = options.formulation ?? 'auto';

  let net: OpfNetwork | null = null;
  let fallbackWhy = '';
  if (formulation !== 'angles') {
    try {
      net = prepareOpfNetwork(opf.pf);
    } catch (err) {
      if (!(err instanceof PowerflowUnsolvableError)) throw err;
      if (formulation === 'ptdf') return unsolved(opf, 'solver-error', err.reason, 'ptdf', start);
      fallbackWhy = err.reason;
    }
  }
  const bdc = net?.system.bdc ?? makeBdc(opf.pf);
  const built = performance.now();
  if (net !== null) {
    const sol = solveDcOpfPtdf(highs, opf, net, monitored, options);
    const decided =
      sol.status === 'optimal' || sol.status === 'infeasible' || sol.status === 'time-limit';
    if (decided || formulation === 'ptdf') {
      const solved = performance.now();
      const result =
        sol.status === 'optimal'
          ? fromPtdf(opf, bdc, monitored, sol)
          : unsolved(
              opf,
              sol.status === 'too-dense' ? 'solver-error' : sol.status,
              failure(opf, sol.status, sol.reason),
              'ptdf',
              start,
            );
      result.iterations = sol.iterations;
      result.rounds = sol.rounds;
      result.timing = {
        buildMs: built - start,
        solveMs: solved - built,
        totalMs: performance.now() - start,
      };
      return checked(opf, result);
    }
    fallbackWhy = sol.status === 'too-dense' ? sol.reason : `constraint generation: ${sol.reason}`;
  }

  const angles = performance.now();
  const ref = new Uint8Array(opf.pf.nBus);
  const islands = net?.islands ?? findPfIslands(opf.pf);
  for (const i of net?.system.types.ref ?? opfReferences(opf.pf, islands)) ref[i] = 1;
  const { model, columns, balanceRow, firstLimitRow } = buildAngleModel(
    opf,
    bdc,
    monitored,
    ref,
    islands.islandOf,
  );
  const anglesBuilt = performance.now();
  // a time limit covers both formulations together
  const left =
    options.timeLimitMs === undefined
      ? {}
      : { timeLimitMs: options.timeLimitMs - (anglesBuilt - start) };
  const lp = solveLp(highs, model, { ...options, ...left });
  const solved = performance.now();
  const method = `angles${fallbackWhy ? ` (after ${fallbackWhy})` : ''}${lp.attempt === 'default' ? '' : `, HiGHS ${lp.attempt}`}`;
  let result: DcOpfResult;
  if (lp.status !== 'optimal') {
    result = unsolved(opf, lp.status, failure(opf, lp.status, lp.highsStatus), method, start);
  } else {
    const { pf } = opf;
    const Pg = new Float64Array(pf.nGen);
    for (let k = 0; k < pf.nGen; k++)
      if (columns.pgCol[k]! >= 0) Pg[k] = lp.colValue[columns.pgCol[k]!]!;
    const theta = lp.colValue.subarray(0, pf.nBus);
    const lamP = new Float64Array(pf.nBus);
    for (let i = 0; i < pf.nBus; i++)
      if (balanceRow[i]! >= 0) lamP[i] = lp.rowDual[balanceRow[i]!]!;
    const limitDual = lp.rowDual.subarray(firstLimitRow, firstLimitRow + monitored.count);
    result = solution(opf, bdc, monitored, Pg, theta, lamP, limitDual, method);
  }
  result.iterations = lp.iterations;
  result.timing = {
    buildMs: built - start + (anglesBuilt - angles),
    solveMs: solved - anglesBuilt,
    totalMs: performance.now() - start,
  };
  return checked(opf, result);
}

function fromPtdf(opf: OpfCase, bdc: Bdc, monitored: Monitored, sol: PtdfSolution): DcOpfResult {
  const method = `ptdf (${plural(sol.rowsAdded, 'limit row')}, ${plural(sol.rounds, 'round')})${sol.attempt === 'default' ? '' : `, HiGHS ${sol.attempt}`}`;
  return solution(opf, bdc, monitored, sol.Pg, sol.theta, sol.lamP, sol.limitDual, method);
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The result of an optimal dispatch, whichever formulation found it. */
function solution(
  opf: OpfCase,
  bdc: Bdc,
  monitored: Monitored,
  Pg: Float64Array,
  theta: Float64Array,
  lamP: Float64Array,
  limitDual: Float64Array,
  method: string,
): DcOpfResult {
  const { pf, costs } = opf;
  let objective = 0;
  // from the dispatch, so that the reported cost is the cost of the reported Pg
  for (let k = 0; k < pf.nGen; k++) if (pf.genOn[k]) objective += costAt(costs[k]!, Pg[k]!);
  const Pf = branchFlowsMw(pf, bdc.b, bdc.Pfinj, theta);
  const muSf = new Float64Array(pf.nBranch);
  const muSt = new Float64Array(pf.nBranch);
  const binding: number[] = [];
  let maxViolation = 0;
  const values = monitoredValues(opf, monitored, bdc.b, bdc.Pfinj, theta);
  for (let m = 0; m < monitored.count; m++) {
    if (monitored.kind[m] !== FLOW) continue;
    const l = monitored.branch[m]!;
    // HiGHS's dual is < 0 at an upper bound of a minimisation's row, > 0 at its lower bound
    muSf[l] = Math.max(0, -limitDual[m]!);
    muSt[l] = Math.max(0, limitDual[m]!);
    const excess = Math.abs(values[m]!) - monitored.upper[m]!;
    if (excess >= -BINDING_MW) binding.push(l);
    if (excess > maxViolation) maxViolation = excess;
  }
  const Va = new Float64Array(pf.nBus);
  for (let i = 0; i < pf.nBus; i++) Va[i] = (theta[i]! * 180) / Math.PI;
  return {
    success: true,
    status: 'optimal',
    method,
    objective,
    Pg,
    Pf,
    Va,
    lam_P: lamP,
    mu_Sf: muSf,
    mu_St: muSt,
    binding: Int32Array.from(binding),
    maxViolation,
    iterations: 0,
    rounds: 1,
    timing: { buildMs: 0, solveMs: 0, totalMs: 0 },
  };
}

/** A result is only successful when every number in it is finite. */
function checked(opf: OpfCase, result: DcOpfResult): DcOpfResult {
  if (!result.success) return result;
  const bad = firstNonFinite({ Pg: result.Pg, Pf: result.Pf, Va: result.Va, lam_P: result.lam_P });
  if (bad === null) return result;
  const failed = unsolved(
    opf,
    'solver-error',
    `HiGHS returned a solution that is not finite (${bad})`,
    result.method,
    0,
  );
  return { ...failed, iterations: result.iterations, rounds: result.rounds, timing: result.timing };
}

function failure(opf: OpfCase, status: LpStatus | 'too-dense', detail: string): string {
  switch (status) {
    case 'infeasible':
      return `infeasible: ${detail.startsWith('no dispatch') ? detail : 'no dispatch meets every load within the unit limits, the branch ratings (RATE_A) and the angle limits'}`;
    case 'unbounded':
      return `unbounded: ${unboundedCause(opf)}`;
    case 'time-limit':
      return 'not solved: time limit reached';
    case 'iteration-limit':
      return 'not solved: HiGHS reached its iteration limit';
    default:
      return `not solved: HiGHS ended with "${detail}"`;
  }
}

/** The first unit whose cost falls without limit along a direction its limits leave open. */
function unboundedCause(opf: OpfCase): string {
  const { pf, costs, Pmin, Pmax } = opf;
  for (let k = 0; k < pf.nGen; k++) {
    const cost = costs[k]!;
    if (!pf.genOn[k] || cost.kind !== 'polynomial' || cost.c2 > 0) continue;
    const where = `generator ${k + 1} at ${busLabel(pf, pf.genBus[k]!)}`;
    if (cost.c1 < 0 && Pmax[k] === Infinity)
      return `the cost of ${where} falls without limit as its output grows (c1 = ${cost.c1} $/MWh, PMAX = Inf)`;
    if (cost.c1 > 0 && Pmin[k] === -Infinity)
      return `the cost of ${where} falls without limit as its output falls (c1 = ${cost.c1} $/MWh, PMIN = -Inf)`;
  }
  return 'the cost has no lower bound within the unit and network limits';
}

function unsolved(
  opf: OpfCase,
  status: DcOpfStatus,
  reason: string,
  method: string,
  start: number,
): DcOpfResult {
  const { pf } = opf;
  const elapsed = start === 0 ? 0 : performance.now() - start;
  return {
    success: false,
    status,
    reason,
    method,
    objective: NaN,
    Pg: new Float64Array(pf.nGen),
    Pf: new Float64Array(pf.nBranch),
    Va: Float64Array.from(pf.Va0),
    lam_P: new Float64Array(pf.nBus),
    mu_Sf: new Float64Array(pf.nBranch),
    mu_St: new Float64Array(pf.nBranch),
    binding: new Int32Array(0),
    maxViolation: 0,
    iterations: 0,
    rounds: 0,
    timing: { buildMs: elapsed, solveMs: 0, totalMs: elapsed },
  };
}
