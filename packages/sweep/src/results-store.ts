// Where a sweep's results are kept (the server's SQLite store, apps/server/src/store/
// sweeps-repo.ts). Results are rows by job key, shared by every sweep that plans the same job,
// so a rerun, a resumed sweep or an overlapping one reads them instead of computing again.
import type { SweepRunResult, SweepRunRow } from '@finest/protocol';

export interface StoredResult {
  result: SweepRunResult;
  /**
   * true for failures of the machinery (a worker that kept dying, data that differed), which a
   * rerun tries again; false for results of the engine, final for this key
   */
  retryable: boolean;
  /** wall time of the run, ms; null when not computed (a failure of the machinery) */
  runMs: number | null;
}

export interface StoredRow {
  row: SweepRunRow;
  retryable: boolean;
}

export interface SweepResultStore {
  /** the stored rows among `keys` */
  rows(keys: readonly string[]): Map<string, StoredRow>;
  /**
   * Saves results in one transaction. A key already holding a final result keeps it (a job
   * computed twice, after a worker was presumed dead, is counted once); a retryable failure is
   * replaced.
   */
  save(results: readonly StoredResult[]): void;
}
