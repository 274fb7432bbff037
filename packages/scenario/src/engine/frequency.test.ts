import { describe, expect, it } from 'vitest';
import { AREA_DEFAULTS, type AreaModel } from './area-defaults.ts';
import { initialFrequencyState, integrateFrequency } from './frequency.ts';

const plain = (over: Partial<AreaModel> = {}): AreaModel => ({
  ...structuredClone(AREA_DEFAULTS.nordic!),
  fcrNormal: { MW: 0, fullAtHz: 0.1, timeConstantS: 60 },
  fcrDisturbance: { upMW: 0, downMW: 0, startHz: 0.1, fullHz: 0.5, timeConstantS: 7.2 },
  restorationTimeS: 1e9,
  ufls: [],
  ...over,
});

describe('aggregate frequency model', () => {
  it('falls at the swing-equation rate f0·ΔP / (2·Ek) at once', () => {
    const m = plain();
    const s = initialFrequencyState();
    s.disturbance = 1000;
    const trace = integrateFrequency(m, s, 0.05);
    const expected = (50 * 1000) / (2 * 200_000);
    expect(trace.maxRocof).toBeCloseTo(expected, 6);
  });

  it('settles where load damping alone balances the deficit: Δf = −ΔP / D', () => {
    const m = plain();
    const s = initialFrequencyState();
    s.disturbance = 500;
    integrateFrequency(m, s, 3000);
    const D = (m.loadDampingPctPerHz / 100) * m.areaLoadMW;
    expect(s.df).toBeCloseTo(-500 / D, 3);
  });

  it('keeps the Nordic dimensioning incident (FCR-D volume) above 49.0 Hz (A16) and recovers', () => {
    const m = structuredClone(AREA_DEFAULTS.nordic!);
    const s = initialFrequencyState();
    s.disturbance = m.fcrDisturbance.upMW;
    const first = integrateFrequency(m, s, 60);
    expect(first.minHz).toBeGreaterThan(49.0);
    expect(first.minHz).toBeLessThan(49.5);
    expect(first.ufls).toHaveLength(0);
    integrateFrequency(m, s, 3600);
    expect(Math.abs(s.df)).toBeLessThan(0.01);
  });

  it('sheds load in stages when the deficit exceeds the reserves', () => {
    const m = structuredClone(AREA_DEFAULTS.nordic!);
    const s = initialFrequencyState();
    s.disturbance = 8000;
    const trace = integrateFrequency(m, s, 60);
    expect(trace.ufls.length).toBeGreaterThan(0);
    expect(trace.ufls[0]!.frequencyHz).toBe(48.85);
    expect(trace.ufls[0]!.shedMW).toBeCloseTo(0.1 * m.areaLoadMW, 6);
    expect(trace.minHz).toBeLessThan(48.85);
  });
});
