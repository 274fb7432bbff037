// Reaching Redis: the URL a user gives (`--queue redis://HOST:PORT[/DB]`, rediss:// for TLS),
// checked before anything is enqueued — a bad URL, a server that does not answer or one too
// old for BullMQ is one clear error, not a client retrying forever — and the connection
// options the queue, its events and the workers use afterwards, which do retry forever, so a
// Redis restart in the middle of a sweep is waited out.
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { SweepQueueError } from '../errors.ts';

/** The BullMQ queue every sweep job goes through (its keys start with finest:). */
export const QUEUE_NAME = 'sweep-jobs';
export const QUEUE_PREFIX = 'finest';

/** Where Redis is: plain data, so it can be handed to worker threads. */
export interface RedisAddress {
  host: string;
  port: number;
  db?: number;
  username?: string;
  password?: string;
  /** rediss:// */
  tls?: Record<string, never>;
}

export interface QueueTarget {
  /** the URL without a password, for messages */
  display: string;
  options: RedisAddress;
}

const INSTALL_HINT =
  'start one with `redis-server --port 6379` (Debian/Ubuntu: apt-get install -y redis-server), see docs/scale-out.md';

export function parseQueueUrl(text: string): QueueTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SweepQueueError(`--queue: "${text}" is not a URL; expected redis://HOST:PORT`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new SweepQueueError(
      `--queue: "${text}" is not a Redis URL; expected redis://HOST:PORT (or rediss:// for TLS)`,
    );
  if (!url.hostname) throw new SweepQueueError(`--queue: "${text}" names no host`);
  const port = url.port ? Number(url.port) : 6379;
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText))
    throw new SweepQueueError(`--queue: database "${dbText}" in "${text}" is not a number`);
  const safe = new URL(url.href);
  if (safe.password) safe.password = '***';
  return {
    display: safe.href.replace(/\/$/, ''),
    options: {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port,
      ...(dbText ? { db: Number(dbText) } : {}),
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}

/** Connection options for long-lived clients: never give up, back off to 2 s. */
export function durableOptions(target: QueueTarget): RedisOptions {
  return {
    ...target.options,
    // BullMQ's workers need it; commands wait for the connection instead of failing
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(200 * times, 2000),
  };
}

/** One attempt to reach Redis and read its version; throws a SweepQueueError saying why not. */
export async function checkRedis(target: QueueTarget, timeoutMs = 5000): Promise<string> {
  const client = new Redis({
    ...target.options,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let cause: { code?: string; message?: string } | undefined;
  client.on('error', (err: { code?: string; message?: string }) => (cause ??= err)); // below, once
  try {
    await client.connect();
    const info = await client.info('server');
    const version = /redis_version:([\d.]+)/.exec(info)?.[1] ?? '0';
    if (Number(version.split('.')[0]) < 5)
      throw new SweepQueueError(
        `Redis at ${target.display} is version ${version}; BullMQ needs 5 or newer (6.2+ recommended)`,
      );
    return version;
  } catch (err) {
    if (err instanceof SweepQueueError) throw err;
    const first = cause ?? (err as { code?: string; message?: string });
    const why = first.code ?? first.message ?? String(err);
    throw new SweepQueueError(`cannot reach Redis at ${target.display} (${why}); ${INSTALL_HINT}`);
  } finally {
    client.disconnect();
  }
}
