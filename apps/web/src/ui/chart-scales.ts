// What the run's charts (Charts.tsx) and the A/B overlay (CompareCharts.tsx) share: the value
// range of each kind of chart, its tick labels and the line through a series' points.
import { line, type Line, type ScaleLinear } from 'd3';

export type ChartKind = 'shed' | 'frequency' | 'estlink';

/**
 * The y range of a chart: the values', widened to at least 49.9–50.1 Hz for frequency (so a
 * quiet run is not a wild zoom into noise), 0–10 MW for shed and 0–100 MW for the transfers.
 */
export function yDomain(kind: ChartKind, values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (kind === 'frequency')
    return [Math.min(lo === Infinity ? 50 : lo, 49.9), Math.max(hi === -Infinity ? 50 : hi, 50.1)];
  return [
    Math.min(lo === Infinity ? 0 : lo, 0),
    Math.max(hi === -Infinity ? 1 : hi, kind === 'shed' ? 10 : 100),
  ];
}

/** y tick labels: Hz to two decimals, MW as they come */
export const yTickFormat =
  (kind: ChartKind) =>
  (v: number | { valueOf(): number }): string =>
    kind === 'frequency' ? Number(v).toFixed(2) : String(v);

/** the path through [t, value] points, with a gap where a value is missing */
export function seriesLine(
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): Line<[number, number]> {
  return line<[number, number]>()
    .defined((p) => Number.isFinite(p[1]))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
}
