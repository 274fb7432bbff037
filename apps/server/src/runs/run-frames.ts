// The frames of one run as the stream and the REST range queries read them: an index of every
// tick's time and keyframe flag in memory (9 bytes a frame), the encoded bytes of frames not
// yet written to the store, and a few recently inflated chunks. Memory stays bounded however
// long the run is; watchers of a run being computed are told when frames arrive.
import { lastIndexAtOrBefore } from '@finest/protocol';
import type { FramesRepo } from '../store/frames-repo.ts';
import { chunkTimes, packChunk, unpackChunk, type FrameMeta } from './frame-chunk.ts';

const INFLATED_CHUNKS = 4;

export class RunFrames {
  private times = new Float64Array(256);
  private keys = new Uint8Array(256);
  private n = 0;
  /** first tick of every stored chunk, ascending */
  private readonly chunkStarts: number[] = [];
  /** frames after the last stored chunk, from tick `this.stored` on */
  private pending: Uint8Array[] = [];
  private stored = 0;
  private readonly inflated = new Map<number, Uint8Array[]>();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly runId: string,
    private readonly repo: FramesRepo,
  ) {}

  /** The index of a stored run (frames are inflated only when read). */
  static load(runId: string, repo: FramesRepo): RunFrames {
    const f = new RunFrames(runId, repo);
    for (const row of repo.index(runId)) {
      const times = chunkTimes(row.times);
      f.chunkStarts.push(row.first_tick);
      for (let k = 0; k < times.length; k++) f.index(times[k]!, row.keyframes[k] === 1);
    }
    f.stored = f.n;
    return f;
  }

  get count(): number {
    return this.n;
  }

  /** s of a tick */
  t(tick: number): number {
    return this.times[tick]!;
  }

  isKeyframe(tick: number): boolean {
    return this.keys[tick] === 1;
  }

  /** the last tick at or before t (s); -1 when t is before the first frame */
  tickAt(t: number): number {
    return lastIndexAtOrBefore(this.n, (i) => this.times[i]!, t);
  }

  /** The encoded bytes of a frame (as sent on the WebSocket). */
  bytes(tick: number): Uint8Array {
    if (tick < 0 || tick >= this.n) throw new RangeError(`run ${this.runId}: no tick ${tick}`);
    if (tick >= this.stored) return this.pending[tick - this.stored]!;
    const start = this.chunkStart(tick);
    let frames = this.inflated.get(start);
    if (frames) {
      this.inflated.delete(start);
    } else {
      const row = this.repo.chunk(this.runId, start);
      if (!row) throw new RangeError(`run ${this.runId}: chunk at ${start} missing`);
      frames = unpackChunk(row.data);
    }
    this.inflated.set(start, frames);
    if (this.inflated.size > INFLATED_CHUNKS)
      this.inflated.delete(this.inflated.keys().next().value!);
    return frames[tick - start]!;
  }

  /** Adds a computed frame (producer side); watchers hear of it via notify(). */
  append(bytes: Uint8Array, meta: FrameMeta): void {
    this.index(meta.t, meta.keyframe);
    this.pending.push(bytes);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Packs the pending frames into a store row (the caller writes it) and keeps them inflated. */
  takeChunk(): ReturnType<typeof packChunk> | null {
    if (this.pending.length === 0) return null;
    const first = this.stored;
    const meta: FrameMeta[] = this.pending.map((_, k) => ({
      t: this.times[first + k]!,
      keyframe: this.keys[first + k] === 1,
    }));
    const row = packChunk(first, this.pending, meta);
    this.chunkStarts.push(first);
    this.inflated.set(first, this.pending);
    if (this.inflated.size > INFLATED_CHUNKS)
      this.inflated.delete(this.inflated.keys().next().value!);
    this.pending = [];
    this.stored = this.n;
    return row;
  }

  onFrames(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const l of this.listeners) l();
  }

  private index(t: number, keyframe: boolean): void {
    if (this.n === this.times.length) {
      const times = new Float64Array(this.n * 2);
      times.set(this.times);
      this.times = times;
      const keys = new Uint8Array(this.n * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    this.times[this.n] = t;
    this.keys[this.n] = keyframe ? 1 : 0;
    this.n++;
  }

  private chunkStart(tick: number): number {
    // ticks are integers: no tolerance; the first chunk starts at tick 0
    const starts = this.chunkStarts;
    return starts[Math.max(0, lastIndexAtOrBefore(starts.length, (i) => starts[i]!, tick, 0))]!;
  }
}
