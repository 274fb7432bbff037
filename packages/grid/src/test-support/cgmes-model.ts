// Test support: a small CGMES 3.0 model made by the exporter (four buses, a line loop, a
// transformer with a phase shift, a shunt, two units, an HVDC link), so the reader's error and
// fuzz tests need nothing outside the repository.
import { networkToCgmes } from '../cgmes/export/write-cgmes.ts';
import type { CgmesSource } from '../cgmes/sources.ts';
import {
  testBranch,
  testBus,
  testGenerator,
  testHvdcLink,
  testNetwork,
} from '../testing/builders.ts';

export const SMALL_NETWORK = testNetwork({
  name: 'small',
  buses: [
    testBus('A', { type: 'REF', country: 'FI' }),
    testBus('B', { Pd: 80, Qd: 20, country: 'FI' }),
    testBus('C', { type: 'PV', Pd: 50, Qd: 10, Bs: 15, country: 'EE' }),
    testBus('D', { baseKV: 20, Pd: 30, Qd: 5, country: 'EE' }),
  ],
  branches: [
    testBranch('AB', 'A', 'B', { rateA: 200 }),
    testBranch('BC', 'B', 'C', { rateA: 150 }),
    testBranch('CA', 'C', 'A'),
    testBranch('CD', 'C', 'D', {
      kind: 'transformer',
      r: 0.002,
      x: 0.05,
      b: 0,
      tap: 1.02,
      shift: 3,
    }),
  ],
  generators: [
    testGenerator('G1', 'A', { Pg: 100, Vg: 1.02 }),
    testGenerator('G2', 'C', { Pg: 70, Vg: 1.01 }),
  ],
  hvdcLinks: [testHvdcLink('H1', 'B', 'D', { P: 10 })],
});

export function smallProfiles(): Record<'EQ' | 'TP' | 'SSH' | 'SV', string> {
  const n = SMALL_NETWORK;
  return networkToCgmes(
    n,
    { Vm: n.buses.map(() => 1), Va: n.buses.map(() => 0) },
    new Date('2026-01-01T00:00:00Z'),
  );
}

export const toSources = (profiles: Record<string, string>): CgmesSource[] =>
  Object.entries(profiles).map(([kind, text]) => ({
    name: `small_${kind}.xml`,
    bytes: new TextEncoder().encode(text),
  }));
