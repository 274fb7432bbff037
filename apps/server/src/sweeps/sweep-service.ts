// Sweeps in the server: planned and checked at POST (a bad one is a 400 before anything is
// stored), stored with their job keys, computed one sweep at a time in the background — on
// worker threads of the server (FINEST_SWEEP_WORKERS, default 1, so viewers keep a core) or on
// BullMQ workers through Redis (FINEST_QUEUE) — and resumed after a restart from their stored
// definition (stored results are not computed again). Progress goes out as events for the
// WebSocket. Results and aggregates are read from the store for any sweep, the CLI's too.
import { EventEmitter } from 'node:events';
import type { Network } from '@finest/grid';
import type {
  RunInfo,
  SweepHead,
  SweepInfo,
  SweepResult,
  SweepRunResult,
  SweepRunRow,
  SweepSpec,
} from '@finest/protocol';
import type { BundledData } from '@finest/scenario';
import {
  aggregateSweep,
  createEngineContext,
  layoutFromStore,
  planSweep,
  RedisExecutor,
  runSweep,
  SweepDefinitionSchema,
  ThreadPool,
  type QueueTarget,
  type SweepDefinition,
  type SweepExecutor,
  type SweepPlan,
  type SweepProgress,
} from '@finest/sweep';
import type { NetworkCatalog } from '../catalog/network-catalog.ts';
import type { ScenarioCatalog } from '../catalog/scenario-catalog.ts';
import { ApiError, notFound } from '../errors.ts';
import type { RunService } from '../runs/run-service.ts';
import { describeFailure } from '../store/storage-error.ts';
import type { Store } from '../store/store.ts';
import type { SweepRecord } from '../store/sweeps-repo.ts';
import { asApiError, invalid, sweepDefinition } from './sweep-spec.ts';

export interface SweepSettings {
  /** worker threads of the server for in-process sweeps */
  workers: number;
  /** Redis to send the jobs to instead (FINEST_QUEUE) */
  queue: QueueTarget | undefined;
  /** the bundled data directory the worker threads load */
  bundledDataDir: string | undefined;
}

export interface SweepServiceEvents {
  progress: [info: SweepInfo];
  deleted: [id: string];
}

interface Active {
  id: string;
  plan: SweepPlan;
  abort: AbortController;
  progress: SweepProgress | undefined;
  /** settles when the sweep's results so far are stored and its workers are gone */
  done: Promise<void>;
}

export class SweepService extends EventEmitter<SweepServiceEvents> {
  private readonly waiting: { id: string; plan: SweepPlan }[] = [];
  private active: Active | undefined;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly scenarios: ScenarioCatalog,
    private readonly networks: NetworkCatalog,
    private readonly bundled: BundledData,
    private readonly runService: RunService,
    private readonly settings: SweepSettings,
  ) {
    super();
    this.setMaxListeners(0);
  }

  get mode(): 'in-process' | 'redis' {
    return this.settings.queue ? 'redis' : 'in-process';
  }

  /** Plans, checks and stores a sweep, and queues it; a sweep already stored is returned. */
  create(spec: SweepSpec): SweepInfo {
    if (this.closed) throw new ApiError('FINEST_STORE_UNAVAILABLE', 'the server is shutting down');
    const def = sweepDefinition(spec, this.scenarios, this.bundled.profiles.demand.hours);
    const plan = this.plan(def);
    const fresh = this.store.sweeps.register({
      id: plan.id,
      title: plan.head.title,
      owner: 'server',
      mode: this.mode,
      definition: JSON.stringify(plan.definition),
      head: JSON.stringify(plan.head),
      profileStart: plan.profileStart,
      keys: plan.jobs.map((j) => j.key),
    });
    const row = this.record(plan.id);
    const busy = this.active?.id === plan.id || this.waiting.some((w) => w.id === plan.id);
    // new, or stored but not being computed (a CLI sweep, a finished one with new work left)
    if (fresh || (!busy && this.store.sweeps.counts(plan.id).finished < row.jobs)) {
      this.store.sweeps.setStatus(plan.id, 'queued', this.mode);
      this.waiting.push({ id: plan.id, plan });
      setImmediate(() => this.pump());
    }
    return this.info(plan.id);
  }

  /** Queues the server's sweeps a stop or crash interrupted; ids of those resumed. */
  recover(): string[] {
    const ids = this.store.sweeps.unfinishedIds('server');
    for (const id of ids) {
      try {
        const def = SweepDefinitionSchema.parse(JSON.parse(this.record(id).definition));
        const plan = this.plan(def);
        if (plan.id !== id)
          throw new Error(
            'its runs would now have other keys (the data or the engine version changed); start it again',
          );
        this.waiting.push({ id, plan });
      } catch (err) {
        this.store.sweeps.setStatus(
          id,
          'failed',
          this.mode,
          `could not be resumed after a restart: ${describeFailure(asApiError(err))}`.slice(0, 500),
        );
      }
    }
    setImmediate(() => this.pump());
    return ids;
  }

  list(): SweepInfo[] {
    return this.store.sweeps.list().map((r) => this.infoOf(r));
  }

  info(id: string): SweepInfo {
    return this.infoOf(this.record(id));
  }

  head(id: string): SweepHead {
    return JSON.parse(this.record(id).head) as SweepHead;
  }

  /** The aggregate of what is stored so far (complete: false while runs are missing). */
  aggregate(id: string): SweepResult {
    const row = this.record(id);
    const head = JSON.parse(row.head) as SweepHead;
    const def = SweepDefinitionSchema.pick({ scenarios: true }).parse(JSON.parse(row.definition));
    const keys = this.store.sweeps.keysOf(id);
    const layout = layoutFromStore(head, def, row.profile_start, keys);
    const rows = new Map<string, SweepRunRow>();
    for (const [k, r] of this.store.sweeps.rows(keys)) rows.set(k, r.row);
    return aggregateSweep(layout, rows);
  }

  runs(id: string): { profileStart: string; runs: SweepRunRow[] } {
    const row = this.record(id);
    return { profileStart: row.profile_start, runs: this.store.sweeps.rowsOfSweep(id) };
  }

  run(id: string, key: string): SweepRunResult {
    this.record(id);
    const row = this.store.sweeps.rows([key]).get(key);
    const kpis = this.store.sweeps.kpis(id, key);
    if (!row || kpis === undefined) throw notFound('sweep run', key);
    return { ...row.row, kpis };
  }

  /** One run of the sweep computed again as a run of the twin (frames, playback). */
  openRun(id: string, key: string): RunInfo {
    const def = SweepDefinitionSchema.parse(JSON.parse(this.record(id).definition));
    const plan = this.plan(def);
    const job = plan.jobs.find((j) => j.key === key);
    if (!job) {
      if (this.store.sweeps.kpis(id, key) === undefined) throw notFound('sweep run', key);
      throw new ApiError(
        'FINEST_CONFLICT',
        `the inputs of run ${key.slice(0, 12)} are not reproducible here any more (the data or the engine version changed since the sweep)`,
      );
    }
    const payload = plan.payload(job);
    return this.runService.startScenario({
      scenario: payload.scenario,
      networkId: payload.networkId,
      seed: payload.seed,
    });
  }

  remove(id: string): void {
    this.record(id);
    const k = this.waiting.findIndex((w) => w.id === id);
    if (k >= 0) this.waiting.splice(k, 1);
    if (this.active?.id === id) this.active.abort.abort();
    this.store.sweeps.remove(id);
    this.emit('deleted', id);
  }

  /** Stops computing; the sweep in progress stays running in the store and resumes at start. */
  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    const active = this.active;
    active?.abort.abort();
    await active?.done;
    this.removeAllListeners();
  }

  private record(id: string): SweepRecord {
    const row = this.store.sweeps.get(id);
    if (!row) throw notFound('sweep', id);
    return row;
  }

  private infoOf(r: SweepRecord): SweepInfo {
    const live = this.active?.id === r.id ? this.active.progress : undefined;
    const counts = live
      ? { finished: live.finished, failed: live.failed }
      : this.store.sweeps.counts(r.id);
    return {
      id: r.id,
      title: r.title,
      status: r.status,
      mode: r.mode,
      jobs: r.jobs,
      finished: counts.finished,
      failed: counts.failed,
      rate: live ? Number(live.rate.toFixed(2)) : 0,
      etaS: live ? live.etaS : null,
      createdAt: r.created_at,
      ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
      ...(r.error ? { error: r.error } : {}),
    };
  }

  /** The networks a definition names that are not bundled (uploads), by id. */
  private extraNetworks(def: SweepDefinition): Map<string, Network> {
    const ids = new Set(def.scenarios.map((s) => s.network));
    for (const axis of def.axes)
      if (axis.path === 'network')
        for (const v of axis.values) if (typeof v.value === 'string') ids.add(v.value);
    const out = new Map<string, Network>();
    for (const id of ids)
      if (!this.bundled.networks.has(id) && this.networks.has(id))
        out.set(id, this.networks.get(id));
    return out;
  }

  private plan(def: SweepDefinition): SweepPlan {
    const extra = this.extraNetworks(def);
    if (extra.size > 0 && this.settings.queue)
      throw invalid(
        'scenarioIds',
        `uploaded networks (${[...extra.keys()].join(', ')}) cannot go to Redis workers, which have the bundled data only`,
      );
    const ctx = createEngineContext({
      networks: new Map([...this.bundled.networks, ...extra]),
      profiles: this.bundled.profiles,
      cities: this.bundled.cities,
    });
    try {
      return planSweep(def, ctx);
    } catch (err) {
      throw asApiError(err);
    }
  }

  private executor(plan: SweepPlan): SweepExecutor {
    if (this.settings.queue) return new RedisExecutor({ target: this.settings.queue });
    const extra = this.extraNetworks(plan.definition);
    return new ThreadPool({
      workers: this.settings.workers,
      init: {
        ...(this.settings.bundledDataDir ? { dataDir: this.settings.bundledDataDir } : {}),
        ...(extra.size ? { networks: Object.fromEntries(extra) } : {}),
      },
    });
  }

  private pump(): void {
    if (this.closed || this.active || this.waiting.length === 0) return;
    const { id, plan } = this.waiting.shift()!;
    const active: Active = {
      id,
      plan,
      abort: new AbortController(),
      progress: undefined,
      done: Promise.resolve(),
    };
    this.active = active;
    const executor = this.executor(plan);
    const publish = (): void => {
      if (this.store.sweeps.get(id)) this.emit('progress', this.info(id));
    };
    const settle = async (
      status: 'done' | 'failed' | 'cancelled',
      error: string | null,
    ): Promise<void> => {
      try {
        if (this.store.sweeps.get(id)) this.store.sweeps.setStatus(id, status, this.mode, error);
      } catch {
        // the store cannot take it (disk full): the sweep resumes at the next start
      }
      this.active = undefined;
      publish();
      await executor.close();
      this.pump();
    };
    try {
      this.store.sweeps.setStatus(id, 'running', this.mode);
    } catch (err) {
      this.active = undefined;
      void executor.close();
      this.emit('progress', { ...this.info(id), error: describeFailure(err) });
      return;
    }
    publish();
    active.done = runSweep(plan, this.store.sweeps, executor, {
      signal: active.abort.signal,
      onProgress: (p) => {
        active.progress = p;
        publish();
      },
    }).then(
      async (result) => {
        // aborted by close(): left running in the store, resumed at the next start
        if (this.closed) {
          this.active = undefined;
          await executor.close();
        } else if (!this.store.sweeps.get(id)) await settle('cancelled', null);
        else await settle(result.complete ? 'done' : 'cancelled', null);
      },
      (err: unknown) => settle('failed', describeFailure(err).slice(0, 500)),
    );
  }
}
