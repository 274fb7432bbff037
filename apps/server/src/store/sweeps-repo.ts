// Sweeps in the store: each sweep's plan (definition, head, job keys in plan order) and the
// results by job key (migration 002). The CLI writes here too (`finest sweep` uses the
// server's store unless given --db), so the web app shows sweeps run from a terminal.
import type { Database, Statement } from 'better-sqlite3';
import type { RunKpis } from '@finest/scenario/schema';
import type { SweepRunRow } from '@finest/protocol';
import type { StoredResult, StoredRow, SweepResultStore } from '@finest/sweep';

export type SweepStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type SweepOwner = 'server' | 'cli';
export type SweepMode = 'in-process' | 'redis';

export interface SweepRecord {
  id: string;
  title: string;
  owner: SweepOwner;
  mode: SweepMode;
  status: SweepStatus;
  jobs: number;
  definition: string;
  head: string;
  profile_start: string;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface NewSweep {
  id: string;
  title: string;
  owner: SweepOwner;
  mode: SweepMode;
  definition: string;
  head: string;
  profileStart: string;
  keys: readonly string[];
}

/** keys per IN (…) query, below SQLite's bound-parameter limit */
const CHUNK = 500;

export class SweepsRepo implements SweepResultStore {
  private readonly sql;
  private readonly byChunk = new Map<number, Statement<string[]>>();

  constructor(private readonly db: Database) {
    this.sql = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO sweeps (id, title, owner, mode, status, jobs, definition, head,
           profile_start, created_at, updated_at)
         VALUES (@id, @title, @owner, @mode, 'queued', @jobs, @definition, @head, @profile_start,
           @now, @now)`,
      ),
      insertJob: db.prepare<[string, number, string]>(
        'INSERT INTO sweep_jobs (sweep_id, seq, key) VALUES (?, ?, ?)',
      ),
      get: db.prepare<[string], SweepRecord>('SELECT * FROM sweeps WHERE id = ?'),
      list: db.prepare<[], SweepRecord>(
        `SELECT id, title, owner, mode, status, jobs, '' AS definition, '' AS head, profile_start,
           error, created_at, updated_at, finished_at FROM sweeps ORDER BY created_at DESC, id`,
      ),
      unfinished: db.prepare<[SweepOwner], { id: string }>(
        "SELECT id FROM sweeps WHERE owner = ? AND status IN ('queued', 'running') ORDER BY created_at, id",
      ),
      status: db.prepare<[SweepStatus, SweepMode, string | null, string, string | null, string]>(
        `UPDATE sweeps SET status = ?, mode = ?, error = ?, updated_at = ?, finished_at = ?
         WHERE id = ?`,
      ),
      counts: db.prepare<[string], { finished: number; failed: number }>(
        `SELECT COUNT(r.key) AS finished,
           COALESCE(SUM(CASE WHEN r.status = 'failed' THEN 1 ELSE 0 END), 0) AS failed
         FROM sweep_jobs j LEFT JOIN sweep_results r ON r.key = j.key WHERE j.sweep_id = ?`,
      ),
      rowsOf: db.prepare<[string], { row: string }>(
        `SELECT r.row FROM sweep_jobs j JOIN sweep_results r ON r.key = j.key
         WHERE j.sweep_id = ? ORDER BY j.seq`,
      ),
      keysOf: db.prepare<[string], { key: string }>(
        'SELECT key FROM sweep_jobs WHERE sweep_id = ? ORDER BY seq',
      ),
      hasKey: db.prepare<[string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM sweep_jobs WHERE sweep_id = ? AND key = ?',
      ),
      kpis: db.prepare<[string], { kpis: string | null }>(
        'SELECT kpis FROM sweep_results WHERE key = ?',
      ),
      save: db.prepare(
        `INSERT INTO sweep_results (key, status, retryable, row, kpis, run_ms, finished_at)
         VALUES (@key, @status, @retryable, @row, @kpis, @run_ms, @finished_at)
         ON CONFLICT (key) DO UPDATE SET status = excluded.status, retryable = excluded.retryable,
           row = excluded.row, kpis = excluded.kpis, run_ms = excluded.run_ms,
           finished_at = excluded.finished_at
         WHERE sweep_results.retryable = 1`,
      ),
      removeOrphans: db.prepare<{ id: string }>(
        `DELETE FROM sweep_results WHERE key IN (SELECT key FROM sweep_jobs WHERE sweep_id = @id)
           AND key NOT IN (SELECT key FROM sweep_jobs WHERE sweep_id <> @id)`,
      ),
      remove: db.prepare<[string]>('DELETE FROM sweeps WHERE id = ?'),
    };
  }

  /** Records a planned sweep and its job keys; false when a sweep of that id exists. */
  register(s: NewSweep): boolean {
    return this.db
      .transaction((): boolean => {
        const now = new Date().toISOString();
        const info = this.sql.insert.run({
          id: s.id,
          title: s.title,
          owner: s.owner,
          mode: s.mode,
          jobs: s.keys.length,
          definition: s.definition,
          head: s.head,
          profile_start: s.profileStart,
          now,
        });
        if (info.changes === 0) return false;
        s.keys.forEach((key, seq) => this.sql.insertJob.run(s.id, seq, key));
        return true;
      })
      .immediate();
  }

  get(id: string): SweepRecord | undefined {
    return this.sql.get.get(id);
  }

  /** Without definition and head. */
  list(): SweepRecord[] {
    return this.sql.list.all();
  }

  unfinishedIds(owner: SweepOwner): string[] {
    return this.sql.unfinished.all(owner).map((r) => r.id);
  }

  setStatus(id: string, status: SweepStatus, mode: SweepMode, error: string | null = null): void {
    const now = new Date().toISOString();
    const final = status === 'done' || status === 'failed' || status === 'cancelled';
    this.sql.status.run(status, mode, error, now, final ? now : null, id);
  }

  /** Jobs with a result, and how many of those failed. */
  counts(id: string): { finished: number; failed: number } {
    return this.sql.counts.get(id) ?? { finished: 0, failed: 0 };
  }

  /** The sweep's results in plan order (finished jobs only). */
  rowsOfSweep(id: string): SweepRunRow[] {
    return this.sql.rowsOf.all(id).map((r) => JSON.parse(r.row) as SweepRunRow);
  }

  /** The sweep's job keys in plan order. */
  keysOf(id: string): string[] {
    return this.sql.keysOf.all(id).map((r) => r.key);
  }

  /** The full KPIs of one run of the sweep; undefined when the key is not the sweep's. */
  kpis(id: string, key: string): RunKpis | null | undefined {
    if ((this.sql.hasKey.get(id, key)?.n ?? 0) === 0) return undefined;
    const r = this.sql.kpis.get(key);
    if (!r) return undefined;
    return r.kpis === null ? null : (JSON.parse(r.kpis) as RunKpis);
  }

  rows(keys: readonly string[]): Map<string, StoredRow> {
    const out = new Map<string, StoredRow>();
    for (let k = 0; k < keys.length; k += CHUNK) {
      const chunk = keys.slice(k, k + CHUNK);
      for (const r of this.rowsQuery(chunk.length).all(...chunk) as {
        key: string;
        row: string;
        retryable: number;
      }[])
        out.set(r.key, { row: JSON.parse(r.row) as SweepRunRow, retryable: r.retryable === 1 });
    }
    return out;
  }

  save(results: readonly StoredResult[]): void {
    if (results.length === 0) return;
    const now = new Date().toISOString();
    this.db
      .transaction(() => {
        for (const { result, retryable, runMs } of results) {
          const { kpis, ...row } = result;
          this.sql.save.run({
            key: result.key,
            status: result.status,
            retryable: retryable ? 1 : 0,
            row: JSON.stringify(row),
            kpis: kpis === null ? null : JSON.stringify(kpis),
            run_ms: runMs,
            finished_at: now,
          });
        }
      })
      .immediate();
  }

  /** Deletes a sweep and the results no other sweep refers to. */
  remove(id: string): void {
    this.db
      .transaction(() => {
        this.sql.removeOrphans.run({ id });
        this.sql.remove.run(id);
      })
      .immediate();
  }

  private rowsQuery(n: number): Statement<string[]> {
    let q = this.byChunk.get(n);
    if (!q) {
      q = this.db.prepare<string[]>(
        `SELECT key, row, retryable FROM sweep_results WHERE key IN (${new Array(n).fill('?').join(',')})`,
      );
      this.byChunk.set(n, q);
    }
    return q;
  }
}
