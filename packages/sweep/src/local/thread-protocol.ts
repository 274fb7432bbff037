// Messages between the sweep's thread pool (thread-pool.ts) and its worker threads
// (thread-job.ts). Both sides are this package's code in one process, so the shapes are
// typed, not parsed.
import type { Network } from '@finest/grid';
import type { SweepRunResult } from '@finest/protocol';
import type { SweepJob } from '../job.ts';

export interface ThreadInit {
  /** the bundled data directory (default: this checkout's data/) */
  dataDir?: string;
  /** networks beside the bundled ones (the server's uploads), by id */
  networks?: Record<string, Network>;
}

export type ToThread = { type: 'job'; job: SweepJob } | { type: 'stop' };

export type FromThread =
  | { type: 'ready' }
  | { type: 'result'; key: string; result: SweepRunResult; runMs: number }
  /** the job could not be computed here (not a result of the engine) */
  | { type: 'error'; key: string; message: string }
  /** the thread cannot start (its data does not load) */
  | { type: 'fatal'; message: string };
