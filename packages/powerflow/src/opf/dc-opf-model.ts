// The DC OPF with bus angles as variables (the B-θ form of MATPOWER's opf_setup.m for
// mpopt.model = 'DC', manual §6.4): columns θ (rad, every bus), then the cost columns
// (cost-columns.ts). Rows, in MW (the balance duals are then the prices in $/MWh as they are):
//
//   balance, bus i:  Σ_{k at i} Pg_k − base · Σ_j B_ij θ_j  =  Pd_i + Gs_i + base · Pbusinj_i − P_hvdc,i
//   flow limit l:    −RATE_A − base · Pfinj_l  ≤  base · b_l (θ_f − θ_t)  ≤  RATE_A − base · Pfinj_l
//   angle limit l:   base · ANGMIN  ≤  base · (θ_f − θ_t)  ≤  base · ANGMAX          (monitored.ts)
//   cost segments    (cost-columns.ts)
//
// θ is fixed at each island's reference (opf-network.ts's choice) and at isolated buses.
// Sparse (the balance rows are the columns of the symmetric Bbus), and it needs no
// factorisation, so it also serves where dc-opf-ptdf.ts cannot (see run-dc-opf.ts).
import type { Bdc } from '../dc/make-bdc.ts';
import type { PfCase } from '../model/pf-case.ts';
import {
  addSegmentRows,
  fillCostColumns,
  layoutCostColumns,
  type CostColumns,
} from './cost-columns.ts';
import { LpRows, lpModel, type LpModel } from './lp-model.ts';
import { FLOW, type Monitored } from './monitored.ts';
import type { OpfCase } from './opf-case.ts';

export interface AngleModel {
  readonly model: LpModel;
  readonly columns: CostColumns;
  /** balance row per bus, −1 for an isolated bus */
  readonly balanceRow: Int32Array;
  /** row of monitored limit m is firstLimitRow + m */
  readonly firstLimitRow: number;
}

/**
 * @param ref per bus, 1 for an island's angle reference (fixed at the case's Va)
 * @param islandOf per bus, its island or −1 for an isolated bus
 */
export function buildAngleModel(
  opf: OpfCase,
  bdc: Bdc,
  monitored: Monitored,
  ref: Uint8Array,
  islandOf: Int32Array,
): AngleModel {
  const { pf } = opf;
  const { nBus: nb, baseMVA: base } = pf;
  const columns = layoutCostColumns(opf, nb);
  const n = columns.end;
  const colCost = new Float64Array(n);
  const colLower = new Float64Array(n).fill(-Infinity);
  const colUpper = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < nb; i++) {
    if (islandOf[i]! < 0) colLower[i] = colUpper[i] = 0;
    else if (ref[i]) colLower[i] = colUpper[i] = (pf.Va0[i]! * Math.PI) / 180;
  }
  const costs = fillCostColumns(opf, columns, colCost, colLower, colUpper);

  const rows = new LpRows(bdc.Bbus.colPtr[nb]! + 2 * pf.nGen + 2 * monitored.count);
  const balanceRow = addBalanceRows(pf, bdc, columns, islandOf, rows);
  const firstLimitRow = rows.count;
  for (let m = 0; m < monitored.count; m++) {
    const l = monitored.branch[m]!;
    // a flow row in MW and a shift's flow moved to the bounds; an angle row in rad · MVA
    const w = monitored.kind[m] === FLOW ? base * bdc.b[l]! : base;
    const shifted = monitored.kind[m] === FLOW ? base * bdc.Pfinj[l]! : 0;
    rows.begin(monitored.lower[m]! - shifted, monitored.upper[m]! - shifted);
    const f = pf.from[l]!;
    const t = pf.to[l]!;
    // a branch from a bus to itself carries no flow: its row stays empty
    if (f !== t) {
      rows.entry(f, w);
      rows.entry(t, -w);
    }
  }
  addSegmentRows(opf, columns, rows);
  return {
    model: lpModel({ colCost, colLower, colUpper, ...costs }, rows),
    columns,
    balanceRow,
    firstLimitRow,
  };
}

function addBalanceRows(
  pf: PfCase,
  bdc: Bdc,
  columns: CostColumns,
  islandOf: Int32Array,
  rows: LpRows,
): Int32Array {
  const { nBus: nb, baseMVA: base } = pf;
  // the units of each bus, as a linked list through the generator rows
  const firstUnit = new Int32Array(nb).fill(-1);
  const nextUnit = new Int32Array(pf.nGen).fill(-1);
  for (let k = pf.nGen - 1; k >= 0; k--) {
    if (columns.pgCol[k]! < 0) continue;
    nextUnit[k] = firstUnit[pf.genBus[k]!]!;
    firstUnit[pf.genBus[k]!] = k;
  }
  const balanceRow = new Int32Array(nb).fill(-1);
  const { colPtr: bp, rowIdx: bi, values: bx } = bdc.Bbus;
  for (let i = 0; i < nb; i++) {
    if (islandOf[i]! < 0) continue;
    const rhs = pf.Pd[i]! + pf.Gs[i]! + base * bdc.Pbusinj[i]! - pf.Phvdc[i]!;
    balanceRow[i] = rows.begin(rhs, rhs);
    // B is symmetric: its column i is row i
    for (let p = bp[i]!, pStop = bp[i + 1]!; p < pStop; p++) rows.entry(bi[p]!, -base * bx[p]!);
    for (let k = firstUnit[i]!; k >= 0; k = nextUnit[k]!) rows.entry(columns.pgCol[k]!, 1);
  }
  return balanceRow;
}
