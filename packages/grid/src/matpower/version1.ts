// MATPOWER case format version 1 → version 2, as MATPOWER's loadcase (mpc_1to2) does it: gen
// keeps columns 1–10 (bus … Pmin) and gains the eleven v2 columns PC1 … APF as zeros; branch
// keeps columns 1–11 (fbus … status) and gains angmin = -360, angmax = 360. Version 1 result
// columns (gen MU_*, branch PF … MU_ST) are dropped: they describe a solved case, not input.
// Bus, gencost and areas are the same in both versions. Reference: MATPOWER lib/loadcase.m.
import type { MatrixField } from './case.ts';
import { GEN_COLUMNS } from './case.ts';

const V1_GEN_INPUT = 10;
const V1_BRANCH_INPUT = 11;

export function genVersion1To2(gen: MatrixField): MatrixField {
  const pad = new Array<number>(GEN_COLUMNS - V1_GEN_INPUT).fill(0);
  return { ...gen, rows: gen.rows.map((r) => [...r.slice(0, V1_GEN_INPUT), ...pad]) };
}

export function branchVersion1To2(branch: MatrixField): MatrixField {
  return {
    ...branch,
    rows: branch.rows.map((r) => [...r.slice(0, V1_BRANCH_INPUT), -360, 360]),
  };
}
