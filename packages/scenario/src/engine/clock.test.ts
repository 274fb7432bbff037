// Where a run's planned demand can peak: the hour centres of the profile between start and end.
import { describe, expect, it } from 'vitest';
import { profileKnotsWithin, type ScenarioClock } from './clock.ts';

const at = (startHour: number): ScenarioClock => ({ startMs: 0, startHour, snapshotHour: 0 });

describe('profileKnotsWithin', () => {
  it('gives the start, every hour centre inside the run and its end', () => {
    // 17:00 start: centres at 17:30, 18:30, 19:30; a 2 h 10 min run ends at 19:10
    expect(profileKnotsWithin(at(17), 7800)).toEqual([0, 1800, 5400, 7800]);
  });

  it('does not repeat a centre that falls on the start', () => {
    expect(profileKnotsWithin(at(17.5), 3600)).toEqual([0, 3600]);
  });

  it('is the start alone for a run of no length', () => {
    expect(profileKnotsWithin(at(3.25), 0)).toEqual([0]);
  });
});
