// CPU time of the browser, from the processes themselves: every Chromium process below this
// one (browser, GPU, renderer, utility, zygote) read from /proc (Linux), so the
// figure is what the browser burns, not what the page reports about itself. CPU time, not
// wall time: on a loaded machine an idle page does not look busier for waiting its turn, and
// a continuous render loop shows up in the renderer (scene, WebGL calls) and the GPU process
// (SwiftShader rasterising) however slowly its frames come.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ on Linux

/** the kinds of Chromium process, from its --type= switch (none: the browser process) */
export type ProcessKind = 'browser' | 'renderer' | 'gpu' | 'other';
export type CpuByKind = Record<ProcessKind, number>;

interface Proc {
  ppid: number;
  ticks: number;
  kind: ProcessKind;
}

/** null: not a Chromium process (esbuild's service, a worker of the test runner) */
function kindOf(pid: number): ProcessKind | null {
  try {
    // Chromium rewrites its process title: the switches may be joined by spaces, not NULs
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = args.find((a) => a.startsWith('--type='))?.slice(7);
    if (!/chrom/.test(args[0] ?? '')) return null;
    if (type === undefined) return 'browser';
    if (type === 'renderer') return 'renderer';
    if (type === 'gpu-process') return 'gpu';
    return 'other';
  } catch {
    return 'other';
  }
}

function read(pid: number): Omit<Proc, 'kind'> | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which is in parentheses and may hold spaces
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // utime + stime of the process itself (its exited children are not counted)
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null; // exited between readdir and read
  }
}

/** s of CPU used so far by every process below `root` (default: this process), by kind. */
export function descendantsCpu(root = process.pid): CpuByKind {
  const all = new Map<number, Omit<Proc, 'kind'>>();
  for (const e of readdirSync('/proc')) {
    const pid = Number(e);
    if (!Number.isInteger(pid)) continue;
    const s = read(pid);
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
  const out: CpuByKind = { browser: 0, renderer: 0, gpu: 0, other: 0 };
  for (const pid of below) {
    const kind = pid === root ? null : kindOf(pid);
    if (kind) out[kind] += (all.get(pid)?.ticks ?? 0) / TICKS_PER_S;
  }
  return out;
}

export interface CpuShare extends CpuByKind {
  /** all the browser's processes together */
  total: number;
}

/**
 * Fraction of one core each kind of browser process used over `ms` of waiting (CPU s per
 * wall s). A process that starts or exits in between counts from 0 or to its last reading.
 */
export async function browserCpuShare(ms: number): Promise<CpuShare> {
  const c0 = descendantsCpu();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const c1 = descendantsCpu();
  const s = (performance.now() - t0) / 1000;
  const share = (k: ProcessKind): number => Math.max(0, c1[k] - c0[k]) / s;
  const out = { browser: share('browser'), renderer: share('renderer'), gpu: share('gpu') };
  const other = share('other');
  return { ...out, other, total: out.browser + out.renderer + out.gpu + other };
}

/** "3.1 % (renderer 1.2, GPU 1.5, browser 0.4, other 0.0)" */
export function formatShare(c: CpuShare): string {
  const p = (v: number): string => (100 * v).toFixed(1);
  return `${p(c.total)} % of a core (renderer ${p(c.renderer)}, GPU ${p(c.gpu)}, browser ${p(c.browser)}, other ${p(c.other)})`;
}
