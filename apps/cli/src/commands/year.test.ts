// finest year: the base case through the year on the bundled network (a sample of hours here;
// the whole year is in docs/validation.md), and --hours specs refused with the bad part named.
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../main.ts';
import { parseHoursSpec } from '../hours-spec.ts';
import { CliError } from '../cli-error.ts';

const capture = (): Io & { text: { out: string; err: string } } => {
  const text = { out: '', err: '' };
  return { text, out: (t) => void (text.out += t), err: (t) => void (text.err += t) };
};

describe('finest year', () => {
  it('scans sampled hours: all converge, no branch above its rating, Helsinki at its calibrated peak', async () => {
    const io = capture();
    // the 2015 peak hour (510) and one hour a week
    expect(await main(['year', '--hours', '0-8759:168,510', '--json'], io)).toBe(0);
    const r = JSON.parse(io.text.out) as {
      hours: number;
      converged: number;
      hoursWithOverload: number;
      mostLoaded: { id: string; maxLoadingPct: number }[];
      cities: { name: string; peakMW: number; peakHour: number; record: { peak: number } }[];
    };
    expect(r.hours).toBe(54);
    expect(r.converged).toBe(54);
    expect(r.hoursWithOverload).toBe(0);
    expect(r.mostLoaded).toHaveLength(10);
    const hel = r.cities.find((c) => c.name === 'Helsinki')!;
    expect(hel.peakHour).toBe(510);
    // within ±15 % of the recorded 817 MW (facts D04)
    expect(Math.abs(hel.peakMW / hel.record.peak - 1)).toBeLessThan(0.15);
  });

  it('refuses a bad --hours or --topology with exit code 2', async () => {
    for (const bad of [
      ['--hours', '9000'],
      ['--hours', '5-1'],
      ['--topology', 'x'],
    ]) {
      const io = capture();
      expect(await main(['year', ...bad], io)).toBe(2);
      expect(io.text.err).toMatch(/finest year: /);
    }
  });
});

describe('--hours specs', () => {
  it('reads lists, ranges and steps, and names the bad part', () => {
    expect(parseHoursSpec('497,510', 8760)).toEqual([497, 510]);
    expect(parseHoursSpec('0-10:5,3', 8760)).toEqual([0, 3, 5, 10]);
    expect(parseHoursSpec('all', 24)).toHaveLength(24);
    expect(() => parseHoursSpec('1,,2', 8760)).toThrow(CliError);
    expect(() => parseHoursSpec('8760', 8760)).toThrow(/outside the profile/);
    expect(() => parseHoursSpec('a-b', 8760)).toThrow(/"a-b"/);
    expect(() => parseHoursSpec('0-10:0', 8760)).toThrow(/step/);
  });
});
