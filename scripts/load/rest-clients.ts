// The REST side of the load: clients that each send one request at a time, drawn from the mix
// in rest-mix.ts, with a random pause between requests (mean `thinkMs`). Every `postEveryS`
// one of them starts a short run of its own, polls it until it is done, reads its frames and
// deletes it, as a user trying a what-if would (the run is private to that client, so no
// other request can race its deletion). Latency is kept per route; a status other than the
// expected one is an error, an expected 4xx is counted apart.
import type { HttpClient, HttpResult } from './http-client.ts';
import { seededRandom } from '@finest/scenario';
import { drawCall, type RestCall } from './rest-mix.ts';
import { Samples, type Percentiles } from './stats.ts';
import { streamScenario, type StoredRun } from './stored-runs.ts';
import type { Tally } from './tally.ts';

export interface RestOptions {
  clients: number;
  thinkMs: number;
  /** s between two runs started over REST (by any client) */
  postEveryS: number;
}

export interface RouteResult extends Percentiles {
  perSecond: number;
}

export interface RestResult {
  clients: number;
  seconds: number;
  requests: number;
  perSecond: number;
  expected4xx: number;
  runsStarted: number;
  /** latency ms and rate per route */
  routes: Record<string, RouteResult>;
}

/** the run a REST client starts: one simulated minute at 1-s steps */
const OWN_RUN = { scenario: streamScenario('load-rest', 60, 20) };
/** ms between two polls of a run being computed */
const POLL_MS = 200;

export class RestClients {
  private readonly latency = new Map<string, Samples>();
  private stopped = false;
  private expected4xx = 0;
  private runsStarted = 0;
  private nextPostAt = 0;
  private startedAt = 0;
  private workers: Promise<void>[] = [];
  private readonly random = seededRandom(17);

  constructor(
    private readonly http: HttpClient,
    private readonly runs: readonly StoredRun[],
    private readonly opts: RestOptions,
    private readonly errors: Tally,
  ) {}

  start(): void {
    this.startedAt = performance.now();
    this.nextPostAt = this.startedAt + this.opts.postEveryS * 1000;
    this.workers = Array.from({ length: this.opts.clients }, (_, k) => this.worker(k));
  }

  async stop(): Promise<RestResult> {
    this.stopped = true;
    await Promise.all(this.workers);
    const seconds = (performance.now() - this.startedAt) / 1000;
    let requests = 0;
    const routes: Record<string, RouteResult> = {};
    for (const [route, s] of [...this.latency].sort((a, b) => b[1].count - a[1].count)) {
      requests += s.count;
      routes[route] = { ...s.percentiles(), perSecond: s.count / seconds };
    }
    return {
      clients: this.opts.clients,
      seconds,
      requests,
      perSecond: requests / seconds,
      expected4xx: this.expected4xx,
      runsStarted: this.runsStarted,
      routes,
    };
  }

  private async worker(k: number): Promise<void> {
    // spread the clients' first requests over one think time
    await this.pause(this.random() * this.opts.thinkMs);
    while (!this.stopped) {
      if (performance.now() >= this.nextPostAt) {
        this.nextPostAt += this.opts.postEveryS * 1000;
        await this.ownRun(k);
      } else await this.call(drawCall(this.runs, this.random));
      // uniform on [0, 2·thinkMs]: mean thinkMs
      await this.pause(this.random() * 2 * this.opts.thinkMs);
    }
  }

  /** Starts a run, waits for it, reads it, deletes it. */
  private async ownRun(client: number): Promise<void> {
    const created = await this.call(
      { route: 'POST /api/runs', method: 'POST', path: '/api/runs', json: OWN_RUN, expect: 202 },
      true,
    );
    if (created?.status !== 202) return;
    this.runsStarted++;
    const id = (JSON.parse(created.text!) as { run: { id: string } }).run.id;
    for (;;) {
      const r = await this.call(
        { route: 'GET /api/runs/:id', method: 'GET', path: `/api/runs/${id}`, expect: 200 },
        true,
      );
      if (r?.status !== 200) return;
      const status = (JSON.parse(r.text!) as { status: string }).status;
      if (status === 'done') break;
      if (status !== 'queued' && status !== 'running') {
        this.errors.add(`run-${status}`, `client ${client}: run ${id}`);
        return;
      }
      await this.pause(POLL_MS);
    }
    await this.call({
      route: 'GET /api/runs/:id/frames',
      method: 'GET',
      path: `/api/runs/${id}/frames`,
      expect: 200,
    });
    await this.call({
      route: 'DELETE /api/runs/:id',
      method: 'DELETE',
      path: `/api/runs/${id}`,
      expect: 204,
    });
  }

  private async call(c: RestCall, keepBody = false): Promise<HttpResult | undefined> {
    let r: HttpResult;
    try {
      r = await this.http.send(c.method, c.path, {
        ...(c.json === undefined ? {} : { json: c.json }),
        keepBody,
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      this.errors.add(`http-failed:${code}`, `${c.method} ${c.path}`);
      return undefined;
    }
    const s = this.latency.get(c.route) ?? new Samples();
    this.latency.set(c.route, s);
    s.push(r.ms);
    if (r.status !== c.expect)
      this.errors.add(
        `http-${r.status}:${c.route}`,
        `${c.method} ${c.path} (expected ${c.expect})`,
      );
    else if (r.status >= 400) this.expected4xx++;
    else if (r.status === 200 && r.bytes === 0)
      this.errors.add(`http-empty-body:${c.route}`, `${c.method} ${c.path}`);
    return r;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
