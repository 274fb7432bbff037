// How a branch is named to a person — in the event log, a CLI table or a solver error. One
// wording for every caller, so the same branch reads the same everywhere:
//   "Espoo–Inkoo 400 kV line (L981)"  a branch with its own id (FinEst, CGMES): name or ends,
//                                     what it is, id
//   "branch 4 (bus 3 → 7)"            a branch whose id is its 1-based row (MATPOWER): the row,
//                                     which finds it in the case file, and its end buses
import type { Network } from '../schema/network.ts';

export interface BranchEndParts {
  readonly id: string;
  readonly name?: string | undefined;
  /** kV */
  readonly baseKV?: number | undefined;
}

/** What a label needs; callers without a Network (the solver's index) give ids only. */
export interface BranchLabelParts {
  /** 0-based position in the network's branch list */
  readonly row: number;
  /** absent, or equal to row + 1, when the row is the only name (MATPOWER) */
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly kind?: 'line' | 'transformer' | undefined;
  readonly from: BranchEndParts;
  readonly to: BranchEndParts;
}

export function formatBranchLabel(p: BranchLabelParts): string {
  const rowName = String(p.row + 1);
  if (p.id === undefined || (p.id === rowName && p.name === undefined)) {
    return `branch ${rowName} (bus ${p.from.id} → ${p.to.id})`;
  }
  const what =
    p.kind === 'transformer'
      ? 'transformer'
      : p.from.baseKV !== undefined
        ? `${p.from.baseKV} kV line`
        : 'line';
  const ends = `${p.from.name ?? p.from.id}–${p.to.name ?? p.to.id}`;
  return `${p.name ?? ends} ${what} (${p.id})`;
}

/**
 * The label of branch l of a network. busIndex (id → position) saves a scan per call for
 * callers that label many branches; without it the ends are looked up by id.
 */
export function branchLabel(
  net: Network,
  l: number,
  busIndex?: ReadonlyMap<string, number>,
): string {
  const br = net.branches[l];
  if (br === undefined) throw new RangeError(`@finest/grid: no branch at position ${l}`);
  const end = (id: string): BranchEndParts => {
    const i = busIndex?.get(id);
    const bus = i !== undefined ? net.buses[i] : net.buses.find((b) => b.id === id);
    return { id, name: bus?.name, baseKV: bus?.baseKV };
  };
  return formatBranchLabel({
    row: l,
    id: br.id,
    name: br.name,
    kind: br.kind,
    from: end(br.from),
    to: end(br.to),
  });
}
