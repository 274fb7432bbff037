// The coordinator's side of a sweep on Redis: enqueue the jobs that have no result as BullMQ
// jobs whose id is the job key (adding a job that is already queued is a no-op, so two
// coordinators or a rerun never duplicate work), then follow them until each has a result,
// which it hands to the runner to store (the store is the coordinator's; workers keep
// nothing). Completed jobs are removed from Redis once their result is taken.
//
// Events (QueueEvents) bring results promptly; a reconciliation every few seconds asks Redis
// for the state of every job still expected, so nothing depends on an event arriving: a job
// Redis lost (a restart without persistence) is added again, one that completed while this
// process was away is collected, one that failed for good is recorded as a failure a rerun
// tries again. A killed worker's job is BullMQ's business: its lock expires and another worker
// takes it (the stalled-job check).
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
      void queue.remove(key).catch(() => {});
      check();
    };
    const failFinal = (key: string, reason: string): void => {
      if (!pending.delete(key)) return;
      events.result({
        result: failedResult(jobs.payload(index.get(key)!), `failed on the queue: ${reason}`),
        retryable: true,
        runMs: null,
      });
      void queue.remove(key).catch(() => {});
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

    /** States of every expected job; first = this invocation's start (failed jobs are retried). */
    const reconcile = async (first: boolean): Promise<void> => {
      const keys = [...pending];
      const missing: string[] = [];
      for (let k = 0; k < keys.length; k += BATCH) {
        const chunk = keys.slice(k, k + BATCH);
        const states = await Promise.all(chunk.map((key) => queue.getJobState(key)));
        await Promise.all(
          chunk.map(async (key, i) => {
            const state = states[i];
            if (state === 'unknown') missing.push(key);
            else if (state === 'completed') {
              const job = await queue.getJob(key);
              if (job) deliver(key, job.returnvalue);
              else missing.push(key);
            } else if (state === 'failed') {
              const job = await queue.getJob(key);
              if (first) {
                // an earlier invocation's failure: a rerun tries again
                await queue.remove(key).catch(() => {});
                missing.push(key);
              } else failFinal(key, job?.failedReason ?? 'unknown reason');
            }
          }),
        );
      }
      const lost = missing.filter((key) => pending.has(key));
      if (!first) for (const key of lost) events.retried(key);
      await add(lost);
    };

    let busy = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      await reconcile(true);
      check();
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        reconcile(false)
          .catch(() => {}) // Redis away: try again next time
          .finally(() => {
            busy = false;
            check();
          });
      }, this.options.reconcileMs ?? 5000);
      await finished;
    } finally {
      clearInterval(timer);
      signal?.removeEventListener('abort', check);
      queueEvents.off('completed', onCompleted);
      queueEvents.off('failed', onFailed);
      queueEvents.off('stalled', onStalled);
    }
  }

  async close(): Promise<void> {
    await this.options.localWorkers?.close();
    await this.events?.close();
    await this.queue?.close();
    this.events = undefined;
    this.queue = undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
