// The load result as JSON (.bench/load.json) and as a summary a person reads, with the verdict:
// the test fails when the server died or stopped answering, when any unexpected error happened,
// or when its memory grew past the limit of memory-check.ts. Slow numbers never fail it.
import { clientSaturated, type ClientHealth } from './client-health.ts';
import type { LoadOptions } from './options.ts';
import type { MemoryReport } from './memory-check.ts';
import type { RestResult } from './rest-clients.ts';
import type { Percentiles } from './stats.ts';
import type { StoredRun } from './stored-runs.ts';
import type { TallyEntry } from './tally.ts';
import type { FleetResult } from './viewer-fleet.ts';

export interface LoadResult {
  options: Omit<LoadOptions, 'out'>;
  server: { url: string; pid: number | undefined; startedHere: boolean; idleMB: number };
  runs: StoredRun[];
  warmupS: number;
  viewers: FleetResult & {
    /** frames per second over all viewers */
    framesPerSecond: number;
    /** ms, live frames after the warm-up */
    lagMs: Percentiles;
    /** ms from a subscribe to the first frame */
    firstFrameMs: Percentiles;
  };
  rest: RestResult;
  errors: Record<string, TallyEntry>;
  memory: MemoryReport | undefined;
  after: {
    /** the process still existed at the end */
    alive: boolean;
    /** s into the load when it was first seen gone */
    diedAtS: number | undefined;
    healthStatus: number;
    /** 200 with status "ok" */
    healthOk: boolean;
    healthMs: number;
    /** MB, a few seconds after every client left */
    rssAfterClientsLeftMB: number;
  };
  client: ClientHealth;
  failures: string[];
}

export function failures(r: Omit<LoadResult, 'failures'>): string[] {
  const out: string[] = [];
  if (!r.after.alive)
    out.push(`the server died (first seen gone at ${r.after.diedAtS?.toFixed(1)} s)`);
  if (!r.after.healthOk)
    out.push(`GET /api/health after the load answered ${r.after.healthStatus || 'nothing'}`);
  const errors = Object.values(r.errors).reduce((n, e) => n + e.count, 0);
  if (errors > 0) out.push(`${errors} unexpected errors`);
  if (r.memory?.grewTooMuch)
    out.push(
      `the server's memory floor rose ${r.memory.floorGrowthMB.toFixed(1)} MB over the second half (limit ${r.memory.limitMB.toFixed(1)} MB)`,
    );
  return out;
}

const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f0 = (x: number): string => (Number.isFinite(x) ? Math.round(x).toString() : '–');
const pct = (p: Percentiles): string =>
  `p50 ${f1(p.p50)}, p95 ${f1(p.p95)}, p99 ${f1(p.p99)}, max ${f1(p.max)}`;

export function summary(r: LoadResult, out: string): string {
  const o = r.options;
  const v = r.viewers;
  const lines = [
    `load: ${o.viewers} viewers over ${r.runs.length} runs, ${o.restClients} REST clients (think ${o.thinkMs} ms), ` +
      `${o.durationS} s (warm-up ${r.warmupS} s), churn ${o.churnPct}% every ${o.churnEveryS} s; ` +
      `server ${r.server.url} pid ${r.server.pid ?? '?'}${r.server.startedHere ? ' (started here)' : ''}`,
    `viewers: ${v.framesTotal} frames delivered (${f0(v.framesPerSecond)}/s); per viewer min ${v.framesPerViewerMin}, ` +
      `median ${v.framesPerViewerMedian}; ${v.framesSkipped} skipped by the server for a full buffer; ${v.connects} connects`,
    `  churn: ${
      Object.entries(v.churn)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    }`,
    `  frame lag ms (${v.lagMs.count} live frames after warm-up): ${pct(v.lagMs)}`,
    `  subscribe → first frame ms (${v.firstFrameMs.count}): ${pct(v.firstFrameMs)}`,
    `REST: ${r.rest.requests} requests, ${f0(r.rest.perSecond)}/s; expected 4xx ${r.rest.expected4xx}; ` +
      `${r.rest.runsStarted} runs started, polled, read and deleted`,
    `  ${'route'.padEnd(40)} ${'n'.padStart(6)} ${'/s'.padStart(6)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)} ms`,
    ...Object.entries(r.rest.routes).map(
      ([route, s]) =>
        `  ${route.padEnd(40)} ${String(s.count).padStart(6)} ${f1(s.perSecond).padStart(6)} ` +
        `${f1(s.p50).padStart(7)} ${f1(s.p95).padStart(7)} ${f1(s.p99).padStart(7)} ${f1(s.max).padStart(7)}`,
    ),
  ];
  const errors = Object.entries(r.errors);
  lines.push(errors.length === 0 ? 'errors: none' : 'errors:');
  for (const [kind, e] of errors) lines.push(`  ${kind} × ${e.count} (first: ${e.first})`);
  const m = r.memory;
  if (m)
    lines.push(
      `server RSS MB: idle ${f1(r.server.idleMB)}, load start ${f1(m.startMB)}, after warm-up ${f1(m.afterWarmupMB)}, ` +
        `end ${f1(m.endMB)}, peak ${f1(m.peakMB)} (kernel peak ${f1(m.peakKernelMB)}, run computation included); ` +
        `${f1(r.after.rssAfterClientsLeftMB)} 3 s after the clients left`,
      `  second half: slope ${m.secondHalfSlopeMBPerMin >= 0 ? '+' : ''}${f1(m.secondHalfSlopeMBPerMin)} MB/min, ` +
        `floor growth ${f1(m.floorGrowthMB)} MB (least RSS of the last 10% − least of the second half) ` +
        (m.judged
          ? `(limit ${f1(m.limitMB)} MB: max of 16 MB and 10% of the warm RSS); `
          : '(not judged: under 40 s the heap is still growing to its working size); ') +
        `server CPU ${f0(m.serverCpuPct)}% of a core`,
    );
  else lines.push('server memory: not sampled (give --pid with --url)');
  lines.push(
    `server after the load: ${r.after.alive ? 'alive' : 'DEAD'}, GET /api/health ${r.after.healthStatus || 'no answer'} in ${f1(r.after.healthMs)} ms`,
    `client: CPU ${f0(r.client.cpuPct)}% of a core, event-loop delay p99 ${f1(r.client.loopDelayP99Ms)} ms ` +
      `(max ${f1(r.client.loopDelayMaxMs)}), RSS ${f0(r.client.rssMB)} MB` +
      (clientSaturated(r.client) ? ' — the client was saturated: lags include its own delay' : ''),
    r.failures.length === 0 ? 'verdict: PASS' : `verdict: FAIL — ${r.failures.join('; ')}`,
    `written to ${out}`,
    '',
  );
  return lines.join('\n');
}
