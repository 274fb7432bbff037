// Runs in the store: their inputs (scenario JSON, network id, seed), status, progress, KPIs,
// N-1 results, the event log and the frames (in chunks, see frames-repo.ts).
import type { Database } from 'better-sqlite3';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunRow {
  id: string;
  kind: 'scenario' | 'n1';
  scenario_id: string;
  title: string;
  network_id: string;
  seed: number;
  scenario_json: string | null;
  parent_run_id: string | null;
  branch_at_s: number | null;
  status: RunStatus;
  progress: number;
  ticks: number;
  start_time: string;
  duration_s: number;
  layout_json: string;
  kpis_json: string | null;
  result_json: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

export type NewRun = Omit<
  RunRow,
  'status' | 'progress' | 'ticks' | 'kpis_json' | 'result_json' | 'error' | 'finished_at'
>;

export interface LogRow {
  seq: number;
  t: number;
  json: string;
}

export class RunsRepo {
  private readonly sql;
  constructor(private readonly db: Database) {
    this.sql = {
      insert: db.prepare(
        `INSERT INTO runs (id, kind, scenario_id, title, network_id, seed, scenario_json,
           parent_run_id, branch_at_s, status, start_time, duration_s, layout_json, created_at)
         VALUES (@id, @kind, @scenario_id, @title, @network_id, @seed, @scenario_json,
           @parent_run_id, @branch_at_s, 'queued', @start_time, @duration_s, @layout_json, @created_at)`,
      ),
      get: db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?'),
      list: db.prepare<[], RunRow>(
        `SELECT id, kind, scenario_id, title, network_id, seed, NULL AS scenario_json, parent_run_id,
           branch_at_s, status, progress, ticks, start_time, duration_s, '' AS layout_json,
           NULL AS kpis_json, NULL AS result_json, error, created_at, finished_at
         FROM runs ORDER BY created_at DESC, id`,
      ),
      unfinished: db.prepare<[], { id: string }>(
        "SELECT id FROM runs WHERE status IN ('queued', 'running') ORDER BY created_at, id",
      ),
      status: db.prepare<[RunStatus, string]>('UPDATE runs SET status = ? WHERE id = ?'),
      progress: db.prepare<[number, number, string | null, string]>(
        'UPDATE runs SET progress = ?, ticks = ?, kpis_json = COALESCE(?, kpis_json) WHERE id = ?',
      ),
      finish: db.prepare<
        [RunStatus, number, string | null, string | null, string | null, string, string]
      >(
        `UPDATE runs SET status = ?, progress = ?, kpis_json = COALESCE(?, kpis_json),
           result_json = ?, error = ?, finished_at = ? WHERE id = ?`,
      ),
      reset: db.prepare<[string]>(
        `UPDATE runs SET status = 'queued', progress = 0, ticks = 0, kpis_json = NULL,
           result_json = NULL, error = NULL, finished_at = NULL WHERE id = ?`,
      ),
      clearLog: db.prepare<[string]>('DELETE FROM run_log WHERE run_id = ?'),
      clearFrames: db.prepare<[string]>('DELETE FROM run_frames WHERE run_id = ?'),
      remove: db.prepare<[string]>('DELETE FROM runs WHERE id = ?'),
      byNetwork: db.prepare<[string], { n: number }>(
        'SELECT COUNT(*) AS n FROM runs WHERE network_id = ?',
      ),
      addLog: db.prepare<[string, number, number, string]>(
        'INSERT INTO run_log (run_id, seq, t, json) VALUES (?, ?, ?, ?)',
      ),
      log: db.prepare<[string], LogRow>(
        'SELECT seq, t, json FROM run_log WHERE run_id = ? ORDER BY seq',
      ),
    };
  }

  insert(row: NewRun): void {
    this.sql.insert.run(row);
  }

  get(id: string): RunRow | undefined {
    return this.sql.get.get(id);
  }

  /** newest first, without the large columns */
  list(): RunRow[] {
    return this.sql.list.all();
  }

  unfinishedIds(): string[] {
    return this.sql.unfinished.all().map((r) => r.id);
  }

  setStatus(id: string, status: RunStatus): void {
    this.sql.status.run(status, id);
  }

  setProgress(id: string, progress: number, ticks: number, kpisJson: string | null): void {
    this.sql.progress.run(progress, ticks, kpisJson, id);
  }

  finish(
    id: string,
    status: RunStatus,
    fields: { progress: number; kpisJson?: string; resultJson?: string; error?: string },
  ): void {
    this.sql.finish.run(
      status,
      fields.progress,
      fields.kpisJson ?? null,
      fields.resultJson ?? null,
      fields.error ?? null,
      new Date().toISOString(),
      id,
    );
  }

  /** Forgets everything computed for a run, so it can be computed again from its inputs. */
  reset(id: string): void {
    this.db.transaction(() => {
      this.sql.clearFrames.run(id);
      this.sql.clearLog.run(id);
      this.sql.reset.run(id);
    })();
  }

  remove(id: string): boolean {
    return this.sql.remove.run(id).changes > 0;
  }

  countForNetwork(networkId: string): number {
    return this.sql.byNetwork.get(networkId)?.n ?? 0;
  }

  addLog(runId: string, firstSeq: number, entries: readonly { t: number; json: string }[]): void {
    entries.forEach((e, k) => this.sql.addLog.run(runId, firstSeq + k, e.t, e.json));
  }

  log(runId: string): LogRow[] {
    return this.sql.log.all(runId);
  }
}
