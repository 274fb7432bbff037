// How messages name elements of a case: by their row in the case file (1-based, the order
// buildPfCase keeps) and their ids, so a user can find them in the file.
import type { PfCase } from './pf-case.ts';

/** "bus 7 (row 5)" */
export function busLabel(pf: PfCase, i: number): string {
  return `bus ${pf.busIds[i]} (row ${i + 1})`;
}

/** "branch 4 (bus 3 → 7)": its row and the ids of its ends */
export function branchLabel(pf: PfCase, l: number): string {
  return `branch ${l + 1} (bus ${pf.busIds[pf.from[l]!]} → ${pf.busIds[pf.to[l]!]})`;
}
