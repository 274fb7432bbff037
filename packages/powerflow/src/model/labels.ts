// How solver messages name elements of a case: by their row in the case file (1-based, the order
// buildPfCase keeps) and their ids, so a user can find them in the file. Branches take the
// grid package's wording (formatBranchLabel), given the ids the solver's index keeps.
import { formatBranchLabel } from '@finest/grid';
import type { PfCase } from './pf-case.ts';

/** "bus 7 (row 5)" */
export function busLabel(pf: PfCase, i: number): string {
  return `bus ${pf.busIds[i]} (row ${i + 1})`;
}

/** "branch 4 (bus 3 → 7)": its row and the ids of its ends */
export function caseBranchLabel(pf: PfCase, l: number): string {
  return formatBranchLabel({
    row: l,
    from: { id: pf.busIds[pf.from[l]!]! },
    to: { id: pf.busIds[pf.to[l]!]! },
  });
}
