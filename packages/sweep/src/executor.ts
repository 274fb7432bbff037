// How a sweep's jobs get computed: worker threads of this process (local/thread-pool.ts) or
// BullMQ workers anywhere that reach Redis (redis/redis-executor.ts). Both hand back results
// one by one, in any order; the runner (run-sweep.ts) stores them.
import type { SweepJob } from './job.ts';
import type { StoredResult } from './results-store.ts';

/** The jobs to compute, built one at a time (a sweep of 79,000 runs holds keys, not payloads). */
export interface JobSource {
  readonly keys: readonly string[];
  payload(index: number): SweepJob;
}

export interface ExecutorEvents {
  result(r: StoredResult): void;
  /** a job was handed out again (its worker died, or Redis lost it) */
  retried(key: string): void;
}

export interface SweepExecutor {
  readonly mode: 'in-process' | 'redis';
  /** worker threads of this process */
  readonly workers: number;
  /** Computes the jobs; resolves when each has a result or when `signal` aborts. */
  run(jobs: JobSource, events: ExecutorEvents, signal?: AbortSignal): Promise<void>;
  /**
   * The runner has these results in its store: the executor may let go of them. The Redis
   * executor removes their jobs from the queue only now, so a coordinator killed before its
   * store transaction loses nothing: a rerun collects those results from Redis.
   */
  stored?(keys: readonly string[]): void;
  /** After run: lets go of what it holds (and waits for what stored() started). */
  close(): Promise<void>;
}
