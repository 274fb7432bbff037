// Scenario time: t (s from the start) ↔ wall-clock time and the hour of the profile year.
// Hourly profile values are means over the hour, so a value at time t is interpolated
// linearly between the centres of the hours around it.
import { hourOf, type HourlyProfile } from '@finest/grid';
import type { Scenario } from '../schema/scenario.ts';

export interface ScenarioClock {
  /** ms since the epoch at t = 0 */
  startMs: number;
  /** hour of the profile year at t = 0, fractional */
  startHour: number;
  /** whole profile hour used for the starting snapshot */
  snapshotHour: number;
}

export function scenarioClock(scenario: Scenario, profile: HourlyProfile): ScenarioClock {
  const profileStart = Date.parse(profile.start);
  if ('hour' in scenario.start) {
    const snapshotHour = hourOf(scenario.start.hour, profile.hours);
    return {
      startMs: profileStart + snapshotHour * 3_600_000,
      startHour: snapshotHour,
      snapshotHour,
    };
  }
  const startMs = Date.parse(scenario.start.time);
  const snapshotHour = hourOf(scenario.start.time, profile.hours);
  const intoHour = (((startMs % 3_600_000) + 3_600_000) % 3_600_000) / 3_600_000;
  return { startMs, startHour: snapshotHour + intoHour, snapshotHour };
}

/** Value of an hourly series at a fractional hour of the year (wrapping at the year's end). */
export function profileAt(series: readonly number[], hour: number): number {
  const n = series.length;
  const x = hour - 0.5;
  const h0 = Math.floor(x);
  const w = x - h0;
  const at = (h: number): number => series[((h % n) + n) % n]!;
  return (1 - w) * at(h0) + w * at(h0 + 1);
}

/**
 * The moments of a run where the planned (profile) demand can peak: its start, its end and
 * every hour centre between (the profile is linear between centres, so its extremes are there).
 * s from the start, ascending.
 */
export function profileKnotsWithin(clock: ScenarioClock, durationS: number): number[] {
  const out = [0];
  // hour centres sit at h + 0.5; the first one after the start
  const firstCentre = Math.floor(clock.startHour - 0.5) + 1.5;
  for (let h = firstCentre; (h - clock.startHour) * 3600 < durationS; h++) {
    const at = (h - clock.startHour) * 3600;
    if (at > 0) out.push(at);
  }
  if (durationS > 0) out.push(durationS);
  return out;
}

const CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Local time (Europe/Helsinki, as Tallinn) as HH:MM:SS. */
export function clockText(clock: ScenarioClock, t: number): string {
  return CLOCK.format(new Date(clock.startMs + Math.round(t * 1000)));
}
