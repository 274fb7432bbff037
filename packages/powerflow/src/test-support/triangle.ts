// Test support: a solvable three-bus triangle (a reference unit at bus 1, a PV unit at bus 3,
// a load at bus 2) that the robustness tests extend with the one defect they are about.
import type { Branch, Bus, Generator, Network } from '@finest/grid';
import { testBranch, testBus, testGenerator, testNetwork } from '@finest/grid/testing';

export interface Extra {
  buses?: Bus[];
  branches?: Branch[];
  generators?: Generator[];
}

export function triangle(extra: Extra = {}): Network {
  return testNetwork({
    name: 'triangle',
    buses: [
      testBus('1', { type: 'REF' }),
      testBus('2', { Pd: 50, Qd: 10 }),
      testBus('3', { type: 'PV', Pd: 20 }),
      ...(extra.buses ?? []),
    ],
    branches: [
      testBranch('a', '1', '2', { rateA: 100 }),
      testBranch('b', '2', '3', { rateA: 100 }),
      testBranch('c', '1', '3', { rateA: 100 }),
      ...(extra.branches ?? []),
    ],
    generators: [
      testGenerator('g1', '1', { Vg: 1.02 }),
      testGenerator('g3', '3', { Pg: 30, Vg: 1.01 }),
      ...(extra.generators ?? []),
    ],
    areas: [{ id: '1', name: 'Area 1' }],
  });
}
