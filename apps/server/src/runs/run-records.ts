// Store rows → the shapes of the REST/WebSocket contract.
import type { RunDetails, RunInfo, RunListItem, N1Result } from '@finest/protocol';
import type { FrameLayout, LogEntry, RunKpis, RunSummary } from '@finest/scenario/schema';
import type { LogRow, RunRow } from '../store/runs-repo.ts';

export function runInfo(row: RunRow): RunInfo {
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    title: row.title,
    networkId: row.network_id,
    seed: row.seed,
    startTime: row.start_time,
    durationS: row.duration_s,
    status: row.status,
    ...(row.parent_run_id === null ? {} : { parentRunId: row.parent_run_id }),
    ...(row.branch_at_s === null ? {} : { branchAtS: row.branch_at_s }),
    kind: row.kind,
    layout: JSON.parse(row.layout_json) as FrameLayout,
  };
}

export function runListItem(row: RunRow): RunListItem {
  const info: Partial<RunInfo> = runInfo({ ...row, layout_json: 'null' });
  delete info.layout;
  return {
    ...(info as Omit<RunInfo, 'layout'>),
    kind: row.kind,
    progress: row.progress,
    ticks: row.ticks,
    createdAt: row.created_at,
    ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
  };
}

export function runDetails(row: RunRow): RunDetails {
  return {
    run: runInfo(row),
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    ticks: row.ticks,
    createdAt: row.created_at,
    ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
    kpis: row.kpis_json === null ? null : (JSON.parse(row.kpis_json) as RunKpis),
    ...(row.error === null ? {} : { error: row.error }),
    ...(row.result_json === null ? {} : { n1: JSON.parse(row.result_json) as N1Result }),
  };
}

export const logEntries = (rows: readonly LogRow[]): LogEntry[] =>
  rows.map((r) => JSON.parse(r.json) as LogEntry);

export function runSummary(row: RunRow, log: LogEntry[]): RunSummary {
  return {
    scenarioId: row.scenario_id,
    title: row.title,
    networkId: row.network_id,
    seed: row.seed,
    startTime: row.start_time,
    frameCount: row.ticks,
    kpis: JSON.parse(row.kpis_json ?? 'null') as RunKpis,
    log,
  };
}
