// Test support: the real server (bin/finest-server.mjs) as a child process on an ephemeral
// loopback port, for what an in-process app cannot show: SIGKILL, a full or read-only disk,
// the exit code and the one line printed when it refuses to start.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SERVER_BIN = fileURLToPath(new URL('../../bin/finest-server.mjs', import.meta.url));

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerChild {
  url: string;
  pid: number;
  /** what the server wrote to stderr so far */
  stderr(): string;
  exited: Promise<ChildExit>;
  kill(signal: NodeJS.Signals): Promise<ChildExit>;
}

export interface ServerChildOptions {
  dataDir: string;
  env?: Record<string, string>;
  /** a command the server runs under, e.g. unshare with a tmpfs mount (argv before node) */
  wrapper?: string[];
  startTimeoutMs?: number;
}

/** Starts the server; rejects with its stderr when it exits (or is silent) before listening. */
export async function startServerChild(opts: ServerChildOptions): Promise<ServerChild> {
  const argv = [...(opts.wrapper ?? []), process.execPath, SERVER_BIN];
  const child = spawn(argv[0]!, argv.slice(1), {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      FINEST_DATA_DIR: opts.dataDir,
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let text = '';
  child.stderr.on('data', (d: Buffer) => {
    text += d.toString();
  });
  const exited = new Promise<ChildExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start:\n${text}`)),
      opts.startTimeoutMs ?? 60_000,
    );
    const onData = (): void => {
      const m = /FinEst Twin at (http:\/\/\S+)/.exec(text);
      if (!m) return;
      clearTimeout(timer);
      child.stderr.off('data', onData);
      resolve(m[1]!);
    };
    child.stderr.on('data', onData);
    void exited.then((e) => {
      clearTimeout(timer);
      reject(new ServerExitedError(e, text));
    });
  });
  return {
    url,
    pid: child.pid!,
    stderr: () => text,
    exited,
    kill: (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}

/** The server exited before it listened: its exit code and what it said. */
export class ServerExitedError extends Error {
  constructor(
    readonly exit: ChildExit,
    readonly stderr: string,
  ) {
    super(`the server exited (${exit.code ?? exit.signal}) before listening:\n${stderr}`);
  }
}
