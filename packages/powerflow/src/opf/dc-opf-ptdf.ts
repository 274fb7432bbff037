// The DC OPF over the dispatch alone, with the network limits added as they are needed
// (constraint generation, as security-constrained dispatch does it; Stott, Jardim & Alsaç,
// "DC power flow revisited", IEEE Trans. Power Syst. 24(3), 2009, §V). Columns: the cost
// columns only (cost-columns.ts). Rows: one balance per island,
//
//   Σ_{k in island s} Pg_k = Σ_{i in s} (Pd_i + Gs_i − P_hvdc,i)      (Σ Pbusinj over an island is 0)
//
// the cost segments, and for each network limit m (monitored.ts) that the dispatch has
// broken so far, its sensitivity row: with θ(pvpq) = B⁻¹ P (opf-network.ts), the limited
// quantity is affine in Pg,
//
//   q_m(Pg) = Σ_k a_mk Pg_k + c_m,   a_mk = w_m · (B⁻¹ (e_f − e_t))(bus of k)   (0 at a reference)
//
// w_m = b_l for a flow (MW per MW), 1 for an angle (rad·MVA per MW); c_m is read off the
// dispatch at which the row is added. One solve with the factored B per row.
//
// Each round solves, computes the angles of the dispatch, and adds a row for every limit it
// breaks; the rows already added stay. It ends when no limit is broken, after at most as many
// rounds as limits. HiGHS restarts from its last basis, so a round costs a few pivots.
// Typically only a handful of limits ever bind, and the problem HiGHS sees has a few thousand
// columns and rows where the B-θ form has ten thousand angles and an equality per bus (which
// HiGHS's QP solver, unlike its LP solver, does not presolve: that form of case_ACTIVSg10k
// did not solve in 50 s).
//
// Prices: λ_s, the dual of island s's balance, is the price at its reference; a limit's dual
// y_m moves it elsewhere by a_m (injecting at i instead of the reference changes q_m by
// a_m(i)):   lam_P(i) = λ_s + Σ_m y_m a_m(i) = λ_s + (B⁻¹ Σ_m y_m w_m (e_f − e_t))(i),   one solve.
import { caseBranchLabel } from '../model/labels.ts';
import {
  addSegmentRows,
  fillCostColumns,
  layoutCostColumns,
  type CostColumns,
} from './cost-columns.ts';
import { openLp, type Highs, type LpSolveOptions, type LpStatus } from './highs-solver.ts';
import { LpRows, lpModel } from './lp-model.ts';
import { FLOW, monitoredValues, type Monitored } from './monitored.ts';
import type { OpfCase } from './opf-case.ts';
import { dispatchAngles, type OpfNetwork } from './opf-network.ts';

export const PTDF_DEFAULTS = {
  /** MW (rad·MVA): a limit broken by more than this gets its row */
  violation: 1e-9,
  /** stored sensitivity entries, over all rows, beyond which the B-θ form is the better one */
  maxNonzeros: 4_000_000,
  /** sensitivities smaller than this (MW per MW) are left out of a row */
  dropBelow: 1e-12,
  /** rows solved for at once (one solve with that many right-hand sides) */
  batch: 32,
};

export type PtdfOptions = LpSolveOptions & { readonly ptdf?: Partial<typeof PTDF_DEFAULTS> };

export interface PtdfSolution {
  /** 'too-dense': more sensitivity entries than allowed; the caller uses the B-θ form */
  readonly status: LpStatus | 'too-dense';
  readonly reason: string;
  readonly attempt: string;
  /** MW per generator */
  readonly Pg: Float64Array;
  /** rad per bus */
  readonly theta: Float64Array;
  /** $/MWh per bus */
  readonly lamP: Float64Array;
  /** per monitored limit, the dual of its row (0 if never added): < 0 at its upper bound */
  readonly limitDual: Float64Array;
  readonly rounds: number;
  /** limits that got a row */
  readonly rowsAdded: number;
  readonly iterations: number;
}

export function solveDcOpfPtdf(
  highs: Highs,
  opf: OpfCase,
  net: OpfNetwork,
  monitored: Monitored,
  options: PtdfOptions = {},
): PtdfSolution {
  const settings = { ...PTDF_DEFAULTS, ...options.ptdf };
  const { pf } = opf;
  const { b, Pfinj } = net.system.bdc;
  const columns = layoutCostColumns(opf, 0);
  const n = columns.end;
  const colCost = new Float64Array(n);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n);
  const costs = fillCostColumns(opf, columns, colCost, colLower, colUpper);
  const rows = new LpRows(2 * n);
  const balanceRow = addIslandBalances(opf, net, columns, rows);
  addSegmentRows(opf, columns, rows);
  const session = openLp(highs, lpModel({ colCost, colLower, colUpper, ...costs }, rows), options);

  const rowOf = new Int32Array(monitored.count).fill(-1);
  const Pg = new Float64Array(pf.nGen);
  let theta: Float64Array = new Float64Array(pf.nBus);
  let rounds = 0;
  let rowsAdded = 0;
  let iterations = 0;
  const result = (
    status: PtdfSolution['status'],
    reason: string,
    attempt: string,
    rowDual?: Float64Array,
  ): PtdfSolution => {
    const limitDual = new Float64Array(monitored.count);
    let lamP: Float64Array = new Float64Array(pf.nBus);
    if (rowDual !== undefined) {
      for (let m = 0; m < monitored.count; m++)
        if (rowOf[m]! >= 0) limitDual[m] = rowDual[rowOf[m]!]!;
      lamP = prices(opf, net, monitored, balanceRow, rowDual, limitDual);
    }
    return { status, reason, attempt, Pg, theta, lamP, limitDual, rounds, rowsAdded, iterations };
  };
  try {
    for (;;) {
      const lp = session.run();
      rounds++;
      iterations += lp.iterations;
      if (lp.status !== 'optimal') {
        return result(
          lp.status,
          whyNot(lp.status, lp.highsStatus, opf, monitored, rowOf),
          lp.attempt,
        );
      }
      for (let k = 0; k < pf.nGen; k++)
        Pg[k] = columns.pgCol[k]! >= 0 ? lp.colValue[columns.pgCol[k]!]! : 0;
      theta = dispatchAngles(net, Pg);
      const values = monitoredValues(opf, monitored, b, Pfinj, theta);
      const broken: number[] = [];
      for (let m = 0; m < monitored.count; m++) {
        if (rowOf[m]! >= 0) continue; // an added row is HiGHS's to keep (within its tolerance)
        const v = values[m]!;
        if (
          v > monitored.upper[m]! + settings.violation ||
          v < monitored.lower[m]! - settings.violation
        )
          broken.push(m);
      }
      if (broken.length === 0) return result('optimal', 'optimal', lp.attempt, lp.rowDual);
      const first = rows.count;
      for (let s = 0; s < broken.length; s += settings.batch) {
        addSensitivityRows(
          opf,
          net,
          monitored,
          columns,
          broken.slice(s, s + settings.batch),
          Pg,
          values,
          settings.dropBelow,
          rows,
          rowOf,
        );
      }
      rowsAdded += broken.length;
      if (rows.nonzeros > settings.maxNonzeros) {
        return result(
          'too-dense',
          `${rowsAdded} limits needed rows: over ${settings.maxNonzeros} sensitivities`,
          lp.attempt,
        );
      }
      session.addRows(rows, first);
    }
  } finally {
    session.dispose();
  }
}

/** One balance row per island that has units; returns the row of each island (−1: none). */
function addIslandBalances(
  opf: OpfCase,
  net: OpfNetwork,
  columns: CostColumns,
  rows: LpRows,
): Int32Array {
  const { pf } = opf;
  const { count, islandOf } = net.islands;
  const demand = new Float64Array(count);
  for (let i = 0; i < pf.nBus; i++) {
    const s = islandOf[i]!;
    if (s >= 0) demand[s]! += pf.Pd[i]! + pf.Gs[i]! - pf.Phvdc[i]!;
  }
  // units grouped by island, so that each row is written in one go
  const unitsOf: number[][] = Array.from({ length: count }, () => []);
  for (let k = 0; k < pf.nGen; k++) {
    const s = islandOf[pf.genBus[k]!]!;
    if (columns.pgCol[k]! >= 0 && s >= 0) unitsOf[s]!.push(k);
  }
  // an island without units has no row: island-balance.ts has already refused it unless its
  // demand is nil
  const balanceRow = new Int32Array(count).fill(-1);
  for (let s = 0; s < count; s++) {
    if (unitsOf[s]!.length === 0) continue;
    balanceRow[s] = rows.begin(demand[s]!, demand[s]!);
    for (const k of unitsOf[s]!) rows.entry(columns.pgCol[k]!, 1);
  }
  return balanceRow;
}

/** Appends the sensitivity rows of the limits `which`, linearised at the dispatch Pg. */
function addSensitivityRows(
  opf: OpfCase,
  net: OpfNetwork,
  monitored: Monitored,
  columns: CostColumns,
  which: number[],
  Pg: Float64Array,
  values: Float64Array,
  dropBelow: number,
  rows: LpRows,
  rowOf: Int32Array,
): void {
  const { pf } = opf;
  const { position, system } = net;
  const np = system.pvpq.length;
  const rhs = new Float64Array(np * which.length);
  which.forEach((m, c) => {
    const l = monitored.branch[m]!;
    const pfr = position[pf.from[l]!]!;
    const pto = position[pf.to[l]!]!;
    if (pfr >= 0) rhs[c * np + pfr]! += 1;
    if (pto >= 0) rhs[c * np + pto]! -= 1;
  });
  const r = system.solveMany(rhs, which.length, rhs);
  which.forEach((m, c) => {
    const l = monitored.branch[m]!;
    const w = monitored.kind[m] === FLOW ? system.bdc.b[l]! : 1;
    const offset = c * np;
    // coefficients per unit, and the constant term: q(Pg) − Σ a_k Pg_k
    let constant = values[m]!;
    const cols: number[] = [];
    const coefs: number[] = [];
    for (let k = 0; k < pf.nGen; k++) {
      const j = columns.pgCol[k]!;
      const p = position[pf.genBus[k]!]!;
      if (j < 0 || p < 0) continue;
      const a = w * r[offset + p]!;
      if (Math.abs(a) < dropBelow) continue;
      cols.push(j);
      coefs.push(a);
      constant -= a * Pg[k]!;
    }
    rowOf[m] = rows.begin(monitored.lower[m]! - constant, monitored.upper[m]! - constant);
    for (let e = 0; e < cols.length; e++) rows.entry(cols[e]!, coefs[e]!);
  });
}

/** lam_P per bus from the balance and limit duals (see the header). */
function prices(
  opf: OpfCase,
  net: OpfNetwork,
  monitored: Monitored,
  balanceRow: Int32Array,
  rowDual: Float64Array,
  limitDual: Float64Array,
): Float64Array {
  const { pf } = opf;
  const { position, system, islands } = net;
  const rhs = new Float64Array(system.pvpq.length);
  let any = false;
  for (let m = 0; m < monitored.count; m++) {
    const y = limitDual[m]!;
    if (y === 0) continue;
    any = true;
    const l = monitored.branch[m]!;
    const yw = y * (monitored.kind[m] === FLOW ? system.bdc.b[l]! : 1);
    const pfr = position[pf.from[l]!]!;
    const pto = position[pf.to[l]!]!;
    if (pfr >= 0) rhs[pfr]! += yw;
    if (pto >= 0) rhs[pto]! -= yw;
  }
  const shift = any ? system.solve(rhs, rhs) : rhs;
  const lamP = new Float64Array(pf.nBus);
  for (let i = 0; i < pf.nBus; i++) {
    const s = islands.islandOf[i]!;
    if (s < 0 || balanceRow[s]! < 0) continue;
    const p = position[i]!;
    lamP[i] = rowDual[balanceRow[s]!]! + (p >= 0 ? shift[p]! : 0);
  }
  return lamP;
}

/** Why a round failed; an infeasible one names the limits whose rows it had (with the unit limits and island balances, an infeasible set). */
function whyNot(
  status: LpStatus,
  highsStatus: string,
  opf: OpfCase,
  monitored: Monitored,
  rowOf: Int32Array,
): string {
  if (status !== 'infeasible') return highsStatus;
  const limits: string[] = [];
  for (let m = 0; m < monitored.count; m++) {
    if (rowOf[m]! < 0) continue;
    const l = monitored.branch[m]!;
    limits.push(
      `${monitored.kind[m] === FLOW ? 'the rating of' : 'the angle limit of'} ${caseBranchLabel(opf.pf, l)}`,
    );
  }
  if (limits.length === 0) return 'no dispatch within the unit limits balances every island';
  const shown =
    limits.slice(0, 6).join(', ') + (limits.length > 6 ? ` and ${limits.length - 6} more` : '');
  return `no dispatch within the unit limits balances every island and respects ${shown}`;
}
