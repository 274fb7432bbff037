// Machines and operators in the loop, on the bundled FI–EE network: units that ramp and start
// up, sub-islands with their own frequency, OL3's system protection, and the control-room
// operator whose re-dispatch keeps the relays from acting.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundledData, type BundledData } from '../load-bundled.ts';
import { parseScenario } from '../parse-scenario.ts';
import type { Frame, RunSummary } from '../schema/run.ts';
import type { Scenario } from '../schema/scenario.ts';
import { OPERATOR_DEFAULTS } from './operator-defaults.ts';
import { prepareEngine } from './prepare.ts';
import { runScenario } from './run.ts';
import { touchesCapital, weakCapital } from '../test-support/weak-capital.ts';
import { RESERVE_DYNAMICS } from './unit-defaults.ts';

let data: BundledData;
beforeAll(async () => {
  data = loadBundledData();
  await prepareEngine();
});

const library = (id: string): Scenario => data.scenarios.find((s) => s.id === id)!;
const withOperator = (s: Scenario, enabled: boolean): Scenario => ({
  ...s,
  options: { ...s.options, operator: { ...s.options.operator, enabled } },
});
const run = (
  s: Scenario,
  network = data.networks.get(s.network)!,
): { summary: RunSummary; frames: Frame[] } =>
  runScenario({ network, profiles: data.profiles, cities: data.cities, scenario: s });
const genIndex = (id: string): number =>
  data.networks.get('fi-ee')!.generators.findIndex((g) => g.id === id);

describe('the operator', () => {
  it('re-dispatches before the relays act: no cascade where, without it, the capital region blacks out', () => {
    const s = library('helsinki-400kv-cascade');
    const weak = weakCapital(data.networks.get('fi-ee')!);
    const off = run(withOperator(s, false), weak).summary;
    const on = run(withOperator(s, true), weak).summary;
    expect(off.kpis.branchesTripped.length).toBeGreaterThanOrEqual(2);
    // none of the capital's lines trips (the relays do act without the operator)
    const capitalLines = new Set(weak.branches.filter(touchesCapital).map((b) => b.id));
    expect(off.kpis.branchesTripped.some((id) => capitalLines.has(id))).toBe(true);
    expect(on.kpis.branchesTripped.filter((id) => capitalLines.has(id))).toEqual([]);
    expect(on.kpis.countries.FI!.energyNotServedMWh).toBeLessThan(
      off.kpis.countries.FI!.energyNotServedMWh / 2,
    );
    // the first action comes the documented delay after the first fault (t = 300 s)
    const first = on.log.find((e) => e.kind === 'operator')!;
    expect(first.t).toBeCloseTo(300 + OPERATOR_DEFAULTS.delayS, 6);
    expect(first.text).toMatch(/^operator: /);
    // shedding, where it is needed, is chosen where it relieves, and given back
    expect(on.log.some((e) => e.kind === 'operator' && /reconnected/.test(e.text))).toBe(true);
  }, 120_000);

  it('is deterministic', () => {
    const s = library('ol3-trip-2023-11-19');
    const a = run(s);
    const b = run(s);
    expect(b.summary).toEqual(a.summary);
    expect(b.frames.at(-1)!.generatorMW).toEqual(a.frames.at(-1)!.generatorMW);
  }, 60_000);
});

describe('Olkiluoto 3 trip', () => {
  it('sets off its system protection: about 350 MW of industrial load within 0.2 s (A29, A30), reconnected by the operator', () => {
    const { summary } = run(library('ol3-trip-2023-11-19'));
    const trip = summary.log.find((e) => e.kind === 'trip' && e.element?.id === 'G2303')!;
    const sps = summary.log.find((e) => /system protection/.test(e.text))!;
    expect(sps.t - trip.t).toBeCloseTo(0.2, 6);
    expect(sps.MW).toBeCloseTo(350, 0);
    const fi = summary.kpis.countries.FI!;
    // the grid sees at most 1,300 MW: the nadir stays above the 49.0 Hz dimensioning limit (A16)
    expect(fi.frequencyNadirHz).toBeGreaterThan(49.0);
    // the operator gives the industry its supply back as capacity returns (a few MW behind the
    // congested northern tie may wait)
    const reconnected = summary.log
      .filter((e) => e.kind === 'operator' && /reconnected/.test(e.text))
      .map((e) => Number(/([\d,]+) MW of load reconnected/.exec(e.text)![1]!.replace(/,/g, '')));
    expect(reconnected.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.95 * sps.MW!);
  }, 60_000);
});

describe('units with dynamics', () => {
  it('Estonian oil-shale units do not pick up the lost Estlink import within the minute', () => {
    const s = library('both-estlinks-winter-peak');
    const { summary, frames } = run(s);
    expect(summary.kpis.countries.FI!.peakShedMW).toBe(0);
    const net = data.networks.get('fi-ee')!;
    const shale = net.generators
      .map((g, k) => (g.technology === 'oil-shale' ? k : -1))
      .filter((k) => k >= 0);
    const sum = (f: Frame): number => shale.reduce((acc, k) => acc + f.generatorMW[k]!, 0);
    const before = frames.filter((f) => f.t < 300).at(-1)!;
    const minuteAfter = frames.filter((f) => f.t <= 360 + 60).at(-1)!;
    const rated = shale.reduce((acc, k) => acc + net.generators[k]!.Pmax, 0);
    // at most their governor band (3 % of rating each way: from fully down to fully up) within
    // the first minute, not ≈ 820 MW; the rest comes over the Latvian ties
    expect(sum(minuteAfter) - sum(before)).toBeLessThanOrEqual(2 * 0.03 * rated + 1);
  }, 60_000);

  it('a cold reserve plant gives nothing until it has started', () => {
    const s = withOperator(library('helsinki-400kv-cascade'), true);
    const { summary, frames } = run(s, weakCapital(data.networks.get('fi-ee')!));
    const k = genIndex('G2275'); // Kellosaari, Fingrid's disturbance reserve
    const order = summary.log.find(
      (e) => e.kind === 'operator' && /start Kellosaari/.test(e.text),
    )!;
    expect(order).toBeDefined();
    const ready = order.t + RESERVE_DYNAMICS.disturbance.startupS;
    for (const f of frames) if (f.t < ready - 1e-6) expect(f.generatorMW[k]).toBe(0);
    expect(frames.some((f) => f.t > ready && f.generatorMW[k]! > 0)).toBe(true);
  }, 120_000);
});

describe('a sub-island has its own frequency', () => {
  const cutOff = (bus: string): Scenario =>
    parseScenario({
      schemaVersion: 1,
      id: `cut-${bus.toLowerCase().replace(/[^a-z0-9]/g, '-')}`,
      title: `${bus} cut off`,
      start: { hour: 510 },
      durationS: 1200,
      events: ['6552', '6554'].map((end) => ({
        type: 'trip',
        at: 300,
        element: { kind: 'branch', id: `E${bus.slice(3)}-${end}` },
      })),
    });

  it('an island short of power sheds by UFLS and holds', () => {
    const { summary } = run(cutOff('FI:HEL-W'));
    const island = summary.log.filter((e) => e.kind === 'island');
    expect(island[0]!.text).toMatch(/runs as an island on its own frequency/);
    const ufls = summary.log.filter((e) => e.kind === 'ufls' && e.t < 310);
    expect(ufls.length).toBeGreaterThan(0);
    expect(ufls[0]!.text).toMatch(/island's load/);
    expect(island.some((e) => /blacks out/.test(e.text) && e.t < 600)).toBe(false);
  }, 60_000);

  it('an island with far more generation than load blacks out on over-frequency', () => {
    const { summary } = run(cutOff('FI:HEL-E'));
    const out = summary.log.find((e) => e.kind === 'island' && /blacks out/.test(e.text))!;
    expect(out.text).toMatch(/above 51\.5 Hz/);
    expect(out.t).toBeLessThan(310);
  }, 60_000);
});
