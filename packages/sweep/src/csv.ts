// A sweep's runs as CSV, one row per run in plan order (`finest sweep --csv`, GET
// /api/sweeps/:id/export.csv): the scenario, variant, hour and its time, seed, status, energy
// not served and peak shed in total and per country, the frequency nadir, trips, and why a
// run failed. Countries are the union over the rows, in alphabetical order.
import type { SweepRunRow } from '@finest/protocol';

const cell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function* sweepCsvLines(
  rows: readonly SweepRunRow[],
  profileStart: string,
): Generator<string> {
  const countries = [...new Set(rows.flatMap((r) => Object.keys(r.countries)))].sort();
  const t0 = Date.parse(profileStart);
  yield [
    'scenario',
    'variant',
    'hour',
    'time',
    'seed',
    'status',
    'energy_not_served_mwh',
    'peak_shed_mw',
    ...countries.flatMap((c) => [`energy_not_served_${c}_mwh`, `peak_shed_${c}_mw`]),
    'nadir_hz',
    'nadir_area',
    'branches_tripped',
    'non_converged_steps',
    'error',
    'key',
  ].join(',');
  for (const r of rows)
    yield [
      r.scenarioId,
      r.variant,
      r.hour,
      new Date(t0 + r.hour * 3_600_000).toISOString(),
      r.seed,
      r.status,
      r.energyNotServedMWh,
      r.peakShedMW,
      ...countries.flatMap((c) => [
        r.countries[c]?.energyNotServedMWh ?? null,
        r.countries[c]?.peakShedMW ?? null,
      ]),
      r.nadirHz,
      r.nadirArea,
      r.branchesTripped,
      r.nonConvergedSteps,
      r.error,
      r.key,
    ]
      .map(cell)
      .join(',');
}
