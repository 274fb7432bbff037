// Watches the server process from outside, once a second, through Linux /proc: resident memory
// (VmRSS, and the kernel's own peak VmHWM), CPU time, and whether the process still exists.
// Without a pid (a server started elsewhere and no --pid) it samples nothing.
import { readFileSync } from 'node:fs';

export interface ProcSample {
  /** s since the load started */
  tS: number;
  rssMB: number;
  /** s of CPU (user + system) used so far */
  cpuS: number;
}

/** clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux) */
const USER_HZ = 100;

function readStatus(pid: number): { rssMB: number; hwmMB: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kB = (field: string): number =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rssMB: kB('VmRSS') / 1024, hwmMB: kB('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** state letter and CPU seconds; undefined once the process is gone */
function readStat(pid: number): { state: string; cpuS: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // after "pid (comm) ": state ppid … utime (14th field) stime (15th)
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: f[0]!, cpuS: (Number(f[11]) + Number(f[12])) / USER_HZ };
  } catch {
    return undefined;
  }
}

export class ServerSampler {
  readonly samples: ProcSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private t0 = 0;
  /** first moment the process was seen gone, s */
  diedAtS: number | undefined;

  constructor(readonly pid: number | undefined) {}

  get enabled(): boolean {
    return this.pid !== undefined;
  }

  start(everyMs = 1000): void {
    this.t0 = performance.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }

  /** the process exists and is not a zombie */
  alive(): boolean {
    if (this.pid === undefined) return true;
    const s = readStat(this.pid);
    return s !== undefined && s.state !== 'Z' && s.state !== 'X';
  }

  /** resident size now, MB (NaN without a pid or a process) */
  rssMB(): number {
    return this.pid === undefined ? NaN : (readStatus(this.pid)?.rssMB ?? NaN);
  }

  /** the kernel's peak resident size of the process, MB */
  peakMB(): number {
    return this.pid === undefined ? NaN : (readStatus(this.pid)?.hwmMB ?? NaN);
  }

  /** the sample nearest to tS */
  at(tS: number): ProcSample | undefined {
    let best: ProcSample | undefined;
    for (const s of this.samples)
      if (!best || Math.abs(s.tS - tS) < Math.abs(best.tS - tS)) best = s;
    return best;
  }

  private sample(): void {
    if (this.pid === undefined) return;
    const tS = (performance.now() - this.t0) / 1000;
    const status = readStatus(this.pid);
    const stat = readStat(this.pid);
    if (!status || !stat || !this.alive()) {
      this.diedAtS ??= tS;
      return;
    }
    this.samples.push({ tS, rssMB: status.rssMB, cpuS: stat.cpuS });
  }
}
