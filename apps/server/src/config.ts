// Options of buildApp and the security rules that follow from them: on a loopback address
// anyone on the machine may write; bound anywhere else, a token is mandatory and every write
// (POST/PUT/DELETE, WebSocket start/branch) must carry it.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseQueueUrl, type QueueTarget } from '@finest/sweep';
import { ServerConfigError } from './errors.ts';

export interface BuildAppOptions {
  /** where the SQLite store lives (created when missing) */
  dataDir: string;
  /** the bundled networks, profiles, geo layers and scenario library (default: repo data/) */
  bundledDataDir?: string;
  /** the address the server will listen on; decides whether a token is required */
  host?: string;
  /** the write token (FINEST_TOKEN) */
  token?: string;
  /** Fastify logger: false (default), true, or pino options */
  logger?: boolean | Record<string, unknown>;
  /** where the built web app is (default apps/web/dist) */
  webDistDir?: string;
  limits?: Partial<Limits>;
  /** sweeps: worker threads (FINEST_SWEEP_WORKERS, default 1) or Redis (FINEST_QUEUE) */
  sweeps?: { workers?: number; queue?: string };
}

export interface Limits {
  /** bytes of a JSON request body */
  bodyBytes: number;
  /** bytes of a MATPOWER upload */
  uploadBytes: number;
  /** bytes of a CGMES zip upload as sent (FINEST_CGMES_UPLOAD_MB); past it 413 */
  cgmesUploadBytes: number;
  /** bytes of a CGMES model's profiles once inflated, checked from the zip directory before
   *  anything is inflated; past it 413 */
  cgmesModelBytes: number;
  /** bytes of one WebSocket message from a client */
  wsMessageBytes: number;
  /** a viewer's send buffer above which non-keyframes are skipped (latest kept) */
  wsSoftBufferBytes: number;
  /** a viewer's send buffer above which it is disconnected (it resumes with fromTick) */
  wsHardBufferBytes: number;
  /** ms between WebSocket pings; a peer that missed the previous pong is terminated */
  heartbeatMs: number;
  /** runs computing or waiting at once; more get 429 */
  maxActiveRuns: number;
  /** uploaded networks kept */
  maxNetworks: number;
  /** the store's quota in bytes (FINEST_STORE_MAX_MB); past it writes get 507. Default: none */
  storeMaxBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 2 * 1024 * 1024,
  uploadBytes: 16 * 1024 * 1024,
  cgmesUploadBytes: 64 * 1024 * 1024,
  cgmesModelBytes: 512 * 1024 * 1024,
  wsMessageBytes: 2 * 1024 * 1024,
  wsSoftBufferBytes: 512 * 1024,
  wsHardBufferBytes: 16 * 1024 * 1024,
  heartbeatMs: 30_000,
  maxActiveRuns: 16,
  maxNetworks: 100,
  storeMaxBytes: Number.POSITIVE_INFINITY,
};

export interface ServerConfig {
  dataDir: string;
  bundledDataDir: string | undefined;
  webDistDir: string;
  host: string;
  token: string | undefined;
  loopback: boolean;
  limits: Limits;
  sweeps: { workers: number; queue: QueueTarget | undefined };
}

export const DEFAULT_HOST = '127.0.0.1';
const MIN_TOKEN_LENGTH = 16;

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

export function resolveConfig(opts: BuildAppOptions): ServerConfig {
  const host = opts.host ?? DEFAULT_HOST;
  const loopback = isLoopback(host);
  const token = opts.token === '' ? undefined : opts.token;
  if (!loopback && token === undefined)
    throw new ServerConfigError(
      `refusing to listen on ${host} without a write token: set FINEST_TOKEN (at least ${MIN_TOKEN_LENGTH} characters), or listen on 127.0.0.1`,
    );
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH)
    throw new ServerConfigError(`FINEST_TOKEN must have at least ${MIN_TOKEN_LENGTH} characters`);
  return {
    dataDir: resolve(opts.dataDir),
    bundledDataDir: opts.bundledDataDir === undefined ? undefined : resolve(opts.bundledDataDir),
    webDistDir: resolve(
      opts.webDistDir ?? fileURLToPath(new URL('../../web/dist', import.meta.url)),
    ),
    host,
    token,
    loopback,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    sweeps: sweepSettings(opts.sweeps),
  };
}

function sweepSettings(s: BuildAppOptions['sweeps']): ServerConfig['sweeps'] {
  const workers = s?.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 256)
    throw new ServerConfigError(
      `FINEST_SWEEP_WORKERS must be an integer 1 … 256, got "${workers}"`,
    );
  let queue: QueueTarget | undefined;
  if (s?.queue) {
    try {
      queue = parseQueueUrl(s.queue);
    } catch (err) {
      throw new ServerConfigError(
        `FINEST_QUEUE: ${(err as Error).message.replace(/^--queue: /, '')}`,
      );
    }
  }
  return { workers, queue };
}

/** What the server says at start about who may write. */
export function securityNotice(c: ServerConfig): string {
  if (c.token === undefined)
    return `writes are open to anyone who can reach ${c.host} (loopback only); set FINEST_TOKEN to require a token`;
  return `writes (POST/PUT/DELETE, WebSocket start/branch) require "Authorization: Bearer <FINEST_TOKEN>" (WebSocket: ?token=)`;
}
