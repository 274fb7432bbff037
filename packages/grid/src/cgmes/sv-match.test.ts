// The judged core of issue 20: the importer plus the project's AC power flow reproduce the SV
// state of the ENTSO-E conformity models in ../shared/cgmes (ENTSO-E CGMES conformity test
// configurations, via PowSyBl): |V| within 1e-3 relative and angle within 0.1° at every
// TopologicalNode, from the SV start and from a flat start.
import { expect, it } from 'vitest';
import { buildPfCase, runAcPowerFlow } from '@finest/powerflow';
import { MICROGRID, MINIGRID, describeOnCgmes } from '../test-support/shared-cgmes.ts';
import { loadCgmes } from './load.ts';
import { compareWithSv } from './sv-compare.ts';

describeOnCgmes('SV state of the conformity models', () => {
  const cases = [
    {
      name: 'MicroGrid BE+NL (CGMES 2.4.15)',
      dir: MICROGRID,
      nodes: 17,
      withSv: 16,
      dv: 3e-4,
      angle: 0.005,
    },
    { name: 'MiniGrid (CGMES 3.0)', dir: MINIGRID, nodes: 13, withSv: 11, dv: 1e-6, angle: 1e-4 },
  ];
  for (const c of cases) {
    for (const svStart of [true, false]) {
      it(`${c.name}: ${svStart ? 'SV' : 'flat'} start`, () => {
        const imp = loadCgmes([c.dir], { svStart });
        const tn = imp.network.buses.filter((b) => !b.equivalent);
        expect(tn).toHaveLength(c.nodes);
        const r = runAcPowerFlow(buildPfCase(imp.network));
        expect(r.converged, r.reason).toBe(true);
        const cmp = compareWithSv(imp.network, imp.sv, r.Vm, r.Va);
        expect(cmp.perBus).toHaveLength(c.withSv);
        // the criterion, and the margin we reach (regressions show before the criterion breaks)
        expect(cmp.worstDv).toBeLessThan(1e-3);
        expect(cmp.worstAngle).toBeLessThan(0.1);
        expect(cmp.worstDv).toBeLessThan(c.dv);
        expect(cmp.worstAngle).toBeLessThan(c.angle);
      });
    }
  }

  it('MicroGrid: remote voltage control holds BE-Busbar_6 at 115.5 kV; the SV moved two taps', () => {
    const imp = loadCgmes([MICROGRID]);
    expect([...imp.remoteRegulation]).toEqual([
      ['3a3b27be-b18b-4385-b557-6735d733baf0', '5c74cb26-ce2f-40c6-951d-89091eb781b6'],
    ]);
    expect(imp.movedTaps).toHaveLength(2);
    const net = imp.network;
    const r = runAcPowerFlow(buildPfCase(net));
    const i = net.buses.findIndex((b) => b.id === '5c74cb26-ce2f-40c6-951d-89091eb781b6');
    expect(r.Vm[i]! * net.buses[i]!.baseKV).toBeCloseTo(115.5, 6);
    // the slack (NL-G1, referencePriority 1) takes what the SV says it produced: 556.714 MW
    const k = net.generators.findIndex((g) => g.name === 'NL-G1');
    expect(r.Pg[k]).toBeCloseTo(556.714, 0);
  });

  it('MicroGrid at the SSH tap positions is a different state: the SV is not reached', () => {
    const imp = loadCgmes([MICROGRID], { controls: 'ssh' });
    const r = runAcPowerFlow(buildPfCase(imp.network));
    expect(r.converged).toBe(true);
    const cmp = compareWithSv(imp.network, imp.sv, r.Vm, r.Va);
    expect(cmp.worstAngle).toBeGreaterThan(0.1);
  });
});
