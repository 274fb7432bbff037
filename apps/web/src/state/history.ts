// The run's history for the charts: one summary row per tick (see buffers.ts writeSummary),
// in growable typed arrays indexed by tick. Frames seen while streaming fill it as they come;
// a finished run's frames fetched over REST fill the rest. Charts read it when `seq` changes.
import type { Frame } from '@finest/scenario/schema';
import { summaryWidth, writeSummary, type SummaryContext } from '../scene/buffers.ts';

export class RunHistory {
  readonly width: number;
  /** s per tick (NaN where unknown) */
  t: Float64Array;
  rows: Float64Array;
  /** 1 where the tick has been seen */
  known: Uint8Array;
  /** ticks 0 … count−1 may be known */
  count = 0;
  /** bumps on every change */
  seq = 0;

  constructor(
    readonly runId: string,
    readonly ctx: SummaryContext,
    capacity = 256,
  ) {
    this.width = summaryWidth(ctx);
    this.t = new Float64Array(capacity).fill(NaN);
    this.rows = new Float64Array(capacity * this.width);
    this.known = new Uint8Array(capacity);
  }

  private grow(tick: number): void {
    let cap = this.t.length;
    if (tick < cap) return;
    while (cap <= tick) cap *= 2;
    const t = new Float64Array(cap).fill(NaN);
    t.set(this.t);
    const rows = new Float64Array(cap * this.width);
    rows.set(this.rows);
    const known = new Uint8Array(cap);
    known.set(this.known);
    this.t = t;
    this.rows = rows;
    this.known = known;
  }

  add(frame: Frame): void {
    const k = frame.tick;
    if (k < 0 || !Number.isInteger(k)) return;
    // a run's frames never change: seeing a tick again (a seek, the REST fill) is no news
    if (this.known[k] && this.t[k] === frame.t) return;
    this.grow(k);
    this.t[k] = frame.t;
    writeSummary(frame, this.ctx, this.rows, k * this.width);
    this.known[k] = 1;
    if (k + 1 > this.count) this.count = k + 1;
    this.seq++;
  }

  /** The value in slot `slot` at tick k (NaN when unknown). */
  value(k: number, slot: number): number {
    return this.known[k] ? this.rows[k * this.width + slot]! : NaN;
  }

  /** s of the last known tick */
  lastT(): number {
    for (let k = this.count - 1; k >= 0; k--) if (this.known[k]) return this.t[k]!;
    return 0;
  }
}
