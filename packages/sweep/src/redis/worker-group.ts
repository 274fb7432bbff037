// `finest worker`: N BullMQ workers of this process, one per thread (the engine is synchronous:
// threads are what runs jobs side by side). Threads load the data once; start() resolves when
// every one is connected to the queue; close() lets each finish the run it is on, then stops.
// A run that takes longer than its lock (it cannot renew the lock while the engine computes)
// has its thread ended and replaced: BullMQ hands the job to another worker, and fails it
// after three such stalls, so one run that never ends cannot take a worker with it.
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
  /** runs that outlasted their lock; their threads were replaced */
  timedOut: number;
  /** the last refusal or time-out, for the log */
  lastRefusal: string | null;
}

interface Thread {
  worker: Worker;
  /** the run in progress and when it began */
  running: { key: string; since: number } | null;
  exited: Promise<void>;
}

export class RedisWorkerGroup {
  readonly threads: number;
  readonly stats: WorkerGroupStats = {
    done: 0,
    failed: 0,
    refused: 0,
    timedOut: 0,
    lastRefusal: null,
  };
  private pool: Thread[] = [];
  private started: Promise<void> | undefined;
  private stopping = false;
  private watchdog: NodeJS.Timeout | undefined;
  private init: WorkerThreadInit | undefined;

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

  /** Resolves when every thread has stopped (after close(), or when all died). */
  async wait(): Promise<void> {
    for (;;) {
      const now = [...this.pool];
      await Promise.all(now.map((t) => t.exited));
      // a thread replaced meanwhile is waited for too
      if (this.pool.every((t) => now.includes(t))) return;
    }
  }

  async close(): Promise<void> {
    if (this.stopping) return this.wait();
    this.stopping = true;
    clearInterval(this.watchdog);
    for (const t of this.pool) t.worker.postMessage({ type: 'stop' } satisfies ToWorkerThread);
    // a thread that does not stop within its lock time is ended; its job goes back to the queue
    const limit = setTimeout(
      () => this.pool.forEach((t) => void t.worker.terminate()),
      (this.options.lockMs ?? 30_000) + 5000,
    );
    limit.unref();
    await this.wait();
    clearTimeout(limit);
  }

  private async spawnAll(): Promise<void> {
    await checkRedis(this.options.target);
    const lockMs = this.options.lockMs ?? 30_000;
    this.init = {
      target: this.options.target,
      lockMs,
      stalledMs: this.options.stalledMs ?? Math.max(500, Math.floor(lockMs / 2)),
      ...(this.options.dataDir === undefined ? {} : { dataDir: this.options.dataDir }),
    };
    const ready = Array.from({ length: this.threads }, () => this.spawn());
    try {
      await Promise.all(ready);
    } catch (err) {
      await Promise.all(this.pool.map((t) => t.worker.terminate()));
      throw err;
    }
    this.watchdog = setInterval(() => this.check(lockMs), Math.min(1000, lockMs / 4));
    this.watchdog.unref();
  }

  /** Ends and replaces threads whose run outlasted the lock. */
  private check(lockMs: number): void {
    if (this.stopping) return;
    const now = Date.now();
    for (const t of [...this.pool]) {
      if (!t.running || now - t.running.since <= lockMs) continue;
      this.stats.timedOut++;
      this.stats.lastRefusal = `run ${t.running.key.slice(0, 12)} took longer than ${lockMs} ms (its lock); its thread was replaced and the job went back to the queue`;
      t.running = null;
      this.pool.splice(this.pool.indexOf(t), 1);
      void t.worker.terminate();
      this.spawn().catch(() => {}); // a thread that cannot start says so in the next status line
    }
  }

  private spawn(): Promise<void> {
    const w = new Worker(new URL('./worker-thread.mjs', import.meta.url), {
      workerData: this.init,
    });
    let markExited!: () => void;
    const thread: Thread = {
      worker: w,
      running: null,
      exited: new Promise<void>((resolve) => (markExited = resolve)),
    };
    this.pool.push(thread);
    return new Promise<void>((resolve, reject) => {
      w.on('message', (m: FromWorkerThread) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'fatal') reject(new Error(`sweep worker cannot start: ${m.message}`));
        else if (m.type === 'start') thread.running = { key: m.key, since: Date.now() };
        else if (m.type === 'done') {
          thread.running = null;
          this.stats.done++;
          if (m.status === 'failed') this.stats.failed++;
        } else if (m.type === 'refused') {
          thread.running = null;
          this.stats.refused++;
          this.stats.lastRefusal = m.message;
        }
      });
      w.on('error', (err) => reject(err));
      w.on('exit', (code) => {
        markExited();
        reject(new Error(`sweep worker thread exited with code ${code}`));
      });
    });
  }
}
