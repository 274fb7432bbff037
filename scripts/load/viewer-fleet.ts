// The load viewers as a crowd: spread over the stored runs, connected in a ramp, and churned
// while the test runs. Every churn tick a share of the viewers leaves mid-stream: with a close
// handshake, with the socket destroyed and no handshake at all, or by switching run on the same
// connection. Those that left come back a moment later, half of them resuming where they were
// (subscribe {fromTick}) and a quarter on another run.
import { seededRandom } from '@finest/scenario';
import { LoadViewer, type ViewerSink } from './viewer.ts';
import { median, Samples } from './stats.ts';
import type { StoredRun } from './stored-runs.ts';
import { Tally } from './tally.ts';

export interface FleetOptions {
  wsUrl: string;
  runs: StoredRun[];
  viewers: number;
  /** % of the viewers churned every tick */
  churnPct: number;
  churnEveryS: number;
  /** PRNG seed, so two runs churn alike */
  seed?: number;
}

export interface FleetResult {
  viewers: number;
  framesTotal: number;
  /** live frames the server skipped (backpressure) */
  framesSkipped: number;
  framesPerViewerMin: number;
  framesPerViewerMedian: number;
  connects: number;
  /** churn actions by kind, and how the viewers came back */
  churn: Record<string, number>;
}

/** viewers connecting at once during the ramp */
const RAMP_BATCH = 25;
/** ms a connect may take before it counts as an error */
const CONNECT_TIMEOUT_MS = 10_000;

export class ViewerFleet {
  readonly sink: ViewerSink;
  private readonly viewers: LoadViewer[];
  private readonly churned = new Tally();
  private readonly random: () => number;
  private churnTimer: NodeJS.Timeout | undefined;
  /** churn actions so far: their kinds take turns across ticks */
  private churns = 0;
  private readonly comebacks = new Set<NodeJS.Timeout>();

  /** `errors`: where unexpected errors go (shared with the REST clients) */
  constructor(
    private readonly opts: FleetOptions,
    errors: Tally,
  ) {
    this.sink = {
      lags: new Samples(),
      firstFrameMs: new Samples(),
      measuring: false,
      framesTotal: 0,
      framesSkipped: 0,
      errors,
    };
    this.random = seededRandom(opts.seed ?? 9);
    this.viewers = Array.from(
      { length: opts.viewers },
      (_, k) => new LoadViewer(k, opts.wsUrl, opts.runs[k % opts.runs.length]!, this.sink),
    );
  }

  /**
   * Connects every viewer. The first viewer of each run connects alone and sets its speed, so
   * the crowd behind it finds the playback already going.
   */
  async connect(): Promise<void> {
    const leaders = this.viewers.slice(0, this.opts.runs.length);
    await Promise.all(leaders.map((v) => this.connectOne(v)));
    for (let k = leaders.length; k < this.viewers.length; k += RAMP_BATCH)
      await Promise.all(this.viewers.slice(k, k + RAMP_BATCH).map((v) => this.connectOne(v)));
  }

  startChurn(): void {
    const perTick = Math.round((this.viewers.length * this.opts.churnPct) / 100);
    if (perTick === 0) return;
    this.churnTimer = setInterval(() => this.churn(perTick), this.opts.churnEveryS * 1000);
  }

  stop(): FleetResult {
    clearInterval(this.churnTimer);
    for (const t of this.comebacks) clearTimeout(t);
    for (const v of this.viewers) v.stop();
    const counts = this.viewers.map((v) => v.framesReceived);
    return {
      viewers: this.viewers.length,
      framesTotal: this.sink.framesTotal,
      framesSkipped: this.sink.framesSkipped,
      framesPerViewerMin: counts.length ? Math.min(...counts) : 0,
      framesPerViewerMedian: median(counts),
      connects: this.viewers.reduce((n, v) => n + v.connects, 0),
      churn: Object.fromEntries(
        Object.entries(this.churned.toJSON()).map(([kind, e]) => [kind, e.count]),
      ),
    };
  }

  private async connectOne(v: LoadViewer, fromTick?: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), CONNECT_TIMEOUT_MS);
    });
    const late = await Promise.race([v.connect(fromTick).then(() => false), timedOut]);
    clearTimeout(timer);
    if (late) this.sink.errors.add('ws-subscribe-timeout', `viewer ${v.index} on run ${v.run.id}`);
  }

  private churn(count: number): void {
    const online = this.viewers.filter((v) => v.online);
    for (let k = 0; k < count && online.length > 0; k++) {
      const v = online.splice(Math.floor(this.random() * online.length), 1)[0]!;
      const turn = this.churns++ % 5;
      const kind = turn === 4 ? 'switch' : turn % 2 === 0 ? 'close' : 'destroy';
      this.churned.add(kind);
      if (kind === 'switch') {
        v.switchTo(this.otherRun(v.run));
        continue;
      }
      v.drop(kind);
      const t = setTimeout(
        () => {
          this.comebacks.delete(t);
          this.comeBack(v);
        },
        200 + this.random() * 800,
      );
      this.comebacks.add(t);
    }
  }

  private comeBack(v: LoadViewer): void {
    const r = this.random();
    if (r < 0.25) {
      this.churned.add('back-on-another-run');
      v.choose(this.otherRun(v.run));
      void this.connectOne(v);
    } else if (r < 0.75 && v.lastTick >= 0) {
      this.churned.add('back-resuming-fromTick');
      void this.connectOne(v, v.lastTick);
    } else {
      this.churned.add('back-fresh');
      void this.connectOne(v);
    }
  }

  private otherRun(run: StoredRun): StoredRun {
    const others = this.opts.runs.filter((r) => r.id !== run.id);
    return others[Math.floor(this.random() * others.length)] ?? run;
  }
}
