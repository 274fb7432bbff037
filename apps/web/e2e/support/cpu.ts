// CPU time of the browser, from the processes themselves: every descendant of this test
// process (Chromium's browser, GPU, renderer and utility processes) read from /proc (Linux),
// so the figure is what the browser burns, not what the page reports about itself.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ on Linux

function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which is in parentheses and may hold spaces
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

/** s of CPU used so far by every process below `root` (default: this process). */
export function descendantsCpuS(root = process.pid): number {
  const all = new Map<number, { ppid: number; ticks: number }>();
  for (const e of readdirSync('/proc')) {
    const pid = Number(e);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s) all.set(pid, s);
  }
  const below = new Set<number>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of all)
      if (!below.has(pid) && below.has(s.ppid)) {
        below.add(pid);
        grew = true;
      }
  }
  let ticks = 0;
  for (const pid of below) if (pid !== root) ticks += all.get(pid)?.ticks ?? 0;
  return ticks / TICKS_PER_S;
}

/** Fraction of one core the browser used over `ms` of waiting. */
export async function browserCpuShare(ms: number): Promise<number> {
  const c0 = descendantsCpuS();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  return (descendantsCpuS() - c0) / ((performance.now() - t0) / 1000);
}
