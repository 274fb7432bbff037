// Sweep benchmark (issue 17): runs per second of the Estlink 2 replay over sampled hours with
// one and two workers, in-process (worker threads) and on BullMQ through a redis-server of its
// own (`finest worker` processes, so this process is the coordinator alone). Goal: two workers
// ≥ 1.7 × one on this 2-core machine. For more machines it measures what one job costs the
// coordinator and Redis (CPU time per job), which bounds the throughput any number of workers
// can reach: workers add runs/s until coordinator or Redis saturate. Rates are steady state:
// threads are started and warmed (JIT) on other hours before the clock starts.
// Run alone with `npm run bench:sweep`; `npm run bench` includes it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadScenarioLibrary } from '@finest/scenario';
import {
  bundledEngineContext,
  MemoryResultStore,
  parseQueueUrl,
  planSweep,
  RedisExecutor,
  runSweep,
  ThreadPool,
  type EngineContext,
  type SweepExecutor,
  type SweepPlan,
} from '@finest/sweep';
import { hasRedis, startRedis, type RedisProcess } from '@finest/sweep/testing';

const FINEST = fileURLToPath(new URL('../../apps/cli/bin/finest.mjs', import.meta.url));
/** hours per measurement: enough for ~20 s at one worker */
const RUNS = Number(process.env.FINEST_BENCH_SWEEP_RUNS ?? 80);

interface Measurement {
  workers: number;
  runs: number;
  seconds: number;
  runsPerS: number;
  /**
   * CPU time of the workers per run, ms: what a run costs whatever else the machine does, so
   * 2 × (1-worker value ÷ 2-worker value) is the speedup two free cores would give
   */
  cpuMsPerRun: number;
}

function planOver(ctx: EngineContext, hours: number[]): SweepPlan {
  const s = loadScenarioLibrary().find((x) => x.id === 'estlink2-2024-12-25')!;
  return planSweep({ title: 'bench', scenarios: [s], hours, seeds: null, axes: [] }, ctx);
}

/** Evenly spread hours, offset so warm-up and measured sweeps never share a key. */
const spread = (n: number, offset: number): number[] =>
  Array.from({ length: n }, (_, k) => (Math.floor((k * 8760) / n) + offset) % 8760);

async function measure(
  executor: SweepExecutor,
  workers: number,
  warm: SweepPlan,
  plan: SweepPlan,
  /** CPU seconds of whatever computes the runs, so far */
  cpu: () => number,
): Promise<Measurement> {
  await runSweep(warm, new MemoryResultStore(), executor);
  const t0 = performance.now();
  const c0 = cpu();
  const r = await runSweep(plan, new MemoryResultStore(), executor);
  const seconds = (performance.now() - t0) / 1000;
  const cpuS = cpu() - c0;
  // every run computed now, none failed: a rate of anything else would mean nothing
  if (!r.complete || r.timing?.computed !== plan.jobs.length || r.aggregates[0]!.failed > 0)
    throw new Error(`bench sweep: ${JSON.stringify({ complete: r.complete, timing: r.timing })}`);
  return {
    workers,
    runs: plan.jobs.length,
    seconds: round(seconds, 2),
    runsPerS: round(plan.jobs.length / seconds, 2),
    cpuMsPerRun: round((cpuS * 1000) / plan.jobs.length, 1),
  };
}

/** CPU seconds of this process (its worker threads included). */
const ownCpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const round = (x: number, d: number): number => Number(x.toFixed(d));

/** utime + stime of a process, s (Linux /proc). */
function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

async function redisBench(ctx: EngineContext, redis: RedisProcess) {
  const target = parseQueueUrl(redis.url);
  const out: Measurement[] = [];
  let overhead: { coordinatorCpuMsPerJob: number; redisCpuMsPerJob: number } | undefined;
  for (const workers of [1, 2]) {
    const children: ChildProcess[] = Array.from({ length: workers }, () =>
      spawn(process.execPath, [FINEST, 'worker', '--queue', redis.url, '--concurrency', '1'], {
        stdio: 'ignore',
      }),
    );
    const executor = new RedisExecutor({ target, reconcileMs: 2000 });
    try {
      const warm = planOver(ctx, spread(4 * workers, 1 + workers * 2));
      const plan = planOver(ctx, spread(RUNS, 7 + workers * 2));
      const me0 = process.cpuUsage();
      const redis0 = cpuSeconds(redisPid(redis));
      const m = await measure(executor, workers, warm, plan, () =>
        children.reduce((sum, c) => sum + cpuSeconds(c.pid!), 0),
      );
      out.push(m);
      if (workers === 2) {
        const me = process.cpuUsage(me0);
        const jobs = plan.jobs.length + warm.jobs.length;
        overhead = {
          coordinatorCpuMsPerJob: round((me.user + me.system) / 1000 / jobs, 2),
          redisCpuMsPerJob: round(((cpuSeconds(redisPid(redis)) - redis0) * 1000) / jobs, 2),
        };
      }
    } finally {
      await executor.close();
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
    }
  }
  return { runs: out, overhead: overhead! };
}

function redisPid(redis: RedisProcess): number {
  const pid = redis.pid();
  if (pid === undefined) throw new Error('redis-server is not running');
  return pid;
}

export async function benchSweeps() {
  const ctx = await bundledEngineContext();
  const inProcess: Measurement[] = [];
  for (const workers of [1, 2]) {
    const pool = new ThreadPool({ workers });
    try {
      inProcess.push(
        await measure(
          pool,
          workers,
          planOver(ctx, spread(4 * workers, 3 + workers * 2)),
          planOver(ctx, spread(RUNS, workers * 2)),
          ownCpu,
        ),
      );
    } finally {
      await pool.close();
    }
  }
  let redis: Awaited<ReturnType<typeof redisBench>> | null = null;
  if (hasRedis) {
    const server = await startRedis();
    try {
      redis = await redisBench(ctx, server);
    } finally {
      await server.stop();
    }
  }
  const speedup = (m: Measurement[]): number => round(m[1]!.runsPerS / m[0]!.runsPerS, 2);
  const onFreeCores = (m: Measurement[]): number =>
    round((2 * m[0]!.cpuMsPerRun) / m[1]!.cpuMsPerRun, 2);
  const perWorker = inProcess[0]!.runsPerS;
  const ceiling = redis
    ? round(
        1000 / Math.max(redis.overhead.coordinatorCpuMsPerJob, redis.overhead.redisCpuMsPerJob),
        0,
      )
    : null;
  return {
    loadAverage: loadavg().map((x) => round(x, 2)),
    runsPerMeasurement: RUNS,
    inProcess: {
      runs: inProcess,
      speedup2vs1: speedup(inProcess),
      speedup2vs1OnFreeCores: onFreeCores(inProcess),
    },
    redis: redis
      ? {
          ...redis,
          speedup2vs1: speedup(redis.runs),
          speedup2vs1OnFreeCores: onFreeCores(redis.runs),
        }
      : 'redis-server not installed',
    scaleOut: ceiling
      ? {
          runsPerSPerWorkerCore: perWorker,
          jobsPerSBeforeCoordinatorOrRedisSaturate: ceiling,
          workerCoresBeforeThatLimit: Math.floor(ceiling / perWorker),
        }
      : null,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchSweeps();
  const line = (label: string, m: Measurement[], s: number, free: number): void =>
    console.log(
      `${label}: 1 worker ${m[0]!.runsPerS} runs/s, 2 workers ${m[1]!.runsPerS} runs/s (${s}×, ${m[0]!.runs} runs each); CPU per run ${m[0]!.cpuMsPerRun} / ${m[1]!.cpuMsPerRun} ms → ${free}× on two free cores`,
    );
  console.log(`sweep of the Estlink 2 replay (load average ${r.loadAverage.join(' ')})`);
  line(
    '  in-process',
    r.inProcess.runs,
    r.inProcess.speedup2vs1,
    r.inProcess.speedup2vs1OnFreeCores,
  );
  if (typeof r.redis === 'string') console.log(`  redis: skipped, ${r.redis}`);
  else {
    line('  redis     ', r.redis.runs, r.redis.speedup2vs1, r.redis.speedup2vs1OnFreeCores);
    console.log(
      `  per job: coordinator ${r.redis.overhead.coordinatorCpuMsPerJob} ms CPU, redis-server ${r.redis.overhead.redisCpuMsPerJob} ms CPU`,
    );
  }
  if (r.scaleOut)
    console.log(
      `  scale-out: ${r.scaleOut.runsPerSPerWorkerCore} runs/s per worker core; coordinator and Redis saturate near ${r.scaleOut.jobsPerSBeforeCoordinatorOrRedisSaturate} jobs/s, i.e. about ${r.scaleOut.workerCoresBeforeThatLimit} worker cores on any number of machines`,
    );
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/sweep.json',
    `${JSON.stringify({ date: new Date().toISOString(), ...r }, null, 2)}\n`,
  );
}
