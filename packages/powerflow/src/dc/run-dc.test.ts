// Golden tests: DC power flow against MATPOWER 8.1's rundcpf for every case in ../shared/matpower.
import { expect, it } from 'vitest';
import { buildPfCase } from '../model/pf-case.ts';
import {
  casesWithReference,
  loadReference,
  loadSharedCase,
  maxAbsDiff,
  describeOnCases,
} from '../test-support/shared-cases.ts';
import { runDcPowerFlow } from './run-dc.ts';

const cases = casesWithReference('dc');

describeOnCases('DC power flow matches MATPOWER', () => {
  it('finds the reference cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  it.each(cases)('%s', (name) => {
    const ref = loadReference(name, 'dc');
    const result = runDcPowerFlow(buildPfCase(loadSharedCase(name)));
    expect(result.converged).toBe(true);
    expect(maxAbsDiff(result.Pf, ref.Pf)).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(result.Pt, ref.Pt)).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(result.Va, ref.Va)).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(result.Pg, ref.Pg)).toBeLessThanOrEqual(1e-6);
  });
});
