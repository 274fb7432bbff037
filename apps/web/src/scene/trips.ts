// Which lines and cables the run's event log says have tripped, and when. The frames mark only
// protection trips as TRIPPED: a scenario's trip event takes the element out of service, so
// its frames say OUT, as for an element that was never in service. The scene reads the log to
// draw both kinds of trip alike (writeEventTrips) and to name them (ui/Labels.tsx).
import type { LogEntry } from '@finest/scenario/schema';
import { lastIndexAtOrBefore } from '@finest/protocol';
import { LINE, type FlowStyles } from './buffers.ts';
import type { SceneModel } from './network-model.ts';

/** "branch:L1" for a trip (by the scenario or by protection) of a line or cable; else null. */
function tripKey(e: LogEntry): string | null {
  if ((e.kind !== 'trip' && e.kind !== 'protection-trip') || !e.element) return null;
  if (e.element.kind !== 'branch' && e.element.kind !== 'hvdc') return null;
  return `${e.element.kind}:${e.element.id}`;
}

/** The log's trips (by the scenario or by protection) per element, "branch:L1" → entries. */
export function tripsByElement(log: readonly LogEntry[]): Map<string, LogEntry[]> {
  const out = new Map<string, LogEntry[]>();
  for (const e of log) {
    const key = tripKey(e);
    if (key === null) continue;
    const list = out.get(key);
    if (list) list.push(e);
    else out.set(key, [e]);
  }
  return out;
}

/** The trips the log has for one element, in log order. */
export function tripsOf(log: readonly LogEntry[], kind: 'branch' | 'hvdc', id: string): LogEntry[] {
  const key = `${kind}:${id}`;
  return log.filter((e) => tripKey(e) === key);
}

/** The last of an element's trips at or before t (s), or null when it has none by then. */
export function lastTripBy(trips: readonly LogEntry[], t: number): LogEntry | null {
  const k = lastIndexAtOrBefore(trips.length, (i) => trips[i]!.t, t);
  return k >= 0 ? trips[k]! : null;
}

export interface TripTimes {
  /** s of each scene branch's first trip in the log; Infinity when it has none */
  branch: Float64Array;
  hvdc: Float64Array;
}

export function tripTimes(log: readonly LogEntry[], m: SceneModel): TripTimes {
  const out: TripTimes = {
    branch: new Float64Array(m.network.branches.length).fill(Infinity),
    hvdc: new Float64Array(m.network.hvdcLinks.length).fill(Infinity),
  };
  for (const [key, entries] of tripsByElement(log)) {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    const k = (kind === 'branch' ? m.branchIndex : m.hvdcIndex).get(id);
    if (k !== undefined) (kind === 'branch' ? out.branch : out.hvdc)[k] = entries[0]!.t;
  }
  return out;
}

/** Draws as tripped each element out of service in the frame that the log has tripped by t. */
export function writeEventTrips(styles: FlowStyles, tripT: Float64Array, t: number): void {
  for (let s = 0; s < tripT.length; s++)
    if (styles.code[s] === LINE.OUT && tripT[s]! <= t) styles.code[s] = LINE.TRIPPED;
}
