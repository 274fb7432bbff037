// Test support: fast-check arbitraries for small random networks that are hard on a solver:
// 2–30 buses of any type, random topology (self-loops, parallel branches, disconnected parts,
// branches out of service), impedances from zero and 1e-12 up to 1e6 (and negative
// reactances), loads from none to absurd, units on and off, and now and then a NaN or an
// infinity in one field. Three networks in four get a spanning chain first, so that many of
// them are solvable and the converged path is exercised too.
import fc from 'fast-check';
import type { Branch, Bus, Generator, Network } from '@finest/grid';
import { testBranch, testBus, testGenerator, testNetwork } from '@finest/grid/testing';

const pick = <T>(...items: { weight: number; arbitrary: fc.Arbitrary<T> }[]): fc.Arbitrary<T> =>
  fc.oneof(...items);
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const real = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** pu impedance parts: mostly line-like, often degenerate */
const impedance = pick(
  w(8, real(0.001, 0.2)),
  w(1, fc.constant(0)),
  w(1, fc.constant(1e-12)),
  w(1, real(1e-9, 1e-5)),
  w(1, real(10, 1e6)),
);
const reactance = pick(w(10, impedance), w(1, real(-0.2, -0.001)));
const power = pick(w(3, fc.constant(0)), w(8, real(-20, 200)), w(1, real(1e3, 1e6)));

const busArb = (id: string): fc.Arbitrary<Bus> =>
  fc
    .record({
      type: pick(
        w(10, fc.constant('PQ' as const)),
        w(4, fc.constant('PV' as const)),
        w(2, fc.constant('REF' as const)),
        w(1, fc.constant('NONE' as const)),
      ),
      Pd: power,
      Qd: pick(w(3, fc.constant(0)), w(3, real(-20, 80))),
      Gs: pick(w(8, fc.constant(0)), w(1, real(-5, 20))),
      Bs: pick(w(8, fc.constant(0)), w(1, real(-50, 50))),
      Vm: pick(w(8, fc.constant(1)), w(2, real(0.5, 1.5)), w(1, fc.constant(0))),
      Va: pick(w(8, fc.constant(0)), w(2, real(-60, 60))),
    })
    .map((f) => testBus(id, f));

const branchArb = (id: string, n: number, ends?: [number, number]): fc.Arbitrary<Branch> =>
  fc
    .record({
      from: ends ? fc.constant(ends[0]) : fc.nat(n - 1),
      to: ends ? fc.constant(ends[1]) : fc.nat(n - 1),
      r: impedance,
      x: reactance,
      b: pick(w(3, fc.constant(0)), w(2, real(0, 0.5))),
      tap: pick(w(6, fc.constant(0)), w(2, real(0.8, 1.2)), w(1, real(1e-3, 10))),
      shift: pick(w(6, fc.constant(0)), w(1, real(-30, 30))),
      rateA: pick(w(1, fc.constant(0)), w(2, real(1, 500))),
      // one in ten out of service
      off: fc.nat(9),
    })
    .map(({ from, to, off, ...f }) =>
      testBranch(id, String(from + 1), String(to + 1), { ...f, inService: off > 0 }),
    );

const generatorArb = (id: string, n: number): fc.Arbitrary<Generator> =>
  fc
    .record({
      bus: fc.nat(n - 1),
      Pg: pick(w(3, fc.constant(0)), w(6, real(0, 300)), w(1, real(1e3, 1e5))),
      Qg: pick(w(5, fc.constant(0)), w(1, real(-50, 50))),
      Vg: pick(w(6, real(0.95, 1.1)), w(1, real(0.2, 2))),
      Qmax: pick(w(4, real(0, 300)), w(1, fc.constant(Infinity))),
      Qmin: pick(w(4, real(-300, 0)), w(1, fc.constant(-Infinity))),
      on: fc.nat(4),
    })
    .map(({ bus, on, ...f }) => testGenerator(id, String(bus + 1), { ...f, inService: on > 0 }));

/** One field of one element set to NaN or ±Infinity. */
export interface Poison {
  element: 'bus' | 'branch' | 'generator';
  index: number;
  field: string;
  value: number;
}

const poisonArb: fc.Arbitrary<Poison> = fc.oneof(
  ...(
    [
      ['bus', ['Pd', 'Qd', 'Gs', 'Bs', 'Vm', 'Va']],
      ['branch', ['r', 'x', 'b', 'tap', 'shift']],
      ['generator', ['Pg', 'Qg', 'Vg', 'Qmin', 'Qmax']],
    ] as const
  ).map(([element, fields]) =>
    fc.record({
      element: fc.constant(element),
      index: fc.nat(1000),
      field: fc.constantFrom(...fields),
      value: fc.constantFrom(NaN, Infinity, -Infinity),
    }),
  ),
);

function applyPoison(net: Network, p: Poison): Network {
  const list = { bus: net.buses, branch: net.branches, generator: net.generators }[p.element];
  if (list.length === 0) return net;
  const target = list[p.index % list.length] as unknown as Record<string, number>;
  target[p.field] = p.value;
  return net;
}

export const randomNetworkArb: fc.Arbitrary<Network> = fc
  .record({ n: fc.integer({ min: 2, max: 30 }), chain: fc.nat(3).map((k) => k > 0) })
  .chain(({ n, chain }) => {
    const ids = Array.from({ length: n }, (_, i) => String(i + 1));
    const chainBranches = chain
      ? ids.slice(1).map((_, i) => branchArb(`c${i + 1}`, n, [i, i + 1]))
      : [];
    return fc.record({
      buses: fc.tuple(...ids.map(busArb)),
      chainBranches: fc.tuple(...chainBranches),
      extra: fc
        .nat(2 * n)
        .chain((m) => fc.tuple(...Array.from({ length: m }, (_, k) => branchArb(`e${k + 1}`, n)))),
      generators: fc
        .nat(n)
        .chain((g) =>
          fc.tuple(...Array.from({ length: g }, (_, k) => generatorArb(`g${k + 1}`, n))),
        ),
      // a REF bus with a unit at bus 1 in most networks, so that many are solvable
      anchored: fc.nat(3),
      poison: pick(w(6, fc.constant(null)), w(1, poisonArb)),
    });
  })
  .map(({ buses, chainBranches, extra, generators, anchored, poison }) => {
    const net = testNetwork({
      name: 'fuzz',
      buses: [...buses],
      branches: [...chainBranches, ...extra],
      generators: [...generators],
      areas: [{ id: '1', name: 'Area 1' }],
    });
    if (anchored > 0) {
      net.buses[0] = { ...net.buses[0]!, type: 'REF' };
      net.generators.push(testGenerator('slack', '1', { Vg: 1.02, Qmax: 999, Qmin: -999 }));
    }
    return poison === null ? net : applyPoison(net, poison);
  });
