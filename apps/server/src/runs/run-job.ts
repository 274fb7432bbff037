// The common face of background jobs (scenario runs, N-1 screenings) to the run service.
import type { LogEntry } from '@finest/scenario/schema';

export interface JobEvents {
  /** fraction 0 … 1 computed, frames stored so far */
  progress(fraction: number, ticks: number): void;
  log(entries: LogEntry[]): void;
  done(status: 'done' | 'failed', error?: unknown): void;
}

export interface RunJob {
  readonly runId: string;
  start(): void;
  /** stops at the next yield; the stored status is left to the caller */
  cancel(): void;
}
