import { describe, expect, it } from 'vitest';
import { ScenarioOptionsSchema } from '../schema/scenario.ts';
import { createProtection, heatBranches, timeToTrip } from './protection.ts';

const options = ScenarioOptionsSchema.parse({ protection: { delayJitterPct: 0 } }).protection;

describe('thermal overload protection', () => {
  it('trips a constant 120 % overload after the set delay, 150 % sooner, 250 % at once', () => {
    const p = createProtection(
      1,
      () => true,
      options,
      () => 0.5,
    );
    expect(timeToTrip(p, 0, 1.2, options)).toBeCloseTo(600, 9);
    expect(timeToTrip(p, 0, 1.5, options)).toBeCloseTo((600 * 0.44) / 1.25, 9);
    expect(timeToTrip(p, 0, 2.5, options)).toBe(options.instantaneousDelayS);
    expect(timeToTrip(p, 0, 0.99, options)).toBe(Infinity);
  });

  it('remembers heat: after 300 s at 120 %, 300 s remain', () => {
    const p = createProtection(
      1,
      () => true,
      options,
      () => 0.5,
    );
    heatBranches(p, Float64Array.of(1.2), () => true, 300);
    expect(timeToTrip(p, 0, 1.2, options)).toBeCloseTo(300, 9);
    heatBranches(p, Float64Array.of(0.5), () => true, 10_000);
    expect(timeToTrip(p, 0, 1.2, options)).toBeCloseTo(600, 9);
  });

  it('never trips unrated branches and scatters relays by the seed', () => {
    const unrated = createProtection(
      1,
      () => false,
      options,
      () => 0.5,
    );
    expect(timeToTrip(unrated, 0, 5, options)).toBe(Infinity);
    const jittered = ScenarioOptionsSchema.parse({}).protection;
    const a = createProtection(
      1,
      () => true,
      jittered,
      () => 0,
    );
    const b = createProtection(
      1,
      () => true,
      jittered,
      () => 1,
    );
    expect(timeToTrip(a, 0, 1.2, jittered)).toBeCloseTo(570, 6);
    expect(timeToTrip(b, 0, 1.2, jittered)).toBeCloseTo(630, 6);
  });
});
