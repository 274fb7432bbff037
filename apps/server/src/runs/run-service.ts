// Runs: starts them (scenario runs and N-1 screenings), computes them in the background a few
// at a time, keeps their frames reachable (live while computing, from the store afterwards),
// re-computes runs a restart interrupted (a run is a pure function of its stored inputs), and
// tells the stream what happens through events.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Network, SnapshotInputs } from '@finest/grid';
import {
  branchScenario,
  createRun,
  parseScenario,
  ScenarioValidationError,
  type CityLayer,
  type ScenarioRun,
} from '@finest/scenario';
import type { LogEntry, RunSummary, Scenario, ScenarioEvent } from '@finest/scenario/schema';
import type { RunDetails, RunInfo, RunListItem } from '@finest/protocol';
import type { NetworkCatalog } from '../catalog/network-catalog.ts';
import { ApiError, notFound } from '../errors.ts';
import type { RunRow } from '../store/runs-repo.ts';
import { describeFailure } from '../store/storage-error.ts';
import type { Store } from '../store/store.ts';
import { N1Job } from './n1-job.ts';
import { logEntries, runDetails, runInfo, runListItem, runSummary } from './run-records.ts';
import { RunFrames } from './run-frames.ts';
import type { JobEvents, RunJob } from './run-job.ts';
import { ScenarioJob } from './scenario-job.ts';

/** Jobs computed at once; more wait in a queue. */
const CONCURRENCY = 2;
/** Stored runs whose frame index stays loaded after use. */
const LOADED_RUNS = 8;

export interface RunServiceEvents {
  progress: [runId: string, fraction: number, ticks: number];
  log: [runId: string, entries: LogEntry[]];
  done: [runId: string, status: 'done' | 'failed'];
  deleted: [runId: string];
}

export interface StartScenarioRun {
  scenario: Scenario;
  networkId?: string | undefined;
  seed?: number | undefined;
  parentRunId?: string;
  branchAtS?: number;
}

export interface EngineData {
  profiles: SnapshotInputs;
  cities: CityLayer;
}

const newRunId = (): string => `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;

export class RunService extends EventEmitter<RunServiceEvents> {
  private readonly queue: RunJob[] = [];
  private readonly running = new Map<string, RunJob>();
  /** frames of runs being computed or waiting */
  private readonly live = new Map<string, RunFrames>();
  private readonly loaded = new Map<string, RunFrames>();
  /** the log of runs being computed: the store has it only up to the last chunk */
  private readonly liveLog = new Map<string, LogEntry[]>();
  /** runs that failed when the store could not even record it (disk full): id → error */
  private readonly failedUnsaved = new Map<string, string>();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly networks: NetworkCatalog,
    private readonly engine: EngineData,
    private readonly maxActive: number,
  ) {
    super();
    this.setMaxListeners(0);
  }

  activeCount(): number {
    return this.queue.length + this.running.size;
  }

  startScenario(req: StartScenarioRun): RunInfo {
    this.checkCapacity();
    const networkId = req.networkId ?? req.scenario.network;
    const network = this.networks.get(networkId);
    const run = this.createEngineRun(network, req.scenario, req.seed);
    const id = newRunId();
    this.store.runs.insert({
      id,
      kind: 'scenario',
      scenario_id: req.scenario.id,
      title: req.scenario.title,
      network_id: networkId,
      seed: run.seed,
      scenario_json: JSON.stringify(req.scenario),
      parent_run_id: req.parentRunId ?? null,
      branch_at_s: req.branchAtS ?? null,
      start_time: run.startTime,
      duration_s: run.durationS,
      layout_json: JSON.stringify(run.layout),
      created_at: new Date().toISOString(),
    });
    this.enqueueScenario(id, run);
    return this.info(id);
  }

  /** A what-if: the parent's scenario with extra events from atS, same network and seed. */
  branch(parentId: string, atS: number, events: ScenarioEvent[]): RunInfo {
    const parent = this.row(parentId);
    if (parent.kind !== 'scenario' || parent.scenario_json === null)
      throw new ApiError('FINEST_BAD_REQUEST', `run '${parentId}' is not a scenario run`);
    if (atS > parent.duration_s)
      throw new ApiError(
        'FINEST_BAD_REQUEST',
        `atS ${atS} s is after the end of the run (${parent.duration_s} s)`,
        [{ path: 'atS', message: `must be at most ${parent.duration_s}` }],
      );
    const scenario = branchScenario(parseScenario(JSON.parse(parent.scenario_json)), atS, events);
    return this.startScenario({
      scenario,
      networkId: parent.network_id,
      seed: parent.seed,
      parentRunId: parentId,
      branchAtS: atS,
    });
  }

  startN1(networkId: string): RunInfo {
    this.checkCapacity();
    const network = this.networks.get(networkId);
    const id = newRunId();
    const now = new Date().toISOString();
    this.store.runs.insert({
      id,
      kind: 'n1',
      scenario_id: 'n1',
      title: `DC N-1 screening of ${network.name}`,
      network_id: networkId,
      seed: 0,
      scenario_json: null,
      parent_run_id: null,
      branch_at_s: null,
      start_time: now,
      duration_s: 0,
      layout_json: JSON.stringify({
        networkId,
        busIds: [],
        branchIds: [],
        hvdcIds: [],
        generatorIds: [],
        areaIds: [],
      }),
      created_at: now,
    });
    this.enqueue(new N1Job(id, networkId, network, this.store, this.jobEvents(id)));
    return this.info(id);
  }

  /** Re-computes the runs a stop or crash interrupted, from their stored inputs. */
  recover(): string[] {
    const ids = this.store.runs.unfinishedIds();
    for (const id of ids) {
      const row = this.row(id);
      this.store.runs.reset(id);
      try {
        const network = this.networks.get(row.network_id);
        if (row.kind === 'n1') {
          this.enqueue(new N1Job(id, row.network_id, network, this.store, this.jobEvents(id)));
        } else {
          const scenario = parseScenario(JSON.parse(row.scenario_json ?? 'null'), `run ${id}`);
          this.enqueueScenario(id, this.createEngineRun(network, scenario, row.seed));
        }
      } catch (err) {
        this.store.runs.finish(id, 'failed', {
          progress: 0,
          error:
            `could not be resumed after a restart: ${err instanceof Error ? err.message : String(err)}`.slice(
              0,
              500,
            ),
        });
      }
    }
    return ids;
  }

  info(id: string): RunInfo {
    return runInfo(this.row(id));
  }

  details(id: string): RunDetails {
    return runDetails(this.row(id));
  }

  list(): RunListItem[] {
    return this.store.runs.list().map(runListItem);
  }

  listItem(id: string): RunListItem {
    return runListItem(this.row(id));
  }

  has(id: string): boolean {
    return this.store.runs.get(id) !== undefined;
  }

  isActive(id: string): boolean {
    return this.live.has(id) || this.running.has(id);
  }

  /**
   * The run's log: while it is computed, the one list its job appends to (the hub's playbacks
   * read this same list, so there is no second copy to keep in step); once stored, read back.
   */
  log(id: string): readonly LogEntry[] {
    const live = this.liveLog.get(id);
    if (live) return live;
    this.row(id);
    return logEntries(this.store.runs.log(id));
  }

  scenario(id: string): Scenario {
    const row = this.row(id);
    if (row.scenario_json === null)
      throw new ApiError('FINEST_BAD_REQUEST', `run '${id}' has no scenario`);
    return parseScenario(JSON.parse(row.scenario_json), `run ${id}`);
  }

  /** What compare reads; the run must be done. */
  summary(id: string): RunSummary {
    const row = this.row(id);
    if (row.kind !== 'scenario')
      throw new ApiError(
        'FINEST_BAD_REQUEST',
        `run '${id}' is an N-1 screening, not a scenario run`,
      );
    if (row.status !== 'done')
      throw new ApiError('FINEST_RUN_NOT_READY', `run '${id}' is ${row.status}, not done`);
    return runSummary(row, logEntries(this.store.runs.log(id)));
  }

  /** The frames of a run: live while it is computed, else its stored index. */
  frames(id: string): RunFrames {
    const live = this.live.get(id);
    if (live) return live;
    const loaded = this.loaded.get(id);
    if (loaded) {
      this.loaded.delete(id);
      this.loaded.set(id, loaded);
      return loaded;
    }
    this.row(id);
    const frames = RunFrames.load(id, this.store.frames);
    this.loaded.set(id, frames);
    if (this.loaded.size > LOADED_RUNS) this.loaded.delete(this.loaded.keys().next().value!);
    return frames;
  }

  remove(id: string): void {
    this.row(id);
    this.cancel(id);
    this.store.runs.remove(id);
    this.failedUnsaved.delete(id);
    this.live.delete(id);
    this.liveLog.delete(id);
    this.loaded.delete(id);
    this.emit('deleted', id);
  }

  /** Stops computing; interrupted runs stay queued/running in the store and resume at start. */
  close(): void {
    this.closed = true;
    for (const job of [...this.running.values(), ...this.queue]) job.cancel();
    this.running.clear();
    this.queue.length = 0;
    this.live.clear();
    this.liveLog.clear();
    this.loaded.clear();
    this.removeAllListeners();
  }

  private row(id: string): RunRow {
    const row = this.store.runs.get(id);
    if (!row) throw notFound('run', id);
    const unsaved = this.failedUnsaved.get(id);
    if (unsaved !== undefined && (row.status === 'queued' || row.status === 'running'))
      return { ...row, status: 'failed', error: unsaved };
    return row;
  }

  private checkCapacity(): void {
    if (this.closed) throw new ApiError('FINEST_STORE_UNAVAILABLE', 'the server is shutting down');
    if (this.activeCount() >= this.maxActive)
      throw new ApiError(
        'FINEST_TOO_MANY_RUNS',
        `${this.activeCount()} runs are computing or waiting; try again when one is done`,
      );
  }

  private createEngineRun(
    network: Network,
    scenario: Scenario,
    seed: number | undefined,
  ): ScenarioRun {
    try {
      return createRun({
        network,
        profiles: this.engine.profiles,
        cities: this.engine.cities,
        scenario,
        ...(seed === undefined ? {} : { seed }),
      });
    } catch (err) {
      if (err instanceof ScenarioValidationError || err instanceof ApiError) throw err;
      throw new ApiError(
        'FINEST_RUN_INPUT_INVALID',
        `the engine cannot run scenario '${scenario.id}': ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  private enqueueScenario(id: string, run: ScenarioRun): void {
    const frames = new RunFrames(id, this.store.frames);
    this.live.set(id, frames);
    this.liveLog.set(id, []);
    this.enqueue(new ScenarioJob(id, run, frames, this.store, this.jobEvents(id)));
  }

  private enqueue(job: RunJob): void {
    this.queue.push(job);
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.running.size < CONCURRENCY && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running.set(job.runId, job);
      try {
        job.start();
      } catch (err) {
        // the store refused the status change (disk full, read-only): the run stays queued
        // there, to be computed at the next start; watchers hear it failed now
        job.cancel();
        this.jobEvents(job.runId).done('failed', err);
      }
    }
  }

  private cancel(id: string): void {
    const k = this.queue.findIndex((j) => j.runId === id);
    if (k >= 0) this.queue.splice(k, 1)[0]!.cancel();
    const job = this.running.get(id);
    if (job) {
      job.cancel();
      this.running.delete(id);
      this.pump();
    }
  }

  private jobEvents(id: string): JobEvents {
    return {
      progress: (fraction, ticks) => this.emit('progress', id, fraction, ticks),
      log: (entries) => {
        this.liveLog.get(id)?.push(...entries);
        this.emit('log', id, entries);
      },
      done: (status, error) => {
        this.running.delete(id);
        // the job could not store its failure: say it from memory (recomputed at the next start)
        if (status === 'failed' && this.store.runs.get(id)?.status !== 'failed')
          this.failedUnsaved.set(id, describeFailure(error).slice(0, 500));
        // the frames stay readable: hand the live index over to the loaded ones
        const frames = this.live.get(id);
        this.live.delete(id);
        this.liveLog.delete(id);
        if (frames) this.loaded.set(id, frames);
        this.emit('done', id, status);
        this.pump();
      },
    };
  }
}
