// Runs a planned sweep: skips the jobs whose results are stored (resume), hands the rest to an
// executor, stores each result as it comes (in small transactions, so a crash loses at most
// the last fraction of a second of work: in-process the next run recomputes it, on Redis it
// collects it, since the executor lets go of a result only once it is stored), reports
// progress, and returns the aggregate read back from the store.
import type { SweepResult, SweepRunRow } from '@finest/protocol';
import { aggregateSweep } from './aggregate.ts';
import type { JobSource, SweepExecutor } from './executor.ts';
import { layoutOfPlan } from './layout.ts';
import type { SweepPlan } from './plan.ts';
import type { StoredResult, SweepResultStore } from './results-store.ts';

export interface SweepProgress {
  /** jobs with a result (stored before or computed now) */
  finished: number;
  total: number;
  /** results that are failures */
  failed: number;
  /** computed by this invocation */
  computed: number;
  /** to compute in this invocation */
  toCompute: number;
  /** runs per second over the last half minute of this invocation */
  rate: number;
  /** s left at that rate; null when unknown */
  etaS: number | null;
}

export interface RunSweepOptions {
  onProgress?: (p: SweepProgress) => void;
  signal?: AbortSignal;
  /** ms between store transactions while results come in (default 250) */
  flushMs?: number;
}

/** Jobs still to compute: no stored row, or a retryable failure. */
export function pendingJobs(plan: SweepPlan, store: SweepResultStore): number[] {
  const rows = store.rows(plan.jobs.map((j) => j.key));
  const out: number[] = [];
  plan.jobs.forEach((j, i) => {
    const r = rows.get(j.key);
    if (!r || r.retryable) out.push(i);
  });
  return out;
}

/** The aggregate of what the store holds for the plan (complete or not). */
export function sweepAggregate(plan: SweepPlan, store: SweepResultStore): SweepResult {
  const rows = new Map<string, SweepRunRow>();
  for (const [k, r] of store.rows(plan.jobs.map((j) => j.key))) rows.set(k, r.row);
  return aggregateSweep(layoutOfPlan(plan), rows);
}

export async function runSweep(
  plan: SweepPlan,
  store: SweepResultStore,
  executor: SweepExecutor,
  options: RunSweepOptions = {},
): Promise<SweepResult> {
  const started = performance.now();
  const pending = pendingJobs(plan, store);
  const total = plan.jobs.length;
  const reused = total - pending.length;
  let failed = [...store.rows(plan.jobs.map((j) => j.key)).values()].filter(
    (r) => r.row.status === 'failed' && !r.retryable,
  ).length;
  let computed = 0;
  let retried = 0;
  const recent: { t: number; n: number }[] = [{ t: started, n: 0 }];
  const buffer: StoredResult[] = [];
  const expected = new Set(pending.map((i) => plan.jobs[i]!.key));

  const progress = (): void => {
    if (!options.onProgress) return;
    const now = performance.now();
    while (recent.length > 2 && now - recent[0]!.t > 30_000) recent.shift();
    const first = recent[0]!;
    const seconds = (now - first.t) / 1000;
    const rate = seconds > 0 ? (computed - first.n) / seconds : 0;
    const left = pending.length - computed;
    options.onProgress({
      finished: reused + computed,
      total,
      failed,
      computed,
      toCompute: pending.length,
      rate,
      etaS: rate > 0 ? Math.ceil(left / rate) : left === 0 ? 0 : null,
    });
  };
  const flush = (): void => {
    if (buffer.length === 0) return;
    const batch = buffer.splice(0);
    store.save(batch);
    executor.stored?.(batch.map((r) => r.result.key));
  };
  const timer = setInterval(() => {
    flush();
    recent.push({ t: performance.now(), n: computed });
    progress();
  }, options.flushMs ?? 250);
  timer.unref();

  const source: JobSource = {
    keys: pending.map((i) => plan.jobs[i]!.key),
    payload: (k) => plan.payload(plan.jobs[pending[k]!]!),
  };
  progress();
  try {
    if (pending.length > 0)
      await executor.run(
        source,
        {
          result: (r) => {
            // a job presumed lost and computed twice reports twice: count it once
            if (!expected.delete(r.result.key)) return;
            computed++;
            if (r.result.status === 'failed') failed++;
            buffer.push(r);
          },
          retried: () => void retried++,
        },
        options.signal,
      );
  } finally {
    clearInterval(timer);
    flush();
  }
  progress();
  const wallMs = performance.now() - started;
  return {
    ...sweepAggregate(plan, store),
    timing: {
      mode: executor.mode,
      workers: executor.workers,
      computed,
      reused,
      retried,
      wallMs: Math.round(wallMs),
      runsPerS: Number((computed / Math.max(wallMs / 1000, 1e-3)).toFixed(2)),
    },
  };
}
