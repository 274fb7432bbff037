// The heatmap's cells: day × hour of day from the profile hour, the mean over seeds, failures
// marked, the worst run chosen to open.
import { describe, expect, it } from 'vitest';
import type { SweepRunRow } from '@finest/protocol';
import { heatGrid } from './heatmap-data.ts';

const row = (
  hour: number,
  seed: number,
  ens: number,
  status: 'done' | 'failed' = 'done',
): SweepRunRow => ({
  key: `${hour}-${seed}`.padEnd(64, '0'),
  scenarioId: 's',
  variant: 'v',
  hour,
  seed,
  status,
  error: status === 'failed' ? 'x' : null,
  startTime: '',
  energyNotServedMWh: ens,
  peakShedMW: ens * 10,
  nadirHz: 49.9,
  nadirArea: 'nordic',
  branchesTripped: 0,
  nonConvergedSteps: 0,
  countries: {},
});

describe('heatGrid', () => {
  it('places hours by day and hour of day and averages the seeds', () => {
    const rows = [
      row(0, 1, 0),
      row(25, 1, 4),
      row(25, 2, 2),
      row(8759, 1, 1),
      { ...row(1, 1, 9), variant: 'other' },
    ];
    const g = heatGrid(rows, 's', 'v', '2015-01-01T00:00:00Z');
    expect(g.days).toBe(365);
    expect(g.cells.map((c) => [c.day, c.hourOfDay, c.ensMWh])).toEqual([
      [0, 0, 0],
      [1, 1, 3],
      [364, 23, 1],
    ]);
    expect(g.maxEnsMWh).toBe(3);
    expect(g.cells[1]!.openKey).toBe(row(25, 1, 4).key);
    expect(g.cells[1]!.peakShedMW).toBe(40);
    expect(g.cells[1]!.time).toBe('2015-01-02T01:00:00.000Z');
  });

  it('marks failures and opens a finished run when there is one', () => {
    const g = heatGrid([row(5, 1, 0, 'failed'), row(5, 2, 1)], 's', 'v', '2015-01-01T00:00:00Z');
    expect(g.cells[0]).toMatchObject({ runs: 2, failed: 1, ensMWh: 1, openKey: row(5, 2, 1).key });
    const all = heatGrid([row(5, 1, 0, 'failed')], 's', 'v', '2015-01-01T00:00:00Z');
    expect(all.cells[0]!.ensMWh).toBeNull();
  });

  it('follows a profile that does not start at midnight UTC', () => {
    const g = heatGrid([row(0, 1, 0), row(2, 1, 0)], 's', 'v', '2014-12-31T22:00:00Z');
    expect(g.cells.map((c) => [c.day, c.hourOfDay])).toEqual([
      [0, 22],
      [1, 0],
    ]);
  });
});
