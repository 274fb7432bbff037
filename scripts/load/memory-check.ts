// Is the server's memory flat under load? Resident memory at the start of the load, after the
// warm-up and at the end, its peak, the least-squares slope over the second half of the test
// (the first half holds the ramp, JIT warm-up and the heap growing to its working size), and
// the verdict.
//
// The verdict is not taken on the fitted slope: V8 lets the old generation fill up to a limit
// before its first full collection under load (with 200 viewers about 30 s in, RSS climbing
// ~2.5 MB/s and then falling by 25–40 MB; the heap after each full GC stays at ~31 MB from
// then on, `node --trace-gc`), so the slope of one minute depends on where that single drop
// falls. What a leak raises is the floor, the least memory the server needs from then on:
//
//          second half                       floor growth =
//   RSS │   /\                   ..·´           min(RSS over the last 10 %)
//       │  /  \___________  ..·´ ← leak        − min(RSS over the second half)
//       │ /                                    (≥ 0; ~0 when flat)
//       └──────────┬──────────────── t
//                 mid
//
// The limit on that growth is the larger of 16 MB and 10 % of the RSS after the warm-up: a
// settled server wanders by ~5 MB as malloc and V8 resize their arenas, and 10 % scales that to a
// bigger working set. It is a limit on growth, so a longer test catches slower leaks (60 s: about
// 40 MB/min and more; 10 min: about 4 MB/min). A second half shorter than 20 s is still the heap
// growing to its working size, so a test under 40 s reports memory but does not judge it.
import { slope } from './stats.ts';
import type { ServerSampler } from './server-sampler.ts';

export const MEMORY_LIMIT = {
  floorMB: 16,
  fractionOfWarm: 0.1,
  minHalfS: 20,
  /** share of the test at its end whose least RSS is the final floor (at least 5 s) */
  endShare: 0.1,
};

export interface MemoryReport {
  startMB: number;
  afterWarmupMB: number;
  endMB: number;
  /** largest 1-s sample during the load */
  peakMB: number;
  /** the kernel's peak (VmHWM) over the server's whole life, run computation included */
  peakKernelMB: number;
  /** least-squares slope over the second half */
  secondHalfSlopeMBPerMin: number;
  /** least RSS over the end of the test minus least RSS over the second half (see above) */
  floorGrowthMB: number;
  limitMB: number;
  /** false: the test was too short to judge */
  judged: boolean;
  grewTooMuch: boolean;
  /** % of one core the server used during the load */
  serverCpuPct: number;
  /** [s into the load, RSS MB] every second */
  series: [number, number][];
}

export function memoryReport(
  sampler: ServerSampler,
  warmupS: number,
  durationS: number,
): MemoryReport | undefined {
  const all = sampler.samples.filter((s) => s.tS <= durationS + 1.5);
  if (all.length < 2) return undefined;
  const first = all[0]!;
  const last = all[all.length - 1]!;
  const warm = sampler.at(warmupS)!;
  const half = all.filter((s) => s.tS >= durationS / 2);
  const endFrom = durationS - Math.max(5, MEMORY_LIMIT.endShare * durationS);
  const least = (xs: { rssMB: number }[]): number => Math.min(...xs.map((s) => s.rssMB));
  const floorGrowth = least(half.filter((s) => s.tS >= endFrom)) - least(half);
  const limit = Math.max(MEMORY_LIMIT.floorMB, MEMORY_LIMIT.fractionOfWarm * warm.rssMB);
  const judged = durationS / 2 >= MEMORY_LIMIT.minHalfS;
  return {
    startMB: first.rssMB,
    afterWarmupMB: warm.rssMB,
    endMB: last.rssMB,
    peakMB: Math.max(...all.map((s) => s.rssMB)),
    peakKernelMB: sampler.peakMB(),
    secondHalfSlopeMBPerMin:
      slope(
        half.map((s) => s.tS),
        half.map((s) => s.rssMB),
      ) * 60,
    floorGrowthMB: floorGrowth,
    limitMB: limit,
    judged,
    grewTooMuch: judged && floorGrowth > limit,
    serverCpuPct: (100 * (last.cpuS - first.cpuS)) / (last.tS - first.tS),
    series: all.map((s) => [Math.round(s.tS * 10) / 10, Math.round(s.rssMB * 10) / 10]),
  };
}
