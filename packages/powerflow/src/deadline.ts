// A wall-clock budget for one solve or one N-1 run. It is read only at iteration boundaries
// (once per Newton iteration, once per block of contingencies), never inside the numeric
// kernels, so an unlimited solve pays nothing and a limited one one clock read per step. The
// clock can be injected, so tests make time jump instead of timing real work.
import { PowerflowInputError } from './errors.ts';

export interface Deadline {
  /** the budget it was started with, ms */
  readonly limitMs: number;
  /** ms used so far */
  elapsed(): number;
  /** true once more than limitMs has passed */
  expired(): boolean;
}

const wallClock = (): number => performance.now();

/** null when there is no limit (undefined or +Infinity). */
export function startDeadline(
  limitMs: number | undefined,
  now: () => number = wallClock,
): Deadline | null {
  if (limitMs === undefined || limitMs === Infinity) return null;
  if (!(limitMs >= 0)) {
    throw new PowerflowInputError(`timeLimitMs must be a number ≥ 0, got ${limitMs}`);
  }
  const start = now();
  return {
    limitMs,
    elapsed: () => now() - start,
    expired: () => now() - start > limitMs,
  };
}

/** "3 iterations", "1 iteration" */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
