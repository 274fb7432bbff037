// Reference, PV and PQ bus sets as MATPOWER's bustypes.m builds them: a PV or REF bus with no
// in-service generator is treated as PQ, and when no REF bus is left the first PV bus becomes
// the reference. Isolated (type 4) buses belong to none of the sets.
import { NONE, PQ, PV, REF, type PfCase } from './pf-case.ts';

export interface BusTypes {
  readonly ref: Int32Array;
  readonly pv: Int32Array;
  readonly pq: Int32Array;
}

/**
 * @param typeOverride optional per-bus types to use instead of the case's (for reactive-limit
 *   enforcement, which turns PV buses into PQ buses)
 */
export function classifyBuses(pf: PfCase, typeOverride?: Int8Array): BusTypes {
  const type = typeOverride ?? pf.busType;
  const hasGen = new Uint8Array(pf.nBus);
  for (let k = 0; k < pf.nGen; k++) if (pf.genOn[k]) hasGen[pf.genBus[k]!] = 1;
  const ref: number[] = [];
  const pv: number[] = [];
  const pq: number[] = [];
  for (let i = 0; i < pf.nBus; i++) {
    const t = type[i]!;
    if (t === NONE) continue;
    if (t === REF && hasGen[i]) ref.push(i);
    else if (t === PV && hasGen[i]) pv.push(i);
    else if (t === PQ || !hasGen[i]) pq.push(i);
  }
  if (ref.length === 0 && pv.length > 0) ref.push(pv.shift()!);
  return { ref: Int32Array.from(ref), pv: Int32Array.from(pv), pq: Int32Array.from(pq) };
}
