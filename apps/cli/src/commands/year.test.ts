// finest year: the base case through the year on the bundled network (a sample of hours here;
// the whole year is in docs/validation.md), and --hours specs refused with the bad part named.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../io.ts';
import { main } from '../main.ts';
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

describe('N-1 at the 2015 peak', () => {
  it('no single 400 kV line outage overloads a branch, loses load or breaks a voltage limit', async () => {
    const peak = join(mkdtempSync(join(tmpdir(), 'finest-n1-')), 'peak.json');
    expect(await main(['snapshot', '--hour', '510', '--out', peak], capture())).toBe(0);
    const io = capture();
    await main(['n1', peak, '--ac', '--json'], io);
    const r = JSON.parse(io.text.out) as {
      contingencies: {
        branch: number;
        converged: boolean;
        n_overloads: number;
        n_voltage_violations: number;
        lost_load_MW: number;
      }[];
    };
    const net = JSON.parse(readFileSync(peak, 'utf8')) as {
      buses: { id: string; baseKV: number }[];
      branches: { id: string; kind: string; from: string; to: string }[];
    };
    const kv = new Map(net.buses.map((b) => [b.id, b.baseKV]));
    const lines400 = r.contingencies.filter((c) => {
      const b = net.branches[c.branch - 1]!;
      return b.kind === 'line' && kv.get(b.from) === 400 && kv.get(b.to) === 400;
    });
    expect(lines400.length).toBeGreaterThan(60);
    for (const c of lines400) {
      const id = net.branches[c.branch - 1]!.id;
      expect(c.converged, id).toBe(true);
      expect(c.n_overloads, id).toBe(0);
      expect(c.lost_load_MW, id).toBe(0);
      expect(c.n_voltage_violations, id).toBe(0);
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
