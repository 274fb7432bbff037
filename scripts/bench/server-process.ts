// Benchmark support: the server as a child process (its own heap, so its memory is measured
// alone) on an ephemeral loopback port with a temporary data directory, and its resident
// memory read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../apps/server/bin/finest-server.mjs', import.meta.url));

export interface ServerProcess {
  url: string;
  pid: number;
  /** MB: resident now and peak so far (Linux /proc; NaN elsewhere) */
  memory(): { rssMB: number; peakMB: number };
  stop(): Promise<void>;
}

function procStatusMB(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export async function startServerProcess(): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'finest-bench-'));
  const child: ChildProcess = spawn(process.execPath, [BIN], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      FINEST_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${text}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /FinEst Twin at (http:\/\/\S+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${text}`)));
  });
  const pid = child.pid!;
  return {
    url,
    pid,
    memory: () => ({ rssMB: procStatusMB(pid, 'VmRSS'), peakMB: procStatusMB(pid, 'VmHWM') }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
