// The aggregate from results alone: nearest-rank percentiles, hours with shedding over seeds,
// worst runs in a fixed order, failures grouped by reason — and the same bytes whatever order
// the results were stored in.
import { describe, expect, it } from 'vitest';
import type { SweepRunRow } from '@finest/protocol';
import { aggregateSweep } from './aggregate.ts';
import type { AggregateLayout } from './layout.ts';

const key = (k: number): string => k.toString(16).padStart(64, '0');

function plan(hours: number[], seeds: number[]): AggregateLayout {
  const jobs = hours.flatMap((hour, h) =>
    seeds.map((seed, s) => ({
      seq: h * seeds.length + s,
      key: key(h * seeds.length + s + 1),
      cell: 0,
      hour,
      seed,
    })),
  );
  return {
    head: {
      id: 'sw-test',
      title: 't',
      scenarios: [{ id: 's', title: 'S' }],
      hours,
      seeds,
      variants: [{ label: 'as written', values: {} }],
      jobs: jobs.length,
      engineVersion: 1,
    },
    cells: [{ scenarioId: 's', title: 'S', variant: { label: 'as written', values: {} } }],
    jobs,
    profileStart: '2015-01-01T00:00:00Z',
  };
}

function row(
  k: number,
  hour: number,
  seed: number,
  ens: number,
  peak: number,
  nadir: number | null,
  error?: string,
): SweepRunRow {
  return {
    key: key(k),
    scenarioId: 's',
    variant: 'as written',
    hour,
    seed,
    status: error ? 'failed' : 'done',
    error: error ?? null,
    startTime: '',
    energyNotServedMWh: ens,
    peakShedMW: peak,
    nadirHz: nadir,
    nadirArea: nadir === null ? null : 'nordic',
    branchesTripped: 0,
    nonConvergedSteps: 0,
    countries: error
      ? {}
      : { FI: { energyNotServedMWh: ens, peakShedMW: peak, peopleAffected: 0, icsScale: 0 } },
  };
}

describe('aggregateSweep', () => {
  const p = plan([0, 1, 2, 3, 4], [1, 2]);
  const rows = [
    row(1, 0, 1, 0, 0, 49.9),
    row(2, 0, 2, 0, 0, 49.8),
    row(3, 1, 1, 10, 100, 49.5),
    row(4, 1, 2, 0, 0, 49.9),
    row(5, 2, 1, 5, 300, 49.6),
    row(6, 2, 2, 5, 50, 49.2),
    row(7, 3, 1, 0, 0, null, 'boom'),
    row(8, 3, 2, 0, 0, null, 'boom'),
    row(9, 4, 1, 1, 10, 49.7),
    // job 10 (hour 4, seed 2) has no result yet
  ];

  it('summarises per scenario and variant', () => {
    const r = aggregateSweep(p, new Map(rows.map((x) => [x.key, x])));
    expect(r.complete).toBe(false);
    const g = r.aggregates[0]!;
    expect([g.runs, g.done, g.failed]).toEqual([10, 7, 2]);
    expect(g.failures).toEqual([{ reason: 'boom', count: 2, hours: [3] }]);
    // ENS of the done runs: 0 0 10 0 5 5 1 → sorted 0 0 0 1 5 5 10
    expect(g.energyNotServedMWh).toEqual({ expected: 3, p50: 1, p95: 10, max: 10 });
    // hours with a result: 0 1 2 4; with shedding in any seed: 1 2 4
    expect([g.hours, g.hoursWithShedding, g.shareOfHoursWithShedding]).toEqual([4, 3, 0.75]);
    expect(g.peakShedMW).toEqual({ max: 300, hour: 2, seed: 1 });
    expect(g.worstNadir).toEqual({ hz: 49.2, area: 'nordic', hour: 2, seed: 2 });
    expect(g.worstHours.map((w) => [w.hour, w.seed])).toEqual([
      [1, 1],
      [2, 1],
      [2, 2],
      [4, 1],
      [0, 2],
      [0, 1],
      [1, 2],
    ]);
    expect(g.worstHours[0]!.time).toBe('2015-01-01T01:00:00.000Z');
  });

  it('gives the same bytes whatever order the results came in', () => {
    const a = JSON.stringify(aggregateSweep(p, new Map(rows.map((x) => [x.key, x]))));
    const b = JSON.stringify(
      aggregateSweep(p, new Map([...rows].reverse().map((x) => [x.key, x]))),
    );
    expect(b).toBe(a);
  });
});
