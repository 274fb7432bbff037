// Viewers following sweeps over the WebSocket (`watch-sweep`): each gets the sweep's state at
// once, then as runs finish — at most four times a second per sweep, and always its last
// state (done, failed, cancelled). A deleted sweep is said once and forgotten.
import type { SweepInfo } from '@finest/protocol';
import { ApiError } from '../errors.ts';
import type { SweepService } from '../sweeps/sweep-service.ts';
import type { Viewer } from './viewer.ts';

/** sweeps one connection may watch at once */
export const MAX_WATCHED_SWEEPS = 32;
const EVERY_MS = 250;

export class SweepWatch {
  private readonly watchers = new Map<string, Set<Viewer>>();
  private readonly byViewer = new WeakMap<Viewer, Set<string>>();
  private readonly lastSent = new Map<string, number>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly offs: (() => void)[] = [];

  constructor(private readonly sweeps: SweepService) {
    const onProgress = (info: SweepInfo): void => this.progress(info);
    const onDeleted = (id: string): void => this.deleted(id);
    sweeps.on('progress', onProgress);
    sweeps.on('deleted', onDeleted);
    this.offs.push(
      () => sweeps.off('progress', onProgress),
      () => sweeps.off('deleted', onDeleted),
    );
  }

  watch(viewer: Viewer, sweepId: string): void {
    const info = this.sweeps.info(sweepId);
    const mine = this.byViewer.get(viewer) ?? new Set<string>();
    if (!mine.has(sweepId) && mine.size >= MAX_WATCHED_SWEEPS)
      throw new ApiError(
        'FINEST_BAD_REQUEST',
        `at most ${MAX_WATCHED_SWEEPS} sweeps per connection; unwatch one first`,
      );
    mine.add(sweepId);
    this.byViewer.set(viewer, mine);
    const set = this.watchers.get(sweepId) ?? new Set<Viewer>();
    set.add(viewer);
    this.watchers.set(sweepId, set);
    viewer.send({ type: 'sweep', sweep: info });
  }

  unwatch(viewer: Viewer, sweepId: string): void {
    this.byViewer.get(viewer)?.delete(sweepId);
    const set = this.watchers.get(sweepId);
    set?.delete(viewer);
    if (set?.size === 0) this.watchers.delete(sweepId);
  }

  leaveAll(viewer: Viewer): void {
    for (const id of this.byViewer.get(viewer) ?? []) this.unwatch(viewer, id);
    this.byViewer.delete(viewer);
  }

  close(): void {
    for (const off of this.offs) off();
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    this.watchers.clear();
  }

  private progress(info: SweepInfo): void {
    if (!this.watchers.has(info.id)) return;
    const final = info.status !== 'running' && info.status !== 'queued';
    const wait = (this.lastSent.get(info.id) ?? 0) + EVERY_MS - Date.now();
    clearTimeout(this.pending.get(info.id));
    this.pending.delete(info.id);
    if (final || wait <= 0) return this.send(info);
    // the latest state goes out when the interval is up
    const t = setTimeout(() => {
      this.pending.delete(info.id);
      this.send(info);
    }, wait);
    t.unref();
    this.pending.set(info.id, t);
  }

  private send(info: SweepInfo): void {
    this.lastSent.set(info.id, Date.now());
    for (const v of this.watchers.get(info.id) ?? []) v.send({ type: 'sweep', sweep: info });
  }

  private deleted(id: string): void {
    clearTimeout(this.pending.get(id));
    for (const v of this.watchers.get(id) ?? []) {
      v.send({
        type: 'error',
        code: 'FINEST_NOT_FOUND',
        message: `sweep '${id}' was deleted`,
        ref: id,
      });
      this.byViewer.get(v)?.delete(id);
    }
    this.watchers.delete(id);
    this.lastSent.delete(id);
  }
}
