// MATPOWER case format version 1 → version 2, as MATPOWER's loadcase (mpc_1to2) does it: gen
// keeps columns 1–10 (bus … Pmin) and gains the eleven v2 columns PC1 … APF as zeros; branch
// keeps columns 1–11 (fbus … status) and gains angmin = -360, angmax = 360. Version 1 result
// columns (gen MU_*, branch PF … MU_ST) are dropped: they describe a solved case, not input.
// Bus, gencost and areas are the same in both versions. Reference: MATPOWER lib/loadcase.m.
import { GEN_COLUMNS, reshapeColumns, type MatrixField } from './case.ts';

const V1_GEN_INPUT = 10;
const V1_BRANCH_INPUT = 11;
/** columns 12 and 13 (0-based 11, 12) of a v2 branch: ANGMIN, ANGMAX */
const ANGLE_LIMITS = [-360, 360];

export function genVersion1To2(gen: MatrixField): MatrixField {
  return reshapeColumns(gen, GEN_COLUMNS, V1_GEN_INPUT, () => 0);
}

export function branchVersion1To2(branch: MatrixField): MatrixField {
  return reshapeColumns(
    branch,
    V1_BRANCH_INPUT + 2,
    V1_BRANCH_INPUT,
    (c) => ANGLE_LIMITS[c - V1_BRANCH_INPUT]!,
  );
}
