// An N-1 screening as a run: computed in a worker thread (it is one long synchronous call),
// with progress from the worker; the result is stored with the run.
import { Worker } from 'node:worker_threads';
import type { Network } from '@finest/grid';
import { describeFailure } from '../store/storage-error.ts';
import type { Store } from '../store/store.ts';
import type { N1JobInput, N1JobMessage } from './n1-worker-job.ts';
import type { JobEvents, RunJob } from './run-job.ts';

export class N1Job implements RunJob {
  private worker: Worker | undefined;
  private settled = false;

  constructor(
    readonly runId: string,
    private readonly networkId: string,
    private readonly network: Network,
    private readonly store: Store,
    private readonly events: JobEvents,
  ) {}

  start(): void {
    this.store.runs.setStatus(this.runId, 'running');
    const input: N1JobInput = { networkId: this.networkId, network: this.network };
    const worker = new Worker(new URL('./n1-worker.mjs', import.meta.url), { workerData: input });
    this.worker = worker;
    worker.on('message', (m: N1JobMessage) => {
      if (this.settled) return; // cancelled: the store may be closed already
      try {
        this.receive(m);
      } catch (err) {
        this.failWith(`the N-1 result could not be saved: ${describeFailure(err)}`);
      }
    });
    worker.on('error', (err) => this.failWith(`N-1 worker failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (!this.settled) this.failWith(`N-1 worker exited with code ${code}`);
    });
  }

  /** Throws when the store cannot take the message (disk full); start() fails the run then. */
  private receive(m: N1JobMessage): void {
    if (m.type === 'progress') {
      const fraction = m.total === 0 ? 1 : m.done / m.total;
      this.store.runs.setProgress(this.runId, fraction, 0, null);
      this.events.progress(fraction, 0);
    } else if (m.type === 'done') {
      this.store.runs.finish(this.runId, 'done', {
        progress: 1,
        resultJson: JSON.stringify(m.result),
      });
      this.settle();
      this.events.progress(1, 0);
      this.events.done('done');
    } else {
      this.failWith(`N-1 screening failed: ${m.message}`);
    }
  }

  cancel(): void {
    this.settled = true;
    void this.worker?.terminate();
  }

  private settle(): void {
    this.settled = true;
    void this.worker?.terminate();
  }

  private failWith(message: string): void {
    if (this.settled) return;
    this.settle();
    try {
      this.store.runs.finish(this.runId, 'failed', { progress: 0, error: message.slice(0, 500) });
    } catch {
      // the store cannot take this either (disk full): recomputed at the next start
    }
    this.events.done('failed', new Error(message));
  }
}
