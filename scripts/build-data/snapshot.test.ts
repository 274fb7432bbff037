// Snapshots of the committed FI–EE dataset: balanced, within the FI–EE exchange limit, and the
// AC power flow converges — at the 2015 peak and over a sample of the year (the benchmark is
// the place for all 8,760 hours).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DemandAllocationSchema,
  HourlyProfileSchema,
  snapshotForHour,
  type Network,
  type SnapshotInputs,
} from '@finest/grid';
import { buildPfCase, runAcPowerFlow } from '@finest/powerflow';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (f: string): unknown => JSON.parse(readFileSync(`${ROOT}data/${f}`, 'utf8'));
const net = read('networks/fi-ee.json') as Network;
const inputs: SnapshotInputs = {
  demand: HourlyProfileSchema.parse(read('profiles/demand-2015.json')),
  wind: HourlyProfileSchema.parse(read('profiles/wind-cf-2015.json')),
  allocation: DemandAllocationSchema.parse(read('profiles/demand-allocation.json')),
};
const fi = inputs.demand.series.FI;
const PEAK = fi.indexOf(Math.max(...fi));
const SAMPLE = [PEAK, ...Array.from({ length: 24 }, (_, k) => k * 365 + 7)];

describe('snapshotForHour on fi-ee', () => {
  it("puts each country's hourly demand on its buses", () => {
    const { network, summary } = snapshotForHour(net, inputs, PEAK);
    expect(summary.time).toBe('2015-01-22T06:00:00.000Z');
    const total = (c: string): number =>
      network.buses.filter((b) => b.country === c).reduce((s, b) => s + b.Pd, 0);
    expect(total('FI')).toBeCloseTo(13584, 6);
    expect(total('EE')).toBeCloseTo(inputs.demand.series.EE[PEAK]!, 6);
  });

  it.each(SAMPLE)('hour %i: balanced, FI–EE exchange within 1,016 MW, AC converges', (hour) => {
    const { network, summary } = snapshotForHour(net, inputs, hour);
    expect(summary.unservedMW).toEqual({ FI: 0, EE: 0 });
    expect(Math.abs(summary.estlinkMW)).toBeLessThanOrEqual(1016);
    const estlinks = network.hvdcLinks.filter((h) => h.name?.startsWith('Estlink'));
    expect(estlinks.reduce((s, h) => s + h.P, 0)).toBeCloseTo(summary.estlinkMW, 9);
    const result = runAcPowerFlow(buildPfCase(network));
    expect(result.converged).toBe(true);
    // generation (HVDC imports appear as the external equivalents behind them) meets demand,
    // the references adding only the losses
    const demand = network.buses.reduce((s, b) => s + (b.type === 'NONE' ? 0 : b.Pd), 0);
    const generation = result.Pg.reduce(
      (s, p, k) => s + (network.generators[k]!.inService ? p : 0),
      0,
    );
    expect(generation - demand).toBeGreaterThan(-1);
    expect(generation - demand).toBeLessThan(0.08 * demand);
  });

  it('replays the pre-2025 arrangement: Baltics with IPS/UPS, EE–RU ties closed, FI–RU open', () => {
    const { network } = snapshotForHour(net, inputs, PEAK, { topology: 'pre-2025' });
    const country = new Map(network.buses.map((b) => [b.id, b.country]));
    const ties = (a: string, b: string) =>
      network.branches.filter(
        (br) => [country.get(br.from), country.get(br.to)].sort().join() === [a, b].sort().join(),
      );
    expect(ties('EE', 'RU').length).toBeGreaterThan(0);
    expect(ties('EE', 'RU').every((br) => br.inService)).toBe(true);
    expect(ties('FI', 'RU').every((br) => !br.inService)).toBe(true);
    expect(network.buses.filter((b) => b.country === 'EE').every((b) => b.area === 'ips-ups')).toBe(
      true,
    );
    expect(network.buses.filter((b) => b.country === 'FI').every((b) => b.area === 'nordic')).toBe(
      true,
    );
    expect(runAcPowerFlow(buildPfCase(network)).converged).toBe(true);
    // the current arrangement leaves every Russian tie open
    const current = snapshotForHour(net, inputs, PEAK).network;
    const ru = new Set(current.buses.filter((b) => b.country === 'RU').map((b) => b.id));
    expect(
      current.branches
        .filter((br) => ru.has(br.from) || ru.has(br.to))
        .every((br) => !br.inService),
    ).toBe(true);
  });

  it('reads a date-time by hour of year', () => {
    expect(snapshotForHour(net, inputs, '2024-01-22T06:30:00Z').summary.hour).toBe(21 * 24 + 6);
    expect(() => snapshotForHour(net, inputs, 'yesterday')).toThrow(/not a date-time/);
    expect(() => snapshotForHour(net, inputs, 9000)).toThrow(/not in 0\.\.8759/);
  });
});
