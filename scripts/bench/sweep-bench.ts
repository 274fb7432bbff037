// Sweep benchmark (issue 17): runs per second of the Estlink 2 replay over sampled hours with
// one and two workers, in-process (worker threads) and on BullMQ through a redis-server of its
// own (`finest worker` processes, so this process is the coordinator alone). Goal: two workers
// ≥ 1.7 × one on this 2-core machine. For more machines it measures what one job costs the
// coordinator and Redis (CPU time per job), which bounds the throughput any number of workers
// can reach: workers add runs/s until coordinator or Redis saturate. Rates are steady state:
// threads are started and warmed (JIT, WARM_RUNS each) on other hours before the clock starts.
//
// It measures what `npx finest` runs: Redis workers are the bin itself, the in-process pool's
// threads run the CLI's compiled thread entry (dist/thread.mjs), and this process runs under
// the bin's node flags (bin-node-flags.ts), among them --single-threaded-gc. One worker and two
// are timed in turn, round by round, after every set is warmed (compare).
//
// A Node worker is more than one thread: V8 compiles and collects garbage on background
// threads. With V8's default parallel collection that was ~7 ms of helper CPU per 36-ms run
// for good (from /proc); with the bin's single-threaded collection what remains is the
// optimising compiler, which keeps recompiling for the first few hundred runs of a worker
// (WARM_RUNS) and then almost stops. One worker alone on this 2-core machine has the second
// core for its helpers; two workers share both, so the bench warms every worker to steady
// state first. Two Redis workers are measured three ways: two processes (as on two machines),
// one process of two threads (`--concurrency 2`, how one machine is meant to run them), and
// two processes each pinned to a core of its own (`taskset`), where one worker is exactly one
// core, helpers included.
// Run alone with `npm run bench:sweep`; `npm run bench` includes it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
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
import { binNodeFlags, underBinFlags } from './bin-node-flags.ts';

const FINEST = fileURLToPath(new URL('../../apps/cli/bin/finest.mjs', import.meta.url));
/** hours per measurement: ~7 s at one worker, ~4 s at two */
const RUNS = Number(process.env.FINEST_BENCH_SWEEP_RUNS ?? 200);
/**
 * warm-up runs per worker, to V8's steady state. Its optimising compiler keeps recompiling
 * engine functions that deoptimise on hours with objects of a shape not seen before (measured
 * with --trace-opt over 700 runs of one worker: 3.0 s of compilation in the first 100 runs,
 * 0.20, 0.47, 0.08, 0.03, 0.01 and 0.03 s in each 100 after). That compilation runs on helper
 * threads: a worker still warming takes a second core's time, which one worker alone has free
 * and two do not, so after a short warm-up (24 runs) two workers looked 9–14 % slower per
 * run than one. A sweep worker does hundreds of runs; steady state is what it runs at.
 */
const WARM_RUNS = Number(process.env.FINEST_BENCH_SWEEP_WARM ?? 400);
/** timed rounds per measurement (odd: the median is one of them) */
const ROUNDS = Number(process.env.FINEST_BENCH_SWEEP_ROUNDS ?? 3);

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
  /** CPU time ÷ wall time of the workers: above 1 per worker, V8's background threads */
  coresUsed: number;
  /** runs/s of every timed round (the figures above are the median round's) */
  roundsRunsPerS?: number[];
}

/**
 * The replay over these hours; a seed of its own keeps a plan's job keys apart from every
 * other plan's on the same hours (Redis is shared by the measurements). A seed only scatters
 * relay trip times (engine/protection.ts), so it changes the keys, not the amount of work.
 */
function planOver(ctx: EngineContext, hours: number[], seed: number): SweepPlan {
  const s = loadScenarioLibrary().find((x) => x.id === 'estlink2-2024-12-25')!;
  return planSweep({ title: 'bench', scenarios: [s], hours, seeds: [seed], axes: [] }, ctx);
}

/** n hours evenly spread over the year. */
const spread = (n: number): number[] =>
  Array.from({ length: n }, (_, k) => Math.floor((k * 8760) / n));

/** Workers to time: where runs go, how many compute them, and their CPU seconds so far. */
interface Timed {
  executor: SweepExecutor;
  workers: number;
  /** first seed of its plans: keeps its job keys apart from every other set's */
  seed: number;
  cpu: () => number;
  /** called around each timed round (the coordinator's and Redis's share of it) */
  onRound?: (phase: 'start' | 'end', jobs: number) => void;
}

async function warmUp(ctx: EngineContext, t: Timed): Promise<void> {
  await runSweep(
    planOver(ctx, spread(WARM_RUNS * t.workers), t.seed),
    new MemoryResultStore(),
    t.executor,
  );
}

async function timeRound(ctx: EngineContext, t: Timed, k: number): Promise<Measurement> {
  const plan = planOver(ctx, spread(RUNS), t.seed + k);
  t.onRound?.('start', plan.jobs.length);
  const t0 = performance.now();
  const c0 = t.cpu();
  const r = await runSweep(plan, new MemoryResultStore(), t.executor);
  const seconds = (performance.now() - t0) / 1000;
  const cpuS = t.cpu() - c0;
  t.onRound?.('end', plan.jobs.length);
  // every run computed now, none failed: a rate of anything else would mean nothing
  if (!r.complete || r.timing?.computed !== plan.jobs.length || r.aggregates[0]!.failed > 0)
    throw new Error(`bench sweep: ${JSON.stringify({ complete: r.complete, timing: r.timing })}`);
  return {
    workers: t.workers,
    runs: plan.jobs.length,
    seconds: round(seconds, 2),
    runsPerS: round(plan.jobs.length / seconds, 2),
    cpuMsPerRun: round((cpuS * 1000) / plan.jobs.length, 1),
    coresUsed: round(cpuS / seconds, 2),
  };
}

/** The round of median rate, with every round's rate. */
function medianRound(rounds: Measurement[]): Measurement {
  const median = [...rounds].sort((a, b) => a.runsPerS - b.runsPerS)[(rounds.length - 1) >> 1]!;
  return { ...median, roundsRunsPerS: rounds.map((x) => x.runsPerS) };
}

/**
 * Times two warmed sets of workers against each other round by round in turn (A, B, A, B, …),
 * ROUNDS each: a stretch of the machine's other work weighs on both
 * alike, and a burst hits one round of one, which the median leaves out. Sets not being timed
 * wait on their own queue (a Redis database each) or pool, idle.
 */
async function compare(
  ctx: EngineContext,
  a: Timed,
  b: Timed,
  /** the rounds' numbers start here: a set timed in two comparisons needs new seeds for the second */
  firstRound = 1,
): Promise<[Measurement, Measurement]> {
  const ra: Measurement[] = [];
  const rb: Measurement[] = [];
  for (let k = firstRound; k < firstRound + ROUNDS; k++) {
    ra.push(await timeRound(ctx, a, k));
    rb.push(await timeRound(ctx, b, k));
  }
  return [medianRound(ra), medianRound(rb)];
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

const TASKSET = '/usr/bin/taskset';
const canPin = existsSync(TASKSET) && availableParallelism() >= 2;

/**
 * How N workers are laid out: `processes` — N `finest worker` processes of one thread each,
 * as on N machines; `threads` — one process with `--concurrency N`, the one-machine
 * deployment; `pinned` — N processes, worker k held to core k (its V8 threads included).
 */
type Layout = 'processes' | 'threads' | 'pinned';

function spawnWorkers(url: string, workers: number, layout: Layout): ChildProcess[] {
  // the bin itself, as `npx finest worker` runs: its shebang's node flags included
  const args = (concurrency: number): string[] => [
    'worker',
    '--queue',
    url,
    '--concurrency',
    String(concurrency),
  ];
  if (layout === 'threads') return [spawn(FINEST, args(workers), { stdio: 'ignore' })];
  return Array.from({ length: workers }, (_, k) =>
    layout === 'pinned'
      ? spawn(TASKSET, ['-c', String(k), FINEST, ...args(1)], { stdio: 'ignore' })
      : spawn(FINEST, args(1), { stdio: 'ignore' }),
  );
}

/** `finest worker` processes on a Redis database of their own, and the executor feeding them. */
interface RedisSet extends Timed {
  children: ChildProcess[];
}

function redisSet(redis: RedisProcess, layout: Layout, workers: number, db: number): RedisSet {
  const url = `${redis.url}/${db}`;
  const children = spawnWorkers(url, workers, layout);
  return {
    executor: new RedisExecutor({ target: parseQueueUrl(url), reconcileMs: 2000 }),
    workers,
    seed: 100 * db,
    cpu: () => children.reduce((sum, c) => sum + cpuSeconds(c.pid!), 0),
    children,
  };
}

async function closeSet(set: RedisSet): Promise<void> {
  await set.executor.close();
  for (const c of set.children) c.kill('SIGTERM');
  await Promise.all(set.children.map((c) => new Promise((r) => c.once('exit', r))));
}

async function redisBench(ctx: EngineContext, redis: RedisProcess) {
  const one = redisSet(redis, 'processes', 1, 1);
  const two = redisSet(redis, 'processes', 2, 2);
  const threads = redisSet(redis, 'threads', 2, 3);
  const pinnedOne = canPin ? redisSet(redis, 'pinned', 1, 4) : null;
  const pinnedTwo = canPin ? redisSet(redis, 'pinned', 2, 5) : null;
  // what one job costs the coordinator and Redis, over the two-process rounds
  const cost = { me: 0, redis: 0, jobs: 0 };
  let at = { me: 0, redis: 0 };
  two.onRound = (phase, jobs) => {
    const u = process.cpuUsage();
    const now = { me: (u.user + u.system) / 1e6, redis: cpuSeconds(redisPid(redis)) };
    if (phase === 'start') at = now;
    else {
      cost.me += now.me - at.me;
      cost.redis += now.redis - at.redis;
      cost.jobs += jobs;
    }
  };
  try {
    // every set started and warmed before any is timed: none is still loading meanwhile
    for (const set of [one, two, threads, pinnedOne, pinnedTwo]) if (set) await warmUp(ctx, set);
    const [oneM, twoM] = await compare(ctx, one, two);
    // one process of two threads against a fresh round of the one-worker set
    const [oneAgain, threadsM] = await compare(ctx, one, threads, ROUNDS + 1);
    const pinned = pinnedOne && pinnedTwo ? await compare(ctx, pinnedOne, pinnedTwo) : null;
    return {
      runs: [oneM, twoM],
      twoWorkersInOneProcess: threadsM,
      oneWorkerAgainstTheThreads: oneAgain,
      oneWorkerPerCore: pinned ?? 'taskset or a second core missing',
      overhead: {
        coordinatorCpuMsPerJob: round((cost.me * 1000) / cost.jobs, 2),
        redisCpuMsPerJob: round((cost.redis * 1000) / cost.jobs, 2),
      },
    };
  } finally {
    for (const set of [one, two, threads, pinnedOne, pinnedTwo]) if (set) await closeSet(set);
  }
}

function redisPid(redis: RedisProcess): number {
  const pid = redis.pid();
  if (pid === undefined) throw new Error('redis-server is not running');
  return pid;
}

export async function benchSweeps() {
  const ctx = await bundledEngineContext();
  // the compiled engine `finest sweep` runs, not the sources through tsx (the bin rebuilds
  // its dist/ first when a source is newer)
  const built = spawnSync(FINEST, ['--help'], { stdio: 'ignore' });
  if (built.status !== 0) throw new Error(`${FINEST} --help failed: the CLI build is broken`);
  const threadEntry = new URL('../../apps/cli/dist/thread.mjs', import.meta.url);
  const pools = [
    new ThreadPool({ workers: 1, threadEntry }),
    new ThreadPool({ workers: 2, threadEntry }),
  ];
  let inProcess: Measurement[];
  try {
    const sets: [Timed, Timed] = [
      { executor: pools[0]!, workers: 1, seed: 10, cpu: ownCpu },
      { executor: pools[1]!, workers: 2, seed: 20, cpu: ownCpu },
    ];
    for (const set of sets) await warmUp(ctx, set);
    inProcess = await compare(ctx, ...sets);
  } finally {
    for (const pool of pools) await pool.close();
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
    /** V8 flags of the workers and of this process: the bin's */
    nodeFlags: process.execArgv.filter((f) => binNodeFlags(FINEST).includes(f)),
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
          speedup2vs1InOneProcess: round(
            redis.twoWorkersInOneProcess.runsPerS / redis.oneWorkerAgainstTheThreads.runsPerS,
            2,
          ),
          speedup2vs1OneWorkerPerCore:
            typeof redis.oneWorkerPerCore === 'string'
              ? redis.oneWorkerPerCore
              : speedup(redis.oneWorkerPerCore),
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
  // the in-process pool's threads run under this process's V8 flags: those of `finest sweep`
  underBinFlags(FINEST);
  const r = await benchSweeps();
  const line = (label: string, m: Measurement[], s: number, free: number): void =>
    console.log(
      `${label}: 1 worker ${m[0]!.runsPerS} runs/s, 2 workers ${m[1]!.runsPerS} runs/s (${s}×, ${m[0]!.runs} runs each); CPU per run ${m[0]!.cpuMsPerRun} / ${m[1]!.cpuMsPerRun} ms → ${free}× on two free cores; cores used ${m[0]!.coresUsed} / ${m[1]!.coresUsed}`,
    );
  console.log(
    `sweep of the Estlink 2 replay (load average ${r.loadAverage.join(' ')}; node ${r.nodeFlags.join(' ')})`,
  );
  line(
    '  in-process',
    r.inProcess.runs,
    r.inProcess.speedup2vs1,
    r.inProcess.speedup2vs1OnFreeCores,
  );
  if (typeof r.redis === 'string') console.log(`  redis: skipped, ${r.redis}`);
  else {
    line('  redis     ', r.redis.runs, r.redis.speedup2vs1, r.redis.speedup2vs1OnFreeCores);
    const t = r.redis.twoWorkersInOneProcess;
    console.log(
      `  redis, 2 workers in one process (--concurrency 2): ${t.runsPerS} runs/s (${r.redis.speedup2vs1InOneProcess}× one), CPU per run ${t.cpuMsPerRun} ms, cores used ${t.coresUsed}`,
    );
    const p = r.redis.oneWorkerPerCore;
    if (typeof p !== 'string')
      line(
        '  redis, one worker per core (taskset)',
        p,
        round(p[1]!.runsPerS / p[0]!.runsPerS, 2),
        round((2 * p[0]!.cpuMsPerRun) / p[1]!.cpuMsPerRun, 2),
      );
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
