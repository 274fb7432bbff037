// `finest worker`: N BullMQ workers of this process, one per thread (the engine is synchronous:
// threads are what runs jobs side by side). Threads load the data once; start() resolves when
// every one is connected to the queue; close() lets each finish the run it is on, then stops.
import { Worker } from 'node:worker_threads';
import { checkRedis, type QueueTarget } from './connection.ts';
import type { FromWorkerThread, ToWorkerThread, WorkerThreadInit } from './worker-protocol.ts';

export interface RedisWorkerOptions {
  target: QueueTarget;
  threads: number;
  dataDir?: string;
  /** ms a job's lock lasts (default 30,000): a killed worker's job is retried after it */
  lockMs?: number;
  /** ms between stalled-job checks (default lockMs / 2) */
  stalledMs?: number;
}

export interface WorkerGroupStats {
  done: number;
  failed: number;
  refused: number;
  /** the last refusal, for the log */
  lastRefusal: string | null;
}

export class RedisWorkerGroup {
  readonly threads: number;
  readonly stats: WorkerGroupStats = { done: 0, failed: 0, refused: 0, lastRefusal: null };
  private workers: Worker[] = [];
  private started: Promise<void> | undefined;
  private exited: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: RedisWorkerOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1)
      throw new RangeError(
        `Redis workers: threads must be a positive integer, got ${options.threads}`,
      );
    this.threads = options.threads;
  }

  start(): Promise<void> {
    return (this.started ??= this.spawnAll());
  }

  /** Resolves when every thread has stopped (after close(), or when one dies). */
  wait(): Promise<void> {
    return this.exited ?? Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.stopping) return this.wait();
    this.stopping = true;
    for (const w of this.workers) w.postMessage({ type: 'stop' } satisfies ToWorkerThread);
    // a thread that does not stop within its lock time is ended; its job goes back to the queue
    const limit = setTimeout(
      () => this.workers.forEach((w) => void w.terminate()),
      (this.options.lockMs ?? 30_000) + 5000,
    );
    limit.unref();
    await this.wait();
    clearTimeout(limit);
  }

  private async spawnAll(): Promise<void> {
    await checkRedis(this.options.target);
    const lockMs = this.options.lockMs ?? 30_000;
    const init: WorkerThreadInit = {
      target: this.options.target,
      lockMs,
      stalledMs: this.options.stalledMs ?? Math.max(500, Math.floor(lockMs / 2)),
      ...(this.options.dataDir === undefined ? {} : { dataDir: this.options.dataDir }),
    };
    const ready: Promise<void>[] = [];
    const exits: Promise<void>[] = [];
    for (let k = 0; k < this.threads; k++) {
      const w = new Worker(new URL('./worker-thread.mjs', import.meta.url), { workerData: init });
      this.workers.push(w);
      ready.push(
        new Promise<void>((resolve, reject) => {
          w.on('message', (m: FromWorkerThread) => {
            if (m.type === 'ready') resolve();
            else if (m.type === 'fatal')
              reject(new Error(`sweep worker cannot start: ${m.message}`));
            else if (m.type === 'done') {
              this.stats.done++;
              if (m.status === 'failed') this.stats.failed++;
            } else if (m.type === 'refused') {
              this.stats.refused++;
              this.stats.lastRefusal = m.message;
            }
          });
          w.on('error', (err) => reject(err));
          w.on('exit', (code) => reject(new Error(`sweep worker thread exited with code ${code}`)));
        }),
      );
      exits.push(new Promise<void>((resolve) => w.on('exit', () => resolve())));
    }
    this.exited = Promise.all(exits).then(() => {});
    try {
      await Promise.all(ready);
    } catch (err) {
      await Promise.all(this.workers.map((w) => w.terminate()));
      throw err;
    }
  }
}
