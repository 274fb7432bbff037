// Reference, PV and PQ bus sets as MATPOWER's bustypes.m builds them, applied island by island:
// a PV or REF bus with no in-service generator is treated as PQ, and an island left without a
// REF bus gets its first PV bus as reference. (MATPOWER applies that rule once to the whole
// case, so a second island never gets a reference and its Jacobian is singular; every island
// needs its own angle reference.) An island with no REF or PV bus holding an in-service
// generator cannot be solved: it is listed in `unreferenced` and the solvers report it
// instead of factoring a singular matrix. Isolated (type 4) buses belong to no set.
import { NONE, PQ, PV, REF, type PfCase } from './pf-case.ts';
import { findPfIslands } from './pf-islands.ts';

export interface BusTypes {
  readonly ref: Int32Array;
  readonly pv: Int32Array;
  readonly pq: Int32Array;
  /** islands without a reference (bus indices, ascending), in the order of their first bus */
  readonly unreferenced: readonly Int32Array[];
}

/**
 * @param typeOverride optional per-bus types to use instead of the case's (for reactive-limit
 *   enforcement, which turns PV buses into PQ buses)
 */
export function classifyBuses(pf: PfCase, typeOverride?: Int8Array): BusTypes {
  // local copies: an imported binding read in a loop is checked at every read
  const [isPq, isPv, isRef, isNone] = [PQ, PV, REF, NONE];
  const type = typeOverride ?? pf.busType;
  const n = pf.nBus;
  const hasGen = new Uint8Array(n);
  for (let k = 0; k < pf.nGen; k++) if (pf.genOn[k]) hasGen[pf.genBus[k]!] = 1;
  const { count, islandOf } = findPfIslands(pf);
  // per island: 0 no reference yet, 1 a REF bus with a unit, 2 a PV bus promoted
  const referenced = new Uint8Array(count);
  for (let i = 0; i < n; i++) {
    if (type[i] === isRef && hasGen[i] && islandOf[i]! >= 0) referenced[islandOf[i]!] = 1;
  }
  const ref: number[] = [];
  const pv: number[] = [];
  const pq: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = type[i]!;
    if (t === isNone) continue;
    const island = islandOf[i]!;
    if (t === isRef && hasGen[i]) ref.push(i);
    else if (t === isPv && hasGen[i]) {
      // the first PV bus of an island without a REF bus becomes its reference
      if (island >= 0 && referenced[island] === 0) {
        referenced[island] = 2;
        ref.push(i);
      } else pv.push(i);
    } else if (t === isPq || !hasGen[i]) pq.push(i);
  }
  return {
    ref: Int32Array.from(ref),
    pv: Int32Array.from(pv),
    pq: Int32Array.from(pq),
    unreferenced: unreferencedIslands(islandOf, referenced),
  };
}

function unreferencedIslands(islandOf: Int32Array, referenced: Uint8Array): Int32Array[] {
  if (!referenced.includes(0)) return [];
  const members = new Map<number, number[]>();
  islandOf.forEach((island, i) => {
    if (island < 0 || referenced[island]) return;
    const list = members.get(island);
    if (list) list.push(i);
    else members.set(island, [i]);
  });
  return [...members.values()].map((buses) => Int32Array.from(buses));
}

/** How many bus ids a reason lists before it says "and N more". */
const LISTED = 8;

/**
 * The reason a case with unreferenced islands cannot be solved, naming the buses of the first
 * such island; null when every island has a reference.
 */
export function unreferencedReason(pf: PfCase, types: BusTypes): string | null {
  const first = types.unreferenced[0];
  if (first === undefined) return null;
  const ids = Array.from(first.subarray(0, LISTED), (i) => pf.busIds[i]).join(', ');
  const more = first.length > LISTED ? ` and ${first.length - LISTED} more` : '';
  const others =
    types.unreferenced.length > 1
      ? ` (and ${types.unreferenced.length - 1} other such islands)`
      : '';
  return (
    `island of ${first.length} bus${first.length === 1 ? '' : 'es'} (${ids}${more}) has no ` +
    `REF or PV bus with an in-service generator to be its angle reference${others}; ` +
    `give it a source, mark its buses NONE, or shed it with energiseIslands`
  );
}
