// One load viewer: a seat in front of the twin that stays for the whole test while its
// WebSocket may come and go. It subscribes to a stored run, keeps the shared playback going
// (sets the speed, plays again when the run ends, so it loops) and measures each live frame's
// lag as scripts/bench/server-viewers.ts does: arrival minus the moment the playback was due to
// show it, from the last 'state' (serverTimeMs at playback time t, at `speed`):
//
//   due = serverTimeMs + (t_frame − t_state) · 1000 / speed        lag = arrival − due
//
// Only frames ahead of the state's tick are live; the frames a subscribe or resume replays
// (tick ≤ state.tick) are catch-up and have no due time. Binary frames are never decoded beyond
// their header, and of the JSON messages only state, end and error are parsed.
import { decodeFrameHeader, FrameDecodeError, type FrameHeader } from '@finest/protocol';
import WebSocket from 'ws';
import type { Samples } from './stats.ts';
import type { StoredRun } from './stored-runs.ts';
import type { Tally } from './tally.ts';

/** What every viewer reports into. */
export interface ViewerSink {
  /** ms, live frames once `measuring` */
  lags: Samples;
  /** ms from a subscribe to the first frame after it */
  firstFrameMs: Samples;
  measuring: boolean;
  framesTotal: number;
  /** ticks missing between two live frames: non-keyframes the server skipped for a full buffer */
  framesSkipped: number;
  /** unexpected: socket errors, closes we did not ask for, error messages */
  errors: Tally;
}

/** how a viewer leaves mid-stream */
export type DropKind = 'close' | 'destroy';

interface PlaybackState {
  runId: string;
  playing: boolean;
  speed: number;
  t: number;
  tick: number;
  serverTimeMs?: number;
}

const OPEN = 1;
/** ms before a viewer the server dropped comes back */
const RETRY_MS = 500;

/** the message type of a JSON text message, read from its first bytes */
function messageType(data: Buffer): string {
  // the server writes JSON.stringify({ type, … }): the type is always first
  const head = data.toString('latin1', 0, Math.min(data.length, 24));
  const m = /^\{"type":"([a-z-]+)"/.exec(head);
  return m ? m[1]! : '';
}

export class LoadViewer {
  framesReceived = 0;
  connects = 0;
  private watching: StoredRun;
  /** the last tick received, for a resume */
  lastTick = -1;
  private ws: WebSocket | undefined;
  private state: PlaybackState | undefined;
  /** closed by us (churn or the end): its close is not an error */
  private leaving = false;
  private stopped = false;
  private subscribedAt = 0;
  private waitingFirstFrame = false;

  constructor(
    readonly index: number,
    private readonly wsUrl: string,
    run: StoredRun,
    private readonly sink: ViewerSink,
  ) {
    this.watching = run;
  }

  get run(): StoredRun {
    return this.watching;
  }

  get online(): boolean {
    return this.ws?.readyState === OPEN && !this.leaving;
  }

  /** Connects and subscribes; resolves once the first playback state arrives. */
  connect(fromTick?: number): Promise<void> {
    this.leaving = false;
    this.state = undefined;
    this.connects++;
    const ws = new WebSocket(this.wsUrl, { perMessageDeflate: false, skipUTF8Validation: true });
    this.ws = ws;
    return new Promise((resolve) => {
      let ready = false;
      const settle = (): void => {
        if (ready) return;
        ready = true;
        resolve();
      };
      ws.on('open', () => this.subscribe(fromTick));
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) this.onFrame(data);
        else if (this.onText(data)) settle();
      });
      ws.on('error', (err: NodeJS.ErrnoException) => {
        if (ws !== this.ws || this.leaving) return;
        this.sink.errors.add(`ws-socket-error:${err.code ?? err.message}`, `viewer ${this.index}`);
      });
      ws.on('close', (code: number, reason: Buffer) => {
        settle();
        if (ws !== this.ws || this.leaving || this.stopped) return;
        this.sink.errors.add(
          `ws-closed-by-server:${code}`,
          `viewer ${this.index} on run ${this.run.id}: ${reason.toString()}`,
        );
        setTimeout(() => {
          if (!this.stopped) void this.connect(this.lastTick >= 0 ? this.lastTick : undefined);
        }, RETRY_MS);
      });
    });
  }

  /** Leaves mid-stream: a close handshake, or the socket destroyed without one. */
  drop(kind: DropKind): void {
    const ws = this.ws;
    if (!ws) return;
    this.leaving = true;
    if (kind === 'close') ws.close(1000, 'load test churn');
    else ws.terminate();
  }

  /** Watches another run on the same connection. */
  switchTo(run: StoredRun): void {
    if (!this.online) return;
    this.ws!.send(JSON.stringify({ type: 'unsubscribe', runId: this.run.id }));
    this.choose(run);
    this.subscribe(undefined);
  }

  /** The run to watch from the next subscribe on. */
  choose(run: StoredRun): void {
    this.watching = run;
    this.lastTick = -1;
  }

  /** Leaves for good at the end of the test. */
  stop(): void {
    this.stopped = true;
    this.leaving = true;
    this.ws?.close(1000, 'load test over');
  }

  private subscribe(fromTick: number | undefined): void {
    this.state = undefined;
    this.subscribedAt = performance.now();
    this.waitingFirstFrame = true;
    this.ws!.send(
      JSON.stringify({
        type: 'subscribe',
        runId: this.run.id,
        ...(fromTick === undefined ? {} : { fromTick }),
      }),
    );
  }

  private onFrame(data: Buffer): void {
    const now = Date.now();
    let h: FrameHeader;
    try {
      // the header only: 200 viewers at 30 frames/s never decode the arrays
      h = decodeFrameHeader(data);
    } catch (e) {
      if (!(e instanceof FrameDecodeError)) throw e;
      this.sink.errors.add(
        'ws-not-a-frame',
        `viewer ${this.index}: ${data.length} bytes: ${e.message}`,
      );
      return;
    }
    this.framesReceived++;
    this.sink.framesTotal++;
    const previous = this.lastTick;
    this.lastTick = h.tick;
    if (this.waitingFirstFrame) {
      this.waitingFirstFrame = false;
      this.sink.firstFrameMs.push(performance.now() - this.subscribedAt);
    }
    const s = this.state;
    if (!s || !s.playing || h.tick <= s.tick) return;
    // both live (a loop back to tick 0 is no gap)
    if (previous >= s.tick && h.tick > previous + 1)
      this.sink.framesSkipped += h.tick - previous - 1;
    if (!this.sink.measuring) return;
    this.sink.lags.push(now - (s.serverTimeMs! + ((h.t - s.t) * 1000) / s.speed));
  }

  /** true on the first playback state of a subscription */
  private onText(data: Buffer): boolean {
    const type = messageType(data);
    if (type === 'error') {
      const e = JSON.parse(data.toString()) as { code: string; message: string; ref?: string };
      this.sink.errors.add(`ws-error-message:${e.code}`, `viewer ${this.index}: ${e.message}`);
      return false;
    }
    if (type === 'end') {
      if ((JSON.parse(data.toString()) as { runId: string }).runId === this.run.id)
        this.send({ type: 'play', runId: this.run.id });
      return false;
    }
    if (type !== 'state') return false;
    const s = JSON.parse(data.toString()) as PlaybackState;
    if (s.runId !== this.run.id) return false;
    const first = this.state === undefined;
    this.state = s;
    if (first) {
      if (s.speed !== this.run.speed)
        this.send({ type: 'speed', runId: this.run.id, speed: this.run.speed });
      // a fresh playback starts paused (an ended one also gets 'end': play is idempotent)
      if (!s.playing) this.send({ type: 'play', runId: this.run.id });
    }
    return first;
  }

  private send(msg: object): void {
    if (this.ws?.readyState === OPEN) this.ws.send(JSON.stringify(msg));
  }
}
