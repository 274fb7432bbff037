// The server entry: configuration from the environment, buildApp, listen, and a graceful stop
// on SIGINT/SIGTERM (WebSockets closed, computing stopped at a clean point, database closed;
// interrupted runs resume at the next start).
//
//   HOST             address to listen on (default 127.0.0.1; elsewhere FINEST_TOKEN is required)
//   PORT             default 8080
//   FINEST_DATA_DIR  the SQLite store (default ./.finest-data)
//   FINEST_TOKEN     write token: POST/PUT/DELETE and WebSocket start/branch need it
//   FINEST_STORE_MAX_MB  a quota on the store; past it, saves get 507 (default: none)
//   FINEST_CGMES_UPLOAD_MB  largest CGMES zip upload, as sent (default 64; past it 413)
//   LOG_LEVEL        pino level (default info)
//   FINEST_SWEEP_WORKERS  worker threads for sweeps (default 1)
//   FINEST_QUEUE     redis://HOST:PORT: sweeps go to BullMQ workers (`finest worker`) instead
import { resolve } from 'node:path';
import { buildApp } from './app.ts';
import { DEFAULT_HOST, securityNotice, resolveConfig } from './config.ts';
import { ServerConfigError } from './errors.ts';

export const DEFAULT_PORT = 8080;
export const DEFAULT_DATA_DIR = '.finest-data';

export interface EntryConfig {
  host: string;
  port: number;
  dataDir: string;
  token: string | undefined;
  logLevel: string;
  storeMaxBytes: number;
  /** FINEST_CGMES_UPLOAD_MB in bytes; undefined: the default limit */
  cgmesUploadBytes: number | undefined;
  sweeps: { workers?: number; queue?: string };
}

export function entryConfig(env: NodeJS.ProcessEnv): EntryConfig {
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ServerConfigError(`PORT must be an integer 0 … 65535, got "${env.PORT}"`);
  const quotaMB =
    env.FINEST_STORE_MAX_MB === undefined || env.FINEST_STORE_MAX_MB === ''
      ? Number.POSITIVE_INFINITY
      : Number(env.FINEST_STORE_MAX_MB);
  if (!(quotaMB > 0))
    throw new ServerConfigError(
      `FINEST_STORE_MAX_MB must be a number of megabytes above 0, got "${env.FINEST_STORE_MAX_MB}"`,
    );
  const cgmesMB = env.FINEST_CGMES_UPLOAD_MB ? Number(env.FINEST_CGMES_UPLOAD_MB) : undefined;
  if (cgmesMB !== undefined && !(cgmesMB > 0))
    throw new ServerConfigError(
      `FINEST_CGMES_UPLOAD_MB must be a number of megabytes above 0, got "${env.FINEST_CGMES_UPLOAD_MB}"`,
    );
  return {
    host: env.HOST || DEFAULT_HOST,
    port,
    dataDir: resolve(env.FINEST_DATA_DIR || DEFAULT_DATA_DIR),
    token: env.FINEST_TOKEN || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    storeMaxBytes: quotaMB * 1024 * 1024,
    cgmesUploadBytes: cgmesMB === undefined ? undefined : Math.round(cgmesMB * 1024 * 1024),
    sweeps: {
      ...(env.FINEST_SWEEP_WORKERS ? { workers: Number(env.FINEST_SWEEP_WORKERS) } : {}),
      ...(env.FINEST_QUEUE ? { queue: env.FINEST_QUEUE } : {}),
    },
  };
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let entry: EntryConfig;
  try {
    entry = entryConfig(env);
    // fail before opening anything when the security rules are not met
    resolveConfig({
      dataDir: entry.dataDir,
      host: entry.host,
      ...(entry.token ? { token: entry.token } : {}),
      sweeps: entry.sweeps,
    });
  } catch (err) {
    if (err instanceof ServerConfigError) {
      process.stderr.write(`finest-server: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    app = await buildApp({
      dataDir: entry.dataDir,
      host: entry.host,
      ...(entry.token ? { token: entry.token } : {}),
      logger: { level: entry.logLevel },
      limits: {
        storeMaxBytes: entry.storeMaxBytes,
        ...(entry.cgmesUploadBytes === undefined
          ? {}
          : { cgmesUploadBytes: entry.cgmesUploadBytes }),
      },
      sweeps: entry.sweeps,
    });
  } catch (err) {
    // an unusable data directory (read-only, full, not a directory) is said in one line
    if (err instanceof ServerConfigError) {
      process.stderr.write(`finest-server: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      process.stderr.write(`finest-server: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    app.log.info(`${signal}: closing`);
    app.close().then(
      () => {
        process.stderr.write(`finest-server: closed (${signal})\n`);
        process.exit(0);
      },
      (err: unknown) => {
        app.log.error({ err }, 'close failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  let address: string;
  try {
    address = await app.listen({ host: entry.host, port: entry.port });
  } catch (err) {
    const code = (err as { code?: string }).code;
    process.stderr.write(
      `finest-server: cannot listen on ${entry.host}:${entry.port}: ${code === 'EADDRINUSE' ? 'the port is in use (set PORT)' : err instanceof Error ? err.message : String(err)}\n`,
    );
    await app.close();
    return 1;
  }
  const config = resolveConfig({
    dataDir: entry.dataDir,
    host: entry.host,
    ...(entry.token ? { token: entry.token } : {}),
  });
  process.stderr.write(
    `FinEst Twin at ${address} (data: ${entry.dataDir})\n${securityNotice(config)}\n`,
  );
  return 0;
}
