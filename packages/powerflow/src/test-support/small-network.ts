// Test support: a small hand-made network with a transformer, a phase shifter, shunts, two
// generators on one bus and an out-of-service branch, to exercise the model where the shared
// MATPOWER cases do not (none of them has a phase shifter).
import type { Network } from '@finest/grid';
import { testBranch, testBus, testGenerator, testNetwork } from '@finest/grid/testing';

export function smallNetwork(): Network {
  return testNetwork({
    name: 'small-test',
    buses: [
      testBus('10', { type: 'REF' }),
      testBus('20', { type: 'PV', Pd: 20, Qd: 5, Bs: 10 }),
      testBus('30', { Pd: 90, Qd: 30, Gs: 2 }),
      testBus('40', { Pd: 60, Qd: 20, Bs: -5 }),
    ],
    branches: [
      testBranch('1', '10', '20', { r: 0.01, x: 0.08, b: 0.04, rateA: 100 }),
      testBranch('2', '20', '30', { r: 0.02, x: 0.1, b: 0.06, rateA: 100 }),
      testBranch('3', '10', '40', {
        kind: 'transformer',
        r: 0.005,
        x: 0.06,
        tap: 1.05,
        shift: -4,
        rateA: 100,
      }),
      testBranch('4', '40', '30', {
        kind: 'transformer',
        r: 0.015,
        x: 0.09,
        b: 0.05,
        tap: 0.98,
        shift: 3,
        rateA: 100,
      }),
      testBranch('5', '10', '30', { r: 0.01, x: 0.05, b: 0.02, rateA: 100, inService: false }),
    ],
    generators: [
      testGenerator('1', '10', { Vg: 1.03 }),
      testGenerator('2', '20', { Pg: 50, Vg: 1.01, Qmax: 20, Qmin: -10 }),
      testGenerator('3', '20', { Pg: 30, Vg: 1.01, Qmax: 60, Qmin: -30 }),
    ],
    areas: [{ id: '1', name: 'Area 1' }],
  });
}
