// The shared playback of one run: every watcher (the big screen, the planners' laptops) sees
// the same ticks at the same moments. Playback time runs at `speed` simulated seconds per
// wall-clock second from an anchor (t at a wall-clock instant); each frame is sent when its
// time is due, by a timer set for exactly that moment, not by polling. Log entries go out
// with the frame they lead up to. Frames of a run still being computed are sent as they come.
import type { LogEntry } from '@finest/scenario/schema';
import { lastIndexAtOrBefore, type ServerMessage } from '@finest/protocol';
import type { RunFrames } from '../runs/run-frames.ts';
import type { Subscription } from './viewer.ts';

export const PLAYBACK_DEFAULTS = {
  /** simulated s per wall-clock s: a day in 24 minutes */
  speed: 60,
};

export interface PlaybackSource {
  frames: RunFrames;
  /** the run service's log of the run (grows while it is computed) */
  log: readonly LogEntry[];
  /** true once every frame of the run is computed */
  isComplete: () => boolean;
}

export class Playback {
  readonly watchers = new Set<Subscription>();
  playing = false;
  speed = PLAYBACK_DEFAULTS.speed;
  /** last tick sent (-1: none) */
  tick = -1;
  private anchorT = 0;
  private anchorWallMs = 0;
  private timer: NodeJS.Timeout | undefined;
  /** waiting for the engine to compute the next frame */
  private stalled = false;
  /** log entries sent (they go out in order) */
  private logSent = 0;
  private ended = false;

  constructor(
    readonly runId: string,
    private readonly source: PlaybackSource,
  ) {}

  get frames(): RunFrames {
    return this.source.frames;
  }

  /** playback time, s */
  now(): number {
    if (!this.playing) return this.anchorT;
    return this.anchorT + ((Date.now() - this.anchorWallMs) * this.speed) / 1000;
  }

  state(): Extract<ServerMessage, { type: 'state' }> {
    const serverTimeMs = Date.now();
    return {
      type: 'state',
      runId: this.runId,
      playing: this.playing,
      speed: this.speed,
      t: this.now(),
      tick: this.tick,
      serverTimeMs,
    };
  }

  /**
   * Adds a watcher and brings it to the shared position: without fromTick, the current frame;
   * with fromTick (a reconnect), every frame after it up to the current one. A lone watcher
   * resuming ahead of a fresh playback moves the playback to where it was.
   */
  join(sub: Subscription, fromTick: number | undefined): void {
    const alone = this.watchers.size === 0;
    this.watchers.add(sub);
    const v = sub.viewer;
    if (fromTick !== undefined && alone && fromTick > this.tick && fromTick < this.frames.count) {
      this.moveTo(fromTick, this.frames.t(fromTick));
      sub.lastTick = fromTick;
    }
    v.send(this.state());
    const upTo = this.tick;
    v.send({ type: 'log', runId: this.runId, entries: this.logUpTo(upTo), replace: true });
    if (fromTick === undefined) {
      if (upTo >= 0) v.offerFrame(sub, upTo, true);
    } else if (fromTick > upTo) {
      // the playback went back (a loop, a seek) while the client was away: from here afresh,
      // or it would get nothing until the playback passed fromTick again
      if (upTo >= 0) v.offerFrame(sub, upTo, true);
    } else {
      sub.lastTick = Math.max(sub.lastTick, fromTick);
      for (let k = fromTick + 1; k <= upTo; k++) v.offerFrame(sub, k, k === upTo);
    }
    if (this.ended) v.send({ type: 'end', runId: this.runId, ticks: this.frames.count });
  }

  leave(sub: Subscription): void {
    this.watchers.delete(sub);
  }

  play(): void {
    if (this.playing) return;
    if (this.ended || (this.source.isComplete() && this.tick >= this.frames.count - 1)) {
      this.moveTo(-1, 0);
      // from the start again: every watcher is to get the frames it already had
      for (const sub of this.watchers) {
        sub.lastTick = -1;
        sub.pendingTick = -1;
      }
    }
    this.anchorWallMs = Date.now();
    this.playing = true;
    this.ended = false;
    this.broadcastState();
    this.schedule();
  }

  pause(): void {
    if (!this.playing) return;
    this.anchorT = this.now();
    this.playing = false;
    this.clearTimer();
    this.broadcastState();
  }

  setSpeed(speed: number): void {
    this.anchorT = this.now();
    this.anchorWallMs = Date.now();
    this.speed = speed;
    this.broadcastState();
    this.schedule();
  }

  /** Jumps to t (s): every watcher gets the frame at t and the log up to it. */
  seek(t: number): void {
    const tick = this.frames.tickAt(t);
    this.moveTo(tick, t);
    this.ended = false;
    this.broadcastState();
    const entries = this.logUpTo(tick);
    for (const sub of this.watchers) {
      sub.viewer.send({ type: 'log', runId: this.runId, entries, replace: true });
      sub.pendingTick = -1;
      if (tick >= 0) sub.viewer.offerFrame(sub, tick, true);
      else sub.lastTick = -1;
    }
    this.schedule();
  }

  /** The engine computed more frames (or the last one). */
  framesAdded(): void {
    if (!this.playing) return;
    if (this.stalled) {
      // resume from the last frame shown rather than jumping over what the engine was doing
      this.stalled = false;
      this.anchorT = this.tick >= 0 ? this.frames.t(this.tick) : this.anchorT;
      this.anchorWallMs = Date.now();
      this.broadcastState();
    }
    if (!this.timer) this.schedule();
  }

  broadcast(msg: ServerMessage): void {
    for (const sub of this.watchers) sub.viewer.send(msg);
  }

  dispose(): void {
    this.clearTimer();
    this.watchers.clear();
  }

  private moveTo(tick: number, t: number): void {
    this.tick = tick;
    this.anchorT = t;
    this.anchorWallMs = Date.now();
    this.logSent = this.logCount(tick);
  }

  private schedule(): void {
    this.clearTimer();
    if (!this.playing) return;
    const next = this.tick + 1;
    if (next >= this.frames.count) {
      if (this.source.isComplete()) this.finish();
      else this.stalled = true;
      return;
    }
    const dueMs = this.anchorWallMs + ((this.frames.t(next) - this.anchorT) * 1000) / this.speed;
    this.timer = setTimeout(this.emit, Math.max(0, dueMs - Date.now()));
  }

  private readonly emit = (): void => {
    this.timer = undefined;
    const t = this.now();
    const count = this.frames.count;
    let next = this.tick + 1;
    while (next < count && this.frames.t(next) <= t + 1e-9) {
      this.sendLogUpTo(next);
      for (const sub of this.watchers) sub.viewer.offerFrame(sub, next);
      this.tick = next;
      next++;
    }
    this.schedule();
  };

  private finish(): void {
    this.anchorT = this.tick >= 0 ? this.frames.t(this.tick) : 0;
    this.playing = false;
    this.ended = true;
    this.sendLogUpTo(this.tick, true);
    this.broadcastState();
    this.broadcast({ type: 'end', runId: this.runId, ticks: this.frames.count });
  }

  private sendLogUpTo(tick: number, all = false): void {
    const n = all ? this.source.log.length : this.logCount(tick);
    if (n <= this.logSent) return;
    const entries = this.source.log.slice(this.logSent, n);
    this.logSent = n;
    this.broadcast({ type: 'log', runId: this.runId, entries });
  }

  private logUpTo(tick: number): LogEntry[] {
    return this.source.log.slice(0, this.logCount(tick));
  }

  /** entries at or before the time of a tick (the log is in time order) */
  private logCount(tick: number): number {
    if (tick < 0) return 0;
    const log = this.source.log;
    return lastIndexAtOrBefore(log.length, (i) => log[i]!.t, this.frames.t(tick)) + 1;
  }

  private broadcastState(): void {
    this.broadcast(this.state());
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
