// Is the load client itself keeping up? Its CPU use and event-loop delay over the test. A
// client whose loop stalls delivers frames late to itself, and the stall shows up as server
// lag that is not there; the report warns when that may be the case.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ClientHealth {
  /** % of one core used by this process */
  cpuPct: number;
  /** ms by which timers in this process ran late */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  rssMB: number;
}

/** above this, the client's own delay distorts the lag percentiles */
export const CLIENT_SATURATED = { cpuPct: 85, loopDelayP99Ms: 50 };

export function watchClient(): { stop(): ClientHealth } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return {
    stop(): ClientHealth {
      histogram.disable();
      const cpu = process.cpuUsage(cpu0);
      const wallUs = (performance.now() - t0) * 1000;
      return {
        cpuPct: (100 * (cpu.user + cpu.system)) / wallUs,
        loopDelayP50Ms: histogram.percentile(50) / 1e6,
        loopDelayP99Ms: histogram.percentile(99) / 1e6,
        loopDelayMaxMs: histogram.max / 1e6,
        rssMB: process.memoryUsage.rss() / 2 ** 20,
      };
    },
  };
}

export function clientSaturated(h: ClientHealth): boolean {
  return h.cpuPct > CLIENT_SATURATED.cpuPct || h.loopDelayP99Ms > CLIENT_SATURATED.loopDelayP99Ms;
}
