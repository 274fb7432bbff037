// Benchmark support: the server as a child process (its own heap, so its memory is measured
// alone; started by the fault tests' startServerChild) on an ephemeral loopback port with a
// temporary data directory, and its resident memory read from /proc.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerChild } from '../../apps/server/src/testing/server-child.ts';

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
  const child = await startServerChild({ dataDir }).catch((err: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  const { pid } = child;
  return {
    url: child.url,
    pid,
    memory: () => ({ rssMB: procStatusMB(pid, 'VmRSS'), peakMB: procStatusMB(pid, 'VmHWM') }),
    stop: async () => {
      await child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
