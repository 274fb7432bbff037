// Computes a scenario run in the background: steps the engine in time slices of a few ms and
// yields to the event loop between them (setImmediate), so streaming and REST stay responsive
// while a 24-hour incident is computed in a second or two. Frames are encoded once (the bytes
// the stream sends), written to the store in chunks with the log and the KPIs so far, and
// announced to watchers as they come.
import { encodeFrame } from '@finest/protocol';
import type { LogEntry } from '@finest/scenario/schema';
import type { ScenarioRun } from '@finest/scenario';
import { describeFailure, storageFailure } from '../store/storage-error.ts';
import type { Store } from '../store/store.ts';
import type { RunFrames } from './run-frames.ts';
import type { JobEvents, RunJob } from './run-job.ts';

export const SCENARIO_JOB_DEFAULTS = {
  /** ms of stepping before yielding to the event loop */
  sliceMs: 8,
  /** frames per stored chunk */
  chunkFrames: 64,
};

export class ScenarioJob implements RunJob {
  private cancelled = false;
  private logSeq = 0;
  private pendingLog: LogEntry[] = [];
  private timer: NodeJS.Immediate | undefined;

  constructor(
    readonly runId: string,
    private readonly run: ScenarioRun,
    private readonly frames: RunFrames,
    private readonly store: Store,
    private readonly events: JobEvents,
  ) {}

  start(): void {
    this.store.runs.setStatus(this.runId, 'running');
    this.timer = setImmediate(this.slice);
  }

  cancel(): void {
    this.cancelled = true;
    if (this.timer) clearImmediate(this.timer);
  }

  private readonly slice = (): void => {
    this.timer = undefined;
    if (this.cancelled) return;
    const until = performance.now() + SCENARIO_JOB_DEFAULTS.sliceMs;
    const log: LogEntry[] = [];
    let finished = false;
    try {
      do {
        const step = this.run.step();
        if (step === null) {
          finished = true;
          break;
        }
        if (step.frame.tick !== this.frames.count)
          throw new Error(`engine gave tick ${step.frame.tick}, expected ${this.frames.count}`);
        this.frames.append(encodeFrame(this.runId, step.frame), {
          t: step.frame.t,
          keyframe: step.frame.keyframe,
        });
        log.push(...step.log);
      } while (performance.now() < until);
      finished ||= this.run.done;
      this.pendingLog.push(...log);
      if (finished || this.frames.pendingCount >= SCENARIO_JOB_DEFAULTS.chunkFrames)
        this.flush(finished);
    } catch (err) {
      this.fail(err);
      return;
    }
    this.frames.notify();
    if (log.length > 0) this.events.log(log);
    this.events.progress(finished ? 1 : this.run.progress, this.frames.count);
    if (finished) this.events.done('done');
    else this.timer = setImmediate(this.slice);
  };

  /** One transaction: the chunk, its log entries, progress and KPIs so far (final when done). */
  private flush(finished: boolean): void {
    const chunk = this.frames.takeChunk();
    const log = this.pendingLog;
    this.pendingLog = [];
    const kpis = JSON.stringify(this.run.kpis());
    this.store.tx(() => {
      if (chunk) this.store.frames.insert(this.runId, chunk);
      this.store.runs.addLog(
        this.runId,
        this.logSeq,
        log.map((e) => ({ t: e.t, json: JSON.stringify(e) })),
      );
      if (finished) this.store.runs.finish(this.runId, 'done', { progress: 1, kpisJson: kpis });
      this.store.runs.setProgress(
        this.runId,
        finished ? 1 : this.run.progress,
        this.frames.count,
        kpis,
      );
    });
    this.logSeq += log.length;
  }

  private fail(err: unknown): void {
    const error = storageFailure(err)
      ? `the run could not be saved: ${describeFailure(err)}`
      : `the engine stopped: ${describeFailure(err)}`;
    try {
      this.store.runs.finish(this.runId, 'failed', {
        progress: this.run.progress,
        error: error.slice(0, 500),
      });
    } catch {
      // the store cannot take this either (disk full): the run stays 'running' there and is
      // computed again at the next start; watchers are told now
    }
    this.events.done('failed', new Error(error));
  }
}
