// "The last entry at or before t" over anything sorted by time (a run's frame times, its event
// log, the first ticks of its stored chunks): one binary search for the server and the web app.
//
// Times in the twin are seconds from the scenario start, computed as sums of steps (0.2 s,
// 1 s, 60 s …) in float64 in one place and read back in another (a frame's t, a log entry's t),
// so the same moment can differ in the last bits. TIME_TOLERANCE_S says how close two times
// must be to count as the same moment: far above float64 rounding of any run length (a 24 h run
// at 86,400 s rounds at ~1e-11 s) and far below any interval the engine steps by on purpose (tenths of a
// second at the least).
// Integer keys (ticks) pass a tolerance of 0.

/** s: times this close are the same moment */
export const TIME_TOLERANCE_S = 1e-6;

/**
 * Index of the last of `count` entries, in non-decreasing order of `at(i)`, with
 * at(i) ≤ t + tolerance; −1 when t is before the first (or there are none). O(log count).
 */
export function lastIndexAtOrBefore(
  count: number,
  at: (i: number) => number,
  t: number,
  tolerance: number = TIME_TOLERANCE_S,
): number {
  const limit = t + tolerance;
  let lo = 0;
  let hi = count;
  // invariant: entries before lo are ≤ limit, entries from hi on are > limit
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
