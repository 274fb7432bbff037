// One WebSocket client: JSON messages, and frames under per-client backpressure. When the
// client's send buffer is above the soft bound, a frame that is not a keyframe is not sent;
// the newest such frame is kept and sent once the buffer drains (older ones are dropped, a
// viewer wants the latest picture). Keyframes are always sent. Above the hard bound the client
// is disconnected, so no client makes the server buffer without bound; it resumes with
// subscribe{fromTick}.
import type { WebSocket } from 'ws';
import type { ServerMessage } from '@finest/protocol';
import type { RunFrames } from '../runs/run-frames.ts';

export interface Subscription {
  readonly viewer: Viewer;
  readonly runId: string;
  readonly frames: RunFrames;
  /** the last tick sent to this client (-1: none) */
  lastTick: number;
  /** a skipped non-keyframe to send when the buffer drains (-1: none) */
  pendingTick: number;
}

export interface ViewerLimits {
  softBufferBytes: number;
  hardBufferBytes: number;
}

/** ms between checks of a client's buffer while a skipped frame waits */
const DRAIN_CHECK_MS = 15;
const OPEN = 1;

export class Viewer {
  readonly subs = new Map<string, Subscription>();
  /** answered the last ping */
  alive = true;
  framesSent = 0;
  framesSkipped = 0;
  private drainTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly ws: WebSocket,
    private readonly limits: ViewerLimits,
    /** may start runs and branch (the write token was presented, or none is needed) */
    readonly canWrite: boolean,
  ) {}

  get open(): boolean {
    return this.ws.readyState === OPEN;
  }

  send(msg: ServerMessage): void {
    if (this.open) this.ws.send(JSON.stringify(msg));
  }

  /**
   * Offers a frame to the client. `force` sends it even when over the soft bound (a keyframe,
   * or the picture after a seek or subscribe). Ticks at or before the last one sent are ignored
   * unless forced (a seek moves backwards).
   */
  offerFrame(sub: Subscription, tick: number, force = false): void {
    if (!this.open) return;
    if (!force && tick <= sub.lastTick) return;
    const buffered = this.ws.bufferedAmount;
    if (buffered > this.limits.hardBufferBytes) {
      this.ws.close(1013, 'too slow: resume with subscribe {fromTick}');
      return;
    }
    if (!force && !sub.frames.isKeyframe(tick) && buffered > this.limits.softBufferBytes) {
      sub.pendingTick = tick;
      this.framesSkipped++;
      this.scheduleDrain();
      return;
    }
    if (sub.pendingTick <= tick) sub.pendingTick = -1;
    this.ws.send(sub.frames.bytes(tick), { binary: true });
    sub.lastTick = tick;
    this.framesSent++;
  }

  dispose(): void {
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = undefined;
  }

  private scheduleDrain(): void {
    if (this.drainTimer) return;
    this.drainTimer = setTimeout(() => {
      this.drainTimer = undefined;
      if (!this.open) return;
      let waiting = false;
      for (const sub of this.subs.values()) {
        if (sub.pendingTick < 0) continue;
        if (sub.pendingTick <= sub.lastTick) {
          sub.pendingTick = -1;
          continue;
        }
        if (this.ws.bufferedAmount > this.limits.softBufferBytes) {
          waiting = true;
          continue;
        }
        const tick = sub.pendingTick;
        this.framesSkipped--; // it is sent after all
        this.offerFrame(sub, tick, true);
      }
      if (waiting) this.scheduleDrain();
    }, DRAIN_CHECK_MS);
  }
}
