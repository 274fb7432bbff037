// The sweep heatmap's data: one cell per day of the profile year (columns) and hour of the day
// (rows), for one scenario and variant. A cell holds the runs of that hour (one per seed): its
// value is their mean energy not served, it is marked when any failed, and a click opens its
// worst run. Pure, so it is tested without a browser.
import type { SweepRunRow } from '@finest/protocol';

export interface HeatCell {
  /** day of the profile year, 0-based (column) */
  day: number;
  /** hour of the day in UTC, 0–23 (row) */
  hourOfDay: number;
  /** hour of the profile year */
  hour: number;
  /** ISO date-time of the hour */
  time: string;
  /** MWh, the mean over the runs that finished; null when none did */
  ensMWh: number | null;
  /** MW, the largest peak shed of its runs */
  peakShedMW: number;
  runs: number;
  failed: number;
  /** the run a click opens: the one with most energy not served (a finished one if any) */
  openKey: string;
}

export interface HeatGrid {
  days: number;
  cells: HeatCell[];
  /** MWh, the largest cell value (0 when nothing was shed) */
  maxEnsMWh: number;
}

/** Rows of one scenario and variant → cells, in hour order. */
export function heatGrid(
  rows: readonly SweepRunRow[],
  scenarioId: string,
  variant: string,
  profileStart: string,
  hoursInYear = 8760,
): HeatGrid {
  const t0 = Date.parse(profileStart);
  const byHour = new Map<number, SweepRunRow[]>();
  for (const r of rows) {
    if (r.scenarioId !== scenarioId || r.variant !== variant) continue;
    const list = byHour.get(r.hour) ?? [];
    list.push(r);
    byHour.set(r.hour, list);
  }
  const startHourOfDay = new Date(t0).getUTCHours();
  let maxEns = 0;
  const cells = [...byHour.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([hour, runs]): HeatCell => {
      const done = runs.filter((r) => r.status === 'done');
      const ens = done.length
        ? done.reduce((s, r) => s + r.energyNotServedMWh, 0) / done.length
        : null;
      if (ens !== null) maxEns = Math.max(maxEns, ens);
      const worst = [...(done.length ? done : runs)].sort(
        (a, b) => b.energyNotServedMWh - a.energyNotServedMWh || a.seed - b.seed,
      )[0]!;
      const sinceMidnight = hour + startHourOfDay;
      return {
        day: Math.floor(sinceMidnight / 24),
        hourOfDay: sinceMidnight % 24,
        hour,
        time: new Date(t0 + hour * 3_600_000).toISOString(),
        ensMWh: ens,
        peakShedMW: Math.max(0, ...done.map((r) => r.peakShedMW)),
        runs: runs.length,
        failed: runs.length - done.length,
        openKey: worst.key,
      };
    });
  return { days: Math.ceil((hoursInYear + startHourOfDay) / 24), cells, maxEnsMWh: maxEns };
}
