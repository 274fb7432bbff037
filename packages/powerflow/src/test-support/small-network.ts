// Test support: a small hand-made network with a transformer, a phase shifter, shunts, two
// generators on one bus and an out-of-service branch, to exercise the model where the shared
// MATPOWER cases do not (none of them has a phase shifter).
import type { Branch, Bus, Generator, Network } from '@finest/grid';

const bus = (id: string, type: Bus['type'], Pd: number, Qd: number, extra: Partial<Bus> = {}): Bus => ({
  id,
  type,
  Pd,
  Qd,
  Gs: 0,
  Bs: 0,
  area: '1',
  zone: 1,
  Vm: 1,
  Va: 0,
  baseKV: 110,
  Vmax: 1.1,
  Vmin: 0.9,
  ...extra,
});

const branch = (id: string, from: string, to: string, r: number, x: number, b: number, extra: Partial<Branch> = {}): Branch => ({
  id,
  from,
  to,
  kind: 'line',
  r,
  x,
  b,
  rateA: 100,
  rateB: 0,
  rateC: 0,
  tap: 0,
  shift: 0,
  inService: true,
  angmin: -360,
  angmax: 360,
  ...extra,
});

const gen = (id: string, at: string, Pg: number, Vg: number, extra: Partial<Generator> = {}): Generator => ({
  id,
  bus: at,
  Pg,
  Qg: 0,
  Qmax: 100,
  Qmin: -100,
  Vg,
  mBase: 100,
  inService: true,
  Pmax: 200,
  Pmin: 0,
  ...extra,
});

export function smallNetwork(): Network {
  return {
    formatVersion: 1,
    name: 'small-test',
    baseMVA: 100,
    buses: [
      bus('10', 'REF', 0, 0),
      bus('20', 'PV', 20, 5, { Bs: 10 }),
      bus('30', 'PQ', 90, 30, { Gs: 2 }),
      bus('40', 'PQ', 60, 20, { Bs: -5 }),
    ],
    branches: [
      branch('1', '10', '20', 0.01, 0.08, 0.04),
      branch('2', '20', '30', 0.02, 0.1, 0.06),
      branch('3', '10', '40', 0.005, 0.06, 0, { kind: 'transformer', tap: 1.05, shift: -4 }),
      branch('4', '40', '30', 0.015, 0.09, 0.05, { kind: 'transformer', tap: 0.98, shift: 3 }),
      branch('5', '10', '30', 0.01, 0.05, 0.02, { inService: false }),
    ],
    generators: [gen('1', '10', 0, 1.03), gen('2', '20', 50, 1.01, { Qmax: 20, Qmin: -10 }), gen('3', '20', 30, 1.01, { Qmax: 60, Qmin: -30 })],
    hvdcLinks: [],
    areas: [{ id: '1', name: 'Area 1' }],
    countries: [],
    datasets: [],
  };
}
