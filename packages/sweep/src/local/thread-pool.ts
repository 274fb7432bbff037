// The in-process default: N worker threads of this process compute the jobs, so a sweep needs
// nothing but Node. Each thread loads the data once and is kept two jobs busy (one running,
// one waiting) so it never idles while this thread stores results. A thread that dies (out of
// memory, killed) takes its jobs with it: they are handed out again, up to three times each,
// to a fresh thread; past that they are recorded as failures a rerun tries again.
import { Worker } from 'node:worker_threads';
import type { ExecutorEvents, JobSource, SweepExecutor } from '../executor.ts';
import { failedResult } from '../execute.ts';
import type { SweepJob } from '../job.ts';
import type { FromThread, ThreadInit, ToThread } from './thread-protocol.ts';

export interface ThreadPoolOptions {
  workers: number;
  init?: ThreadInit;
  /** attempts per job before it is recorded as failed (default 3) */
  maxAttempts?: number;
  /**
   * ms one run may take (default 120,000; library runs take 0.1–3 s): past it the thread is
   * ended and the run recorded as a failure a rerun tries again, so a run that never ends
   * cannot stall the sweep
   */
  runTimeoutMs?: number;
  /**
   * the worker-thread script (default: thread.mjs beside this module, which runs the sources
   * through tsx; a compiled build has its own, such as the CLI's dist/thread.mjs)
   */
  threadEntry?: URL;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** job indices sent and not answered; the first is the one computing */
  inFlight: number[];
  /** when the first of inFlight began */
  since: number;
  exited: boolean;
}

const IN_FLIGHT = 2;

export class ThreadPool implements SweepExecutor {
  readonly mode = 'in-process';
  readonly workers: number;
  private readonly slots: Slot[] = [];
  private readonly maxAttempts: number;
  private onMessage: ((slot: Slot, m: FromThread) => void) | undefined;
  private onExit: ((slot: Slot, code: number) => void) | undefined;
  private closed = false;
  /** why threads cannot start (their data does not load); no more are spawned */
  private broken: string | undefined;

  constructor(private readonly options: ThreadPoolOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 1)
      throw new RangeError(
        `thread pool: workers must be a positive integer, got ${options.workers}`,
      );
    this.workers = options.workers;
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  /** Ends one thread as a crash would (fault tests). */
  async killThread(index: number): Promise<void> {
    await this.slots[index]?.worker.terminate();
  }

  run(jobs: JobSource, events: ExecutorEvents, signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new Error('thread pool is closed'));
    if (this.broken) return Promise.reject(new Error(this.broken));
    const n = jobs.keys.length;
    const queue: number[] = Array.from({ length: n }, (_, i) => i);
    const attempts = new Uint8Array(n);
    const payloads = new Map<number, SweepJob>();
    let left = n;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (err?: Error): void => {
        if (settled) return;
        settled = true;
        this.onMessage = undefined;
        this.onExit = undefined;
        clearInterval(watchdog);
        signal?.removeEventListener('abort', abort);
        if (err) reject(err);
        else resolve();
      };
      const abort = (): void => finish();
      const limitMs = this.options.runTimeoutMs ?? 120_000;
      const watchdog = setInterval(
        () => {
          const now = Date.now();
          for (const slot of [...this.slots]) {
            if (slot.exited || slot.inFlight.length === 0 || now - slot.since <= limitMs) continue;
            const [stuck, ...rest] = slot.inFlight.splice(0);
            queue.unshift(...rest);
            payloads.delete(stuck!);
            left--;
            events.result({
              result: failedResult(
                jobs.payload(stuck!),
                `the run took longer than ${Math.round(limitMs / 1000)} s and was stopped`,
              ),
              retryable: true,
              runMs: null,
            });
            slot.exited = true;
            void slot.worker.terminate();
            this.replace(slot);
          }
          pump();
        },
        Math.min(1000, limitMs / 4),
      );
      signal?.addEventListener('abort', abort, { once: true });
      if (signal?.aborted) return finish();
      if (n === 0) return finish();

      const answer = (slot: Slot, key: string): number | undefined => {
        const at = slot.inFlight.findIndex((i) => jobs.keys[i] === key);
        if (at < 0) return undefined;
        const [i] = slot.inFlight.splice(at, 1);
        payloads.delete(i!);
        left--;
        slot.since = Date.now();
        return i;
      };
      const pump = (): void => {
        if (settled) return;
        if (left === 0) return finish();
        for (const slot of this.slots) {
          while (slot.ready && !slot.exited && slot.inFlight.length < IN_FLIGHT && queue.length) {
            const i = queue.shift()!;
            const job = payloads.get(i) ?? jobs.payload(i);
            payloads.set(i, job);
            if (slot.inFlight.length === 0) slot.since = Date.now();
            slot.inFlight.push(i);
            slot.worker.postMessage({ type: 'job', job } satisfies ToThread);
          }
        }
      };
      this.onMessage = (slot, m) => {
        if (m.type === 'ready') slot.ready = true;
        else if (m.type === 'fatal') return finish(new Error(this.broken));
        else if (m.type === 'result') {
          if (answer(slot, m.key) === undefined) return;
          events.result({ result: m.result, retryable: false, runMs: m.runMs });
        } else if (m.type === 'error') {
          const i = answer(slot, m.key);
          if (i === undefined) return;
          events.result({
            result: failedResult(jobs.payload(i), m.message),
            retryable: true,
            runMs: null,
          });
        }
        pump();
      };
      this.onExit = (slot, code) => {
        for (const i of slot.inFlight.splice(0)) {
          attempts[i]!++;
          if (attempts[i]! < this.maxAttempts) {
            queue.unshift(i);
            events.retried(jobs.keys[i]!);
          } else {
            payloads.delete(i);
            left--;
            events.result({
              result: failedResult(
                jobs.payload(i),
                `the worker thread computing this run died ${attempts[i]} times (last exit code ${code})`,
              ),
              retryable: true,
              runMs: null,
            });
          }
        }
        if (!this.closed) this.replace(slot);
        pump();
      };
      this.ensureThreads();
      pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (s) => {
        s.exited = true;
        await s.worker.terminate();
      }),
    );
    this.slots.length = 0;
  }

  private ensureThreads(): void {
    while (this.slots.length < this.workers) this.slots.push(this.spawn());
  }

  private replace(dead: Slot): void {
    if (this.broken) return;
    const k = this.slots.indexOf(dead);
    if (k >= 0) this.slots[k] = this.spawn();
  }

  private spawn(): Slot {
    const worker = new Worker(
      this.options.threadEntry ?? new URL('./thread.mjs', import.meta.url),
      {
        workerData: this.options.init ?? {},
      },
    );
    const slot: Slot = { worker, ready: false, inFlight: [], since: 0, exited: false };
    worker.on('message', (m: FromThread) => {
      if (m.type === 'fatal') this.broken = `sweep worker thread cannot start: ${m.message}`;
      this.onMessage?.(slot, m);
    });
    // an 'error' is followed by 'exit'; the exit handler does the work
    worker.on('error', () => {});
    worker.on('exit', (code) => {
      if (slot.exited) return;
      slot.exited = true;
      if (this.onExit) this.onExit(slot, code);
      else if (!this.closed) this.replace(slot);
    });
    return slot;
  }
}
