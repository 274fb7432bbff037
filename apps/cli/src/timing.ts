// Repeated timing for --repeat: one warm-up run, then the median of N runs.

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` once to warm up, then `repeat` times; returns the median in ms. */
export function medianTime(repeat: number, fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let k = 0; k < repeat; k++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export const round3 = (ms: number): number => Math.round(ms * 1000) / 1000;
