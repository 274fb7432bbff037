// The aggregate of a sweep per scenario and variant, from the stored results alone. It is a
// function of the plan and the set of results, read in plan order, with fixed rounding and
// tie-breaks — never of which worker computed what or when — so the same sweep gives the same
// bytes in-process and on any number of Redis workers.
import type { SweepGroup, SweepResult, SweepRunRow, SweepWorstRunSchema } from '@finest/protocol';
import type { z } from 'zod';
import type { AggregateLayout } from './layout.ts';

type WorstRun = z.infer<typeof SweepWorstRunSchema>;

const WORST = 10;
/** hours listed per failure reason */
const FAILURE_HOURS = 10;

const r3 = (x: number): number => Number(x.toFixed(3));
const r4 = (x: number): number => Number(x.toFixed(4));

/** Nearest-rank percentile of ascending values (no interpolation: a value some run had). */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function distribution(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of values) sum += v;
  return {
    expected: r3(sum / values.length),
    p50: r3(percentile(sorted, 50)),
    p95: r3(percentile(sorted, 95)),
    max: r3(sorted[sorted.length - 1]!),
  };
}

const sheds = (r: SweepRunRow): boolean => r.energyNotServedMWh > 0 || r.peakShedMW > 0;

/** Worst first: most energy not served, then peak shed, then lowest nadir, then hour, seed. */
function worse(a: SweepRunRow, b: SweepRunRow): number {
  return (
    b.energyNotServedMWh - a.energyNotServedMWh ||
    b.peakShedMW - a.peakShedMW ||
    (a.nadirHz ?? Infinity) - (b.nadirHz ?? Infinity) ||
    a.hour - b.hour ||
    a.seed - b.seed
  );
}

/** `rows` by job key; jobs without a row are not finished yet (complete: false). */
export function aggregateSweep(
  plan: AggregateLayout,
  rows: ReadonlyMap<string, SweepRunRow>,
): SweepResult {
  const byCell = plan.cells.map(() => [] as SweepRunRow[]);
  const planned = plan.cells.map(() => 0);
  let finished = 0;
  for (const job of plan.jobs) {
    planned[job.cell]!++;
    const row = rows.get(job.key);
    if (!row) continue;
    finished++;
    // a row is stored once per key; the plan's scenario id and variant label are the ones
    // shown (another sweep may have stored the same run under the same key)
    byCell[job.cell]!.push(row);
  }
  const timeOf = (h: number): string =>
    new Date(Date.parse(plan.profileStart) + h * 3_600_000).toISOString();

  const aggregates = plan.cells.map((cell, c): SweepGroup => {
    const all = byCell[c]!;
    const done = all.filter((r) => r.status === 'done');
    const failed = all.filter((r) => r.status === 'failed');
    const reasons = new Map<string, number[]>();
    for (const r of failed) {
      const key = r.error ?? 'unknown';
      reasons.set(key, [...(reasons.get(key) ?? []), r.hour]);
    }
    const countries = [...new Set(done.flatMap((r) => Object.keys(r.countries)))].sort();
    const hoursDone = new Set(done.map((r) => r.hour));
    const hoursShed = new Set(done.filter(sheds).map((r) => r.hour));
    let peak: SweepRunRow | null = null;
    let nadir: SweepRunRow | null = null;
    for (const r of done) {
      if (peak === null || r.peakShedMW > peak.peakShedMW) peak = r;
      if (r.nadirHz !== null && (nadir === null || r.nadirHz < nadir.nadirHz!)) nadir = r;
    }
    const worst = [...done].sort(worse).slice(0, WORST);
    return {
      scenarioId: cell.scenarioId,
      title: cell.title,
      variant: cell.variant.label,
      variantValues: cell.variant.values,
      runs: planned[c]!,
      done: done.length,
      failed: failed.length,
      failures: [...reasons.entries()]
        .map(([reason, hours]) => ({
          reason,
          count: hours.length,
          hours: [...new Set(hours)].sort((a, b) => a - b).slice(0, FAILURE_HOURS),
        }))
        .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
      energyNotServedMWh: done.length ? distribution(done.map((r) => r.energyNotServedMWh)) : null,
      energyNotServedByCountryMWh: Object.fromEntries(
        countries.map((k) => [
          k,
          distribution(done.map((r) => r.countries[k]?.energyNotServedMWh ?? 0)),
        ]),
      ),
      hours: hoursDone.size,
      hoursWithShedding: hoursShed.size,
      shareOfHoursWithShedding: hoursDone.size ? r4(hoursShed.size / hoursDone.size) : 0,
      peakShedMW: {
        max: r3(peak?.peakShedMW ?? 0),
        hour: peak && peak.peakShedMW > 0 ? peak.hour : null,
        seed: peak && peak.peakShedMW > 0 ? peak.seed : null,
      },
      peakShedByCountryMW: Object.fromEntries(
        countries.map((k) => [
          k,
          r3(done.reduce((m, r) => Math.max(m, r.countries[k]?.peakShedMW ?? 0), 0)),
        ]),
      ),
      worstNadir:
        nadir === null
          ? null
          : {
              hz: r4(nadir.nadirHz!),
              area: nadir.nadirArea ?? '',
              hour: nadir.hour,
              seed: nadir.seed,
            },
      worstHours: worst.map((r): WorstRun => ({
        hour: r.hour,
        time: timeOf(r.hour),
        seed: r.seed,
        energyNotServedMWh: r3(r.energyNotServedMWh),
        peakShedMW: r3(r.peakShedMW),
        nadirHz: r.nadirHz === null ? null : r4(r.nadirHz),
        key: r.key,
      })),
    };
  });
  return { sweep: plan.head, complete: finished === plan.jobs.length, aggregates };
}
