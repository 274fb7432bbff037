// The coordinator's side of a sweep on Redis: enqueue the jobs that have no result as BullMQ
// jobs whose id is the job key (adding a job that is already queued is a no-op, so two
// coordinators or a rerun never duplicate work), then follow them until each has a result,
// which it hands to the runner to store (the store is the coordinator's; workers keep
// nothing). A job is removed from Redis once its result is in the store (stored()), so a
// coordinator killed between taking a result and storing it loses nothing.
//
// Events (QueueEvents) bring results promptly; a reconciliation every few seconds (longer when
// a pass over many jobs takes long) asks Redis for the state of every job still expected, so
// nothing depends on an event arriving: a job Redis lost (a restart without persistence) is
// added again, one that completed while this process was away is collected, one that failed
// for good is recorded as a failure a rerun tries again. A killed worker's job is BullMQ's
// business: its lock expires and another worker takes it (the stalled-job check).
import { Queue, QueueEvents } from 'bullmq';
import { z } from 'zod';
import { SweepRunResultSchema } from '@finest/protocol';
import { failedResult } from '../execute.ts';
import type { ExecutorEvents, JobSource, SweepExecutor } from '../executor.ts';
import {
  checkRedis,
  durableOptions,
  QUEUE_NAME,
  QUEUE_PREFIX,
  type QueueTarget,
} from './connection.ts';
import type { RedisWorkerGroup } from './worker-group.ts';

/** What a worker returns for a job. */
export const JobReturnSchema = z.object({ result: SweepRunResultSchema, runMs: z.number() });
export type JobReturn = z.infer<typeof JobReturnSchema>;

export interface RedisExecutorOptions {
  target: QueueTarget;
  /** BullMQ workers of this process, started with the sweep and closed with it */
  localWorkers?: RedisWorkerGroup;
  /** ms between reconciliations (default 5000) */
  reconcileMs?: number;
  /** tries per job when a worker throws (default 3) */
  attempts?: number;
}

/** jobs per addBulk / state query */
const BATCH = 500;

export class RedisExecutor implements SweepExecutor {
  readonly mode = 'redis';
  private queue: Queue | undefined;
  private events: QueueEvents | undefined;
  /** jobs being removed from the queue, their results stored */
  private readonly removals = new Set<Promise<void>>();

  constructor(private readonly options: RedisExecutorOptions) {}

  get workers(): number {
    return this.options.localWorkers?.threads ?? 0;
  }

  /** Workers connected to the queue (any machine), for progress lines. */
  async workersConnected(): Promise<number> {
    if (!this.queue) return 0;
    return (await this.queue.getWorkers()).length;
  }

  async run(jobs: JobSource, events: ExecutorEvents, signal?: AbortSignal): Promise<void> {
    const { target } = this.options;
    await checkRedis(target);
    const connection = durableOptions(target);
    const queue = (this.queue ??= new Queue(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX }));
    const queueEvents = (this.events ??= new QueueEvents(QUEUE_NAME, {
      connection,
      prefix: QUEUE_PREFIX,
    }));
    queue.on('error', () => {}); // ioredis reconnects; the reconciliation catches up
    queueEvents.on('error', () => {});
    await Promise.all([queue.waitUntilReady(), queueEvents.waitUntilReady()]);
    await this.options.localWorkers?.start();

    const index = new Map<string, number>(jobs.keys.map((k, i) => [k, i]));
    const pending = new Set(jobs.keys);
    const attempts = this.options.attempts ?? 3;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const check = (): void => {
      if (pending.size === 0 || signal?.aborted) done();
    };
    signal?.addEventListener('abort', check, { once: true });

    const add = async (keys: string[]): Promise<void> => {
      for (let k = 0; k < keys.length; k += BATCH)
        await queue.addBulk(
          keys.slice(k, k + BATCH).map((key) => {
            const payload = jobs.payload(index.get(key)!);
            return {
              name: payload.scenarioId,
              data: payload,
              opts: {
                jobId: key,
                attempts,
                backoff: { type: 'fixed', delay: 1000 },
                removeOnComplete: false,
                removeOnFail: false,
              },
            };
          }),
        );
    };
    const deliver = (key: string, value: unknown): void => {
      if (!pending.delete(key)) return;
      const parsed = JobReturnSchema.safeParse(typeof value === 'string' ? safeJson(value) : value);
      if (parsed.success && parsed.data.result.key === key)
        events.result({ result: parsed.data.result, retryable: false, runMs: parsed.data.runMs });
      else
        events.result({
          result: failedResult(
            jobs.payload(index.get(key)!),
            'a worker returned an unreadable result',
          ),
          retryable: true,
          runMs: null,
        });
      check();
    };
    const failFinal = (key: string, reason: string): void => {
      if (!pending.delete(key)) return;
      events.result({
        result: failedResult(jobs.payload(index.get(key)!), `failed on the queue: ${reason}`),
        retryable: true,
        runMs: null,
      });
      check();
    };

    const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }): void => {
      if (pending.has(jobId)) deliver(jobId, returnvalue);
    };
    const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }): void => {
      if (!pending.has(jobId)) return;
      // 'failed' also reports an attempt with retries left; only the failed state is final
      void queue
        .getJobState(jobId)
        .then((state) => {
          if (state === 'failed') failFinal(jobId, failedReason);
        })
        .catch(() => {});
    };
    // a worker died holding the job and BullMQ put it back in the queue
    const onStalled = ({ jobId }: { jobId: string }): void => {
      if (pending.has(jobId)) events.retried(jobId);
    };
    queueEvents.on('completed', onCompleted);
    queueEvents.on('failed', onFailed);
    queueEvents.on('stalled', onStalled);

    /**
     * What Redis holds of every expected job; first = this invocation's start (failed jobs are
     * retried). BullMQ's isFinished reads the job's hash and its score in the completed and
     * failed sets, O(log jobs) per job; getJobState would also search the wait list, O(jobs
     * queued) per job and so O(n²) per pass (19,710 jobs queued kept redis-server at 64 % of a
     * core with nothing else running).
     */
    const reconcile = async (first: boolean): Promise<void> => {
      const backend = queue.getBackend();
      const keys = [...pending];
      const missing: string[] = [];
      for (let k = 0; k < keys.length; k += BATCH) {
        const chunk = keys.slice(k, k + BATCH);
        const states = await Promise.all(chunk.map((key) => backend.isFinished(key, true)));
        await Promise.all(
          chunk.map(async (key, i) => {
            const { state, value } = finishedState(states[i]!);
            if (state === 'missing') missing.push(key);
            else if (state === 'completed') deliver(key, value);
            else if (state === 'failed') {
              if (first) {
                // an earlier invocation's failure: a rerun tries again
                await queue.remove(key).catch(() => {});
                missing.push(key);
              } else failFinal(key, value ?? 'unknown reason');
            }
          }),
        );
      }
      const lost = missing.filter((key) => pending.has(key));
      if (!first) for (const key of lost) events.retried(key);
      await add(lost);
    };

    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    /**
     * The next pass after reconcileMs, or after ten times the last pass if that is longer: a
     * pass over many queued jobs then takes at most a tenth of the coordinator's and Redis's
     * time.
     */
    const schedule = (lastPassMs: number): void => {
      if (stopped) return;
      timer = setTimeout(
        () => {
          const start = performance.now();
          reconcile(false)
            .catch(() => {}) // Redis away: try again next time
            .finally(() => {
              check();
              schedule(performance.now() - start);
            });
        },
        Math.max(this.options.reconcileMs ?? 5000, 10 * lastPassMs),
      );
    };
    try {
      const start = performance.now();
      await reconcile(true);
      check();
      schedule(performance.now() - start);
      await finished;
    } finally {
      stopped = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', check);
      queueEvents.off('completed', onCompleted);
      queueEvents.off('failed', onFailed);
      queueEvents.off('stalled', onStalled);
    }
  }

  stored(keys: readonly string[]): void {
    const queue = this.queue;
    if (!queue) return;
    for (const key of keys) {
      const removal: Promise<void> = queue
        .remove(key)
        .then(() => {})
        .catch(() => {}) // Redis away: the job stays, and a rerun finds its result stored
        .finally(() => this.removals.delete(removal));
      this.removals.add(removal);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.removals);
    await this.options.localWorkers?.close();
    await this.events?.close();
    await this.queue?.close();
    this.events = undefined;
    this.queue = undefined;
  }
}

/**
 * BullMQ's isFinished with its return value: [-1, …] missing, [0] queued or running,
 * [1, result], [2, reason].
 */
function finishedState(raw: number | [number, string]): {
  state: 'missing' | 'unfinished' | 'completed' | 'failed';
  value: string | undefined;
} {
  const [code, value] = typeof raw === 'number' ? [raw, undefined] : raw;
  const state =
    code === 1 ? 'completed' : code === 2 ? 'failed' : code === 0 ? 'unfinished' : 'missing';
  return { state, value: code === 1 || code === 2 ? value : undefined };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
