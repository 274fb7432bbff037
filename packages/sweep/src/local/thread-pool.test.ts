// The in-process pool: the same aggregate with one thread or two, a thread that dies mid-sweep
// has its jobs handed out again, and a rerun computes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioLibrary } from '@finest/scenario';
import { bundledEngineContext } from '../engine-context.ts';
import { MemoryResultStore } from '../memory-store.ts';
import { planSweep, type SweepPlan } from '../plan.ts';
import { runSweep } from '../run-sweep.ts';
import { ThreadPool } from './thread-pool.ts';

let plan: SweepPlan;
const pools: ThreadPool[] = [];
beforeAll(async () => {
  const ctx = await bundledEngineContext();
  const s = loadScenarioLibrary().find((x) => x.id === 'estlink2-2024-12-25')!;
  plan = planSweep(
    {
      title: 't',
      scenarios: [{ ...s, durationS: 900 }],
      hours: [0, 500, 1000, 1500, 2000, 2500],
      seeds: null,
      axes: [],
    },
    ctx,
  );
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});
const pool = (workers: number): ThreadPool => {
  const p = new ThreadPool({ workers });
  pools.push(p);
  return p;
};
const body = (r: object): string => JSON.stringify({ ...r, timing: undefined });

describe('ThreadPool', () => {
  it('gives the same aggregate with one thread and with two; a rerun computes nothing', async () => {
    const s1 = new MemoryResultStore();
    const one = await runSweep(plan, s1, pool(1));
    const s2 = new MemoryResultStore();
    const two = await runSweep(plan, s2, pool(2));
    expect(one.complete).toBe(true);
    expect(one.aggregates[0]!.done).toBe(6);
    expect(body(two)).toBe(body(one));
    const again = await runSweep(plan, s2, pool(1));
    expect(again.timing).toMatchObject({ computed: 0, reused: 6 });
    expect(body(again)).toBe(body(one));
  }, 120_000);

  it('hands out again the jobs of a thread that died', async () => {
    const p = pool(2);
    const store = new MemoryResultStore();
    let killed = false;
    const r = await runSweep(plan, store, p, {
      flushMs: 20,
      onProgress: (x) => {
        if (!killed && x.computed >= 1) {
          killed = true;
          void p.killThread(0);
        }
      },
    });
    expect(killed).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.aggregates[0]!.done).toBe(6);
    expect(r.timing!.retried).toBeGreaterThan(0);
    expect(store.size).toBe(6);
  }, 120_000);

  it('stops a run past its time limit, records why, and goes on with a fresh thread', async () => {
    const p = new ThreadPool({ workers: 1, runTimeoutMs: 50 });
    pools.push(p);
    const store = new MemoryResultStore();
    const r = await runSweep(plan, store, p);
    expect(r.complete).toBe(true);
    const g = r.aggregates[0]!;
    expect(g.failed).toBe(6);
    expect(g.failures[0]!.reason).toBe('the run took longer than 0 s and was stopped');
    // a machinery failure: the next run of the sweep tries again
    expect([...store.rows(plan.jobs.map((j) => j.key)).values()].every((x) => x.retryable)).toBe(
      true,
    );
  }, 120_000);
});
