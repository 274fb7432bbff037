// finest sweep on BullMQ with a real redis-server of the test's own (no mock): the Estlink 2
// replay over sampled hours gives byte for byte the aggregate of the in-process sweep, when
// one of two `finest worker` processes is killed with SIGKILL mid-sweep, and when Redis is
// restarted mid-sweep (without persistence: every queued job is lost and must be re-added).
// Skipped without redis-server (and said so) unless FINEST_REQUIRE_REDIS=1 or CI is set (then
// it fails with how to install it): testing/needs.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SweepResultSchema } from '@finest/protocol';
import { QUEUE_NAME, QUEUE_PREFIX } from '@finest/sweep';
import { startRedis, type RedisProcess } from '@finest/sweep/testing';
import { describeNeeding } from '../../../../testing/describe-needing.ts';
import { NEEDS } from '../../../../testing/needs.ts';
import { main } from '../main.ts';

const ESTLINK2 = fileURLToPath(
  new URL('../../../../data/scenarios/estlink2-2024-12-25.json', import.meta.url),
);
const FINEST = fileURLToPath(new URL('../../bin/finest.mjs', import.meta.url));
/** 12 hours of the year, one a month */
const HOURS = '0-8759:730';

async function finest(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** The --json output without its timing block (the only part allowed to differ). */
const withoutTiming = (json: string): string => {
  const at = json.indexOf('  "timing": {');
  expect(at).toBeGreaterThan(0);
  return json.slice(0, at);
};

const stored = (db: string): number => {
  if (!existsSync(db)) return 0;
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (d.prepare('SELECT COUNT(*) AS n FROM sweep_results').get() as { n: number }).n;
  } catch {
    return 0; // not migrated yet
  } finally {
    d.close();
  }
};

async function until(what: string, ok: () => boolean, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeNeeding(NEEDS.redis, 'finest sweep on Redis', () => {
  let redis: RedisProcess;
  const dir = mkdtempSync(join(tmpdir(), 'finest-sweep-redis-'));
  const workers: ChildProcess[] = [];
  let reference = '';

  const worker = (concurrency: number): ChildProcess => {
    const w = spawn(
      process.execPath,
      [
        FINEST,
        'worker',
        '--queue',
        redis.url,
        '--concurrency',
        String(concurrency),
        '--lock-ms',
        '2000',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    workers.push(w);
    return w;
  };
  /** the sweep of HOURS on this test's Redis, coordinated by this process */
  const sweepOnRedis = (db: string) =>
    finest('sweep', ESTLINK2, '--hours', HOURS, '--queue', redis.url, '--db', db, '--json');
  const stopWorkers = async (): Promise<void> => {
    await Promise.all(
      workers.splice(0).map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.exitCode !== null || w.signalCode !== null) return resolve();
            w.once('exit', () => resolve());
            w.kill('SIGTERM');
          }),
      ),
    );
  };

  beforeAll(async () => {
    redis = await startRedis();
    const r = await finest(
      'sweep',
      ESTLINK2,
      '--hours',
      HOURS,
      '--workers',
      '2',
      '--db',
      join(dir, 'local.db'),
      '--json',
    );
    expect(r.code).toBe(0);
    reference = r.out;
    expect(SweepResultSchema.parse(JSON.parse(r.out)).aggregates[0]!.done).toBe(12);
  }, 180_000);

  afterAll(async () => {
    await stopWorkers();
    await redis?.stop();
  });

  it('gives the in-process aggregate with two workers, one killed with SIGKILL mid-sweep', async () => {
    const db = join(dir, 'killed.db');
    const victim = worker(1);
    worker(1);
    const sweep = sweepOnRedis(db);
    await until('the first results', () => stored(db) >= 2);
    victim.kill('SIGKILL');
    const r = await sweep;
    expect(r.code).toBe(0);
    const result = SweepResultSchema.parse(JSON.parse(r.out));
    expect(result.complete).toBe(true);
    expect(result.timing).toMatchObject({ mode: 'redis', computed: 12, reused: 0 });
    expect(victim.signalCode).toBe('SIGKILL');
    // the job it held was taken over by the other worker
    expect(result.timing!.retried).toBeGreaterThan(0);
    expect(withoutTiming(r.out)).toBe(withoutTiming(reference));
    expect(stored(db)).toBe(12);
    await stopWorkers();
  }, 240_000);

  it('collects from Redis what workers finished after its coordinator was killed', async () => {
    const db = join(dir, 'coordinator-killed.db');
    worker(1);
    const coordinator = spawn(
      process.execPath,
      [FINEST, 'sweep', ESTLINK2, '--hours', HOURS, '--queue', redis.url, '--db', db, '--json'],
      { stdio: 'ignore' },
    );
    await until('the first results', () => stored(db) >= 2);
    coordinator.kill('SIGKILL');
    await new Promise((resolve) => coordinator.once('exit', resolve));
    // the worker goes on with the queue; results without a coordinator stay in Redis
    const queued = async (): Promise<number> =>
      Number(await redis.call('LLEN', `${QUEUE_PREFIX}:${QUEUE_NAME}:wait`)) +
      Number(await redis.call('LLEN', `${QUEUE_PREFIX}:${QUEUE_NAME}:active`));
    for (let end = Date.now() + 120_000; (await queued()) > 0;) {
      if (Date.now() > end) throw new Error('timed out waiting for the worker to empty the queue');
      await new Promise((r) => setTimeout(r, 100));
    }
    await stopWorkers();
    const before = stored(db);
    expect(before).toBeLessThan(12);
    const completedInRedis = async (): Promise<number> =>
      Number(await redis.call('ZCARD', `${QUEUE_PREFIX}:${QUEUE_NAME}:completed`));
    const completedBefore = await completedInRedis();

    // no worker runs now: every missing result must come from Redis
    const r = await sweepOnRedis(db);
    expect(r.code).toBe(0);
    const result = SweepResultSchema.parse(JSON.parse(r.out));
    expect(result.complete).toBe(true);
    expect(result.timing).toMatchObject({ computed: 12 - before, reused: before, retried: 0 });
    expect(withoutTiming(r.out)).toBe(withoutTiming(reference));
    // what it collected and stored, it removed from Redis
    expect(await completedInRedis()).toBe(completedBefore - (12 - before));
  }, 240_000);

  it('gives the same aggregate when Redis restarts mid-sweep and loses every job', async () => {
    const db = join(dir, 'restart.db');
    worker(2);
    const sweep = sweepOnRedis(db);
    await until('the first results', () => stored(db) >= 2);
    await redis.restart();
    const r = await sweep;
    expect(r.code).toBe(0);
    const result = SweepResultSchema.parse(JSON.parse(r.out));
    expect(result.complete).toBe(true);
    // the jobs Redis lost were added again
    expect(result.timing!.retried).toBeGreaterThan(0);
    expect(withoutTiming(r.out)).toBe(withoutTiming(reference));
    await stopWorkers();
  }, 240_000);
});
