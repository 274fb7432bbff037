// Messages between a Redis worker group (worker-group.ts) and its threads
// (worker-thread-job.ts), in one process: typed, not parsed.
import type { QueueTarget } from './connection.ts';

export interface WorkerThreadInit {
  /** plain data (workerData cannot carry the retry function; the thread adds it) */
  target: QueueTarget;
  /** the bundled data directory (default: this checkout's data/) */
  dataDir?: string;
  /** ms a job's lock lasts without renewal: a dead worker's job is taken over after it */
  lockMs: number;
  /** ms between checks for jobs whose worker died */
  stalledMs: number;
}

export type ToWorkerThread = { type: 'stop' };

export type FromWorkerThread =
  | { type: 'ready' }
  /** a run begins (the group's watchdog times it) */
  | { type: 'start'; key: string }
  | { type: 'done'; key: string; status: 'done' | 'failed'; runMs: number }
  /** a job this worker could not compute (its data differs, a malformed job) */
  | { type: 'refused'; key: string; message: string }
  | { type: 'fatal'; message: string };
