// All playbacks, one per watched run, created on the first subscribe and dropped a while after
// the last watcher left (so a viewer that reconnects finds the playback where it was). Routes
// the run service's events (frames computed, progress, done, deleted) to the watchers; the log
// is read from the run service as the playback reaches it.
import type { RunService } from '../runs/run-service.ts';
import { WS_ERRORS } from '../errors.ts';
import { Playback } from './playback.ts';
import type { Subscription, Viewer } from './viewer.ts';

export const HUB_DEFAULTS = {
  /** ms a playback without watchers is kept */
  idleMs: 60_000,
  /** ms between progress messages of a run being computed */
  progressEveryMs: 100,
};

interface Entry {
  playback: Playback;
  complete: boolean;
  unlisten: () => void;
  idleTimer: NodeJS.Timeout | undefined;
  lastProgressMs: number;
}

export class PlaybackHub {
  private readonly entries = new Map<string, Entry>();
  private readonly offs: (() => void)[] = [];

  constructor(private readonly runs: RunService) {
    const on = <E extends 'progress' | 'done' | 'deleted'>(
      event: E,
      fn: (...args: never[]) => void,
    ): void => {
      runs.on(event, fn as never);
      this.offs.push(() => runs.off(event, fn as never));
    };
    on('progress', (runId: string, fraction: number, ticks: number) => {
      const e = this.entries.get(runId);
      if (!e) return;
      const now = Date.now();
      if (fraction < 1 && now - e.lastProgressMs < HUB_DEFAULTS.progressEveryMs) return;
      e.lastProgressMs = now;
      e.playback.broadcast({ type: 'progress', runId, fraction, ticks });
    });
    on('done', (runId: string) => {
      const e = this.entries.get(runId);
      if (!e) return;
      e.complete = true;
      const details = runs.details(runId);
      e.playback.broadcast({ type: 'progress', runId, fraction: 1, ticks: details.ticks });
      if (details.kpis) e.playback.broadcast({ type: 'kpis', runId, kpis: details.kpis });
      if (details.status === 'failed')
        e.playback.broadcast({
          type: 'error',
          code: WS_ERRORS.FINEST_RUN_FAILED,
          message: details.error ?? 'the run failed',
          ref: runId,
        });
      e.playback.framesAdded();
    });
    on('deleted', (runId: string) => {
      const e = this.entries.get(runId);
      if (!e) return;
      e.playback.broadcast({
        type: 'error',
        code: 'FINEST_NOT_FOUND',
        message: `run '${runId}' was deleted`,
        ref: runId,
      });
      for (const sub of e.playback.watchers) sub.viewer.subs.delete(runId);
      this.drop(runId);
    });
  }

  /** playbacks held (watched, or idle within idleMs) */
  get size(): number {
    return this.entries.size;
  }

  get(runId: string): Playback | undefined {
    return this.entries.get(runId)?.playback;
  }

  /** Subscribes a viewer: run info, state, log and frames as Playback.join says. */
  subscribe(viewer: Viewer, runId: string, fromTick: number | undefined): void {
    const info = this.runs.info(runId);
    const e = this.entry(runId);
    const old = viewer.subs.get(runId);
    if (old) e.playback.leave(old);
    const sub: Subscription = {
      viewer,
      runId,
      frames: e.playback.frames,
      lastTick: -1,
      pendingTick: -1,
    };
    viewer.subs.set(runId, sub);
    if (e.idleTimer) clearTimeout(e.idleTimer);
    e.idleTimer = undefined;
    viewer.send({ type: 'run', run: info });
    e.playback.join(sub, fromTick);
    const details = this.runs.details(runId);
    if (!e.complete)
      viewer.send({
        type: 'progress',
        runId,
        fraction: details.progress,
        ticks: e.playback.frames.count,
      });
    else if (details.kpis) viewer.send({ type: 'kpis', runId, kpis: details.kpis });
  }

  unsubscribe(viewer: Viewer, runId: string): void {
    const sub = viewer.subs.get(runId);
    if (!sub) return;
    viewer.subs.delete(runId);
    const e = this.entries.get(runId);
    if (!e) return;
    e.playback.leave(sub);
    if (e.playback.watchers.size === 0 && !e.idleTimer) {
      e.idleTimer = setTimeout(() => this.drop(runId), HUB_DEFAULTS.idleMs);
      e.idleTimer.unref();
    }
  }

  /** A viewer went away. */
  leaveAll(viewer: Viewer): void {
    for (const runId of [...viewer.subs.keys()]) this.unsubscribe(viewer, runId);
  }

  close(): void {
    for (const runId of [...this.entries.keys()]) this.drop(runId);
    for (const off of this.offs) off();
  }

  private entry(runId: string): Entry {
    const found = this.entries.get(runId);
    if (found) return found;
    const frames = this.runs.frames(runId);
    // the run service's own list: a live run's grows as it is computed (no copy here)
    const log = this.runs.log(runId);
    const entry: Entry = {
      playback: undefined as unknown as Playback,
      complete: !this.runs.isActive(runId),
      unlisten: () => {},
      idleTimer: undefined,
      lastProgressMs: 0,
    };
    entry.playback = new Playback(runId, { frames, log, isComplete: () => entry.complete });
    entry.unlisten = frames.onFrames(() => entry.playback.framesAdded());
    this.entries.set(runId, entry);
    return entry;
  }

  private drop(runId: string): void {
    const e = this.entries.get(runId);
    if (!e) return;
    if (e.idleTimer) clearTimeout(e.idleTimer);
    e.unlisten();
    e.playback.dispose();
    this.entries.delete(runId);
  }
}
