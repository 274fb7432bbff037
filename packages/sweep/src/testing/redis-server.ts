// Test support: a real redis-server of the test's own, on a free loopback port, without
// persistence (a restart loses every key, the harshest case for a sweep). Debian's package
// (`apt-get install -y redis-server`, which .ci/run does) or FINEST_REDIS_SERVER, as
// testing/needs.ts finds it. Without one the Redis tests (under describeNeeding(NEEDS.redis))
// are skipped and said so — unless FINEST_REQUIRE_REDIS=1 or CI is set, where they fail and
// say how to install it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { missingMessage, NEEDS, REDIS_SERVER_PATH } from '../../../../testing/needs.ts';

export const REDIS_SERVER = REDIS_SERVER_PATH;
export const hasRedis = NEEDS.redis.present;
export const REDIS_MISSING = missingMessage(NEEDS.redis);

export interface RedisProcess {
  port: number;
  url: string;
  /** the server's process id (undefined between a restart's stop and start) */
  pid(): number | undefined;
  /** one command on a connection of its own, e.g. call('LLEN', key), for a test to look */
  call(command: string, ...args: string[]): Promise<unknown>;
  /** stops and starts it again on the same port: every key is gone */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const c = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.ping();
      c.disconnect();
      return;
    } catch {
      c.disconnect();
      if (Date.now() > until) throw new Error(`redis-server on port ${port} did not answer`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export async function startRedis(): Promise<RedisProcess> {
  if (!hasRedis) throw new Error(REDIS_MISSING);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'finest-redis-'));
  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    );
    await waitForPing(port, 10_000);
  };
  const halt = async (): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid: () => child?.pid,
    call: async (command, ...args) => {
      const c = new Redis({
        port,
        host: '127.0.0.1',
        lazyConnect: true,
        retryStrategy: () => null,
      });
      try {
        await c.connect();
        return await c.call(command, ...args);
      } finally {
        c.disconnect();
      }
    },
    restart: async () => {
      await halt();
      await launch();
    },
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
