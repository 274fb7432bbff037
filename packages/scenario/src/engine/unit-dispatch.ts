// What each unit can do at a moment. A running unit's set-point follows its schedule at the
// unit's ramp rate; a cold unit ordered to start synchronises after its start-up time and then
// ramps from zero. On top of the set-point, units respond to imbalances within bounds that
// open with time since the last sudden change:
//
//   fast_k = fastShare_k · rated_k,  grow_k(t) = ramp_k · rated_k · (t − t_d) / 60 s (sub-island only)
//   resp_k ∈ [min(base_k, −fast_k) − grow_k, max(base_k, fast_k) + grow_k] ∩ [Pmin_k − sp_k, avail_k − sp_k]
//
// where base_k is the response the unit was already giving at t_d (so a new disturbance does
// not take back what earlier ones called for). In an island that holds the rest of its
// synchronous area (external equivalents), a domestic unit gives its frequency containment
// only: the rest comes over the ties until the operator re-dispatches (manual reserves); in a
// sub-island on its own the units' governors keep raising output at their ramp rates. Wind
// only curtails; activated reserve plants follow their own ramp (their availability);
// external equivalents move over their whole range at once.
import type { LogEntry } from '../schema/run.ts';
import { generatorLabel } from './names.ts';
import type { WorkingState } from './working-state.ts';

export interface ResponseBounds {
  /** per unit, MW relative to its set-point */
  lo: Float64Array;
  hi: Float64Array;
  /** the response held from before the last sudden change, within [lo, hi] */
  base: Float64Array;
}

/** MW per s of a unit's ramp */
export const rampMWPerS = (s: WorkingState, k: number): number =>
  (s.dynamics[k]!.rampPctPerMin / 100) * s.ratedMW[k]! * (1 / 60);

/**
 * Moves set-points from t to t + dt toward the schedules, synchronises units whose start-up
 * ends within the interval, and returns the log lines for those.
 */
export function advanceSetpoints(
  s: WorkingState,
  t: number,
  dt: number,
): Omit<LogEntry, 't' | 'clock'>[] {
  const entries: Omit<LogEntry, 't' | 'clock'>[] = [];
  const { net } = s;
  for (let k = 0; k < net.generators.length; k++) {
    let moveS = dt;
    if (!s.committed[k]) {
      const ready = s.startReadyAt[k]!;
      if (ready > t + dt) continue;
      s.committed[k] = 1;
      s.startReadyAt[k] = Infinity;
      s.setpointMW[k] = 0;
      moveS = t + dt - Math.max(t, ready);
      entries.push({
        kind: 'redispatch',
        text: `${generatorLabel(net, k)} synchronised after its start-up; ramping to its schedule`,
        element: { kind: 'generator', id: net.generators[k]!.id },
      });
    }
    const target = Math.min(s.scheduledMW[k]!, s.availableMW[k]!);
    const sp = s.setpointMW[k]!;
    if (sp === target || s.isWind[k]) continue;
    const step = rampMWPerS(s, k) * moveS;
    s.setpointMW[k] = target > sp ? Math.min(target, sp + step) : Math.max(target, sp - step);
  }
  return entries;
}

/**
 * At a sudden change: what each unit gives beyond its fast band is no longer a response (it
 * was the balancing of planned and slow changes): it becomes part of the unit's set-point and
 * schedule; the part within the band is held as the response the new disturbance starts from.
 * So a unit's containment never stacks over successive disturbances, and a unit that the
 * balancing had turned down cannot jump back by more than its fast band.
 */
export function holdResponse(s: WorkingState): void {
  for (let k = 0; k < s.outputMW.length; k++) {
    const b = s.outputMW[k]! - s.setpointMW[k]!;
    const g = s.net.generators[k]!;
    if (g.technology === 'external' || s.isWind[k] || s.reserveRamp.has(k)) {
      s.responseBaseMW[k] = b;
      continue;
    }
    const fast = s.dynamics[k]!.fastShare * s.ratedMW[k]!;
    const held = Math.min(fast, Math.max(-fast, b));
    s.setpointMW[k] = s.setpointMW[k]! + (b - held);
    s.scheduledMW[k] = s.scheduledMW[k]! + (b - held);
    s.responseBaseMW[k] = held;
  }
}

/** s of the next start-up that ends (Infinity when none is under way) */
export function nextSynchronisation(s: WorkingState): number {
  let next = Infinity;
  for (const at of s.startReadyAt) next = Math.min(next, at);
  return next;
}

/**
 * Orders a cold unit to start (a no-op for a running or starting unit). Returns the time it
 * synchronises.
 */
export function orderStart(s: WorkingState, k: number, t: number): number {
  if (s.committed[k]) return t;
  if (!Number.isFinite(s.startReadyAt[k]!)) s.startReadyAt[k] = t + s.dynamics[k]!.startupS;
  return s.startReadyAt[k]!;
}

/**
 * The starting state is a planned one: where an island's running units cannot meet the load
 * the scenario starts with (a cold spell, a unit out from the start), cold units are committed
 * in merit order until they can. Returns how many were committed.
 */
export function commitForStart(
  s: WorkingState,
  shortMW: ReadonlyMap<number, number>,
  islandOfUnit: (k: number) => number,
): number {
  let committed = 0;
  const order = s.net.generators
    .map((g, k) => k)
    // reserves last by their price; the disturbance reserve is kept for disturbances
    .filter(
      (k) =>
        !s.committed[k] &&
        s.net.generators[k]!.inService &&
        s.net.generators[k]!.reserve !== 'disturbance',
    )
    .sort((a, b) => s.unitCost[a]! - s.unitCost[b]! || a - b);
  const left = new Map(shortMW);
  for (const k of order) {
    const isl = islandOfUnit(k);
    const short = left.get(isl) ?? 0;
    if (short <= 0) continue;
    s.committed[k] = 1;
    const mw = Math.min(short, s.availableMW[k]!);
    s.setpointMW[k] = mw;
    s.scheduledMW[k] = mw;
    left.set(isl, short - mw);
    committed++;
  }
  return committed;
}

/**
 * Response bounds of every unit at time t (MW relative to its set-point), given its
 * availability now (0 for units that are not running) and its set-point.
 */
export function responseBounds(
  s: WorkingState,
  available: Float64Array,
  setpoint: Float64Array,
  t: number,
  /** per unit: 1 when it is in a sub-island on its own (its response grows at its ramp) */
  onItsOwn: Uint8Array,
): ResponseBounds {
  const n = available.length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const base = new Float64Array(n);
  const since = Math.max(0, t - s.disturbanceAt);
  for (let k = 0; k < n; k++) {
    if (available[k]! <= 0) continue;
    const g = s.net.generators[k]!;
    const sp = setpoint[k]!;
    const floor = s.isWind[k] ? -sp : Math.max(0, g.Pmin) - sp;
    const ceiling = s.isWind[k] ? 0 : available[k]! - sp;
    if (s.isWind[k] || s.reserveRamp.has(k) || !Number.isFinite(since)) {
      lo[k] = Math.min(0, floor);
      hi[k] = Math.max(0, ceiling);
      continue;
    }
    if (g.technology === 'external') {
      // after a sudden change the rest of the synchronous area answers through the ties as
      // physics shares it, not within the traded capacity the equivalent's limits state; its
      // reserves are the area model's, the ties' limits the network's; the operator brings the
      // exchange back within its limits
      lo[k] = -Infinity;
      hi[k] = Infinity;
      base[k] = s.responseBaseMW[k]!;
      continue;
    }
    const d = s.dynamics[k]!;
    // the fast band does not stack over successive disturbances (a governor has one droop);
    // ramps add to what is held
    const fast = d.fastShare * s.ratedMW[k]!;
    const growth = onItsOwn[k] ? rampMWPerS(s, k) * since : 0;
    const b = Math.min(Math.max(s.responseBaseMW[k]!, floor), ceiling);
    base[k] = b;
    lo[k] = Math.max(floor, Math.min(b, -fast) - growth);
    hi[k] = Math.min(ceiling, Math.max(b, fast) + growth);
  }
  return { lo, hi, base };
}

/**
 * Shares an island's need (MW of response wanted) among its units: from the response they
 * already hold, the rest in proportion to the room each has left in that direction. Units
 * with unbounded room (external equivalents after a sudden change) take what the others
 * cannot, in proportion to their rating. Returns the MW the units could not give (> 0
 * short, < 0 surplus).
 */
export function shareNeed(
  units: readonly number[],
  need: number,
  bounds: ResponseBounds,
  rated: Float64Array,
  out: Float64Array,
): number {
  let held = 0;
  for (const k of units) held += bounds.base[k]!;
  const up = need >= held;
  const roomOf = (k: number): number =>
    up ? bounds.hi[k]! - bounds.base[k]! : bounds.base[k]! - bounds.lo[k]!;
  let room = 0;
  let openRated = 0;
  for (const k of units) {
    const r = roomOf(k);
    if (r === Infinity) openRated += Math.max(rated[k]!, 1);
    else room += r;
  }
  const wanted = Math.abs(need - held);
  const share = room > 0 ? Math.min(1, wanted / room) : 0;
  const rest = Math.max(0, wanted - room);
  const sign = up ? 1 : -1;
  let given = 0;
  for (const k of units) {
    const r = roomOf(k);
    out[k] =
      bounds.base[k]! +
      sign * (r === Infinity ? (rest * Math.max(rated[k]!, 1)) / openRated : share * r);
    given += out[k]!;
  }
  return need - given;
}
