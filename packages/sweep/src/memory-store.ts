// A results store held in memory: for a sweep whose results need not outlive the process
// (the benchmark) and for the engine's own tests; the CLI and the server keep results in
// SQLite (apps/server/src/store/sweeps-repo.ts) with the same rules.
import type { StoredResult, StoredRow, SweepResultStore } from './results-store.ts';

export class MemoryResultStore implements SweepResultStore {
  private readonly map = new Map<string, StoredRow>();

  get size(): number {
    return this.map.size;
  }

  rows(keys: readonly string[]): Map<string, StoredRow> {
    const out = new Map<string, StoredRow>();
    for (const k of keys) {
      const r = this.map.get(k);
      if (r) out.set(k, r);
    }
    return out;
  }

  save(results: readonly StoredResult[]): void {
    for (const { result, retryable } of results) {
      const old = this.map.get(result.key);
      if (old && !old.retryable) continue;
      const row: Partial<typeof result> = { ...result };
      delete row.kpis;
      this.map.set(result.key, { row: row as StoredRow['row'], retryable });
    }
  }
}
