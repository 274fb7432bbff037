// Test fixtures: network elements with neutral defaults (a 110 kV PQ bus at 1 pu, a lossy
// in-service line, a unit with ±100 MVAr), so a test states only what it is about. Exported as
// `@finest/grid/testing`, never from the package's main entry.
import type { Branch, Bus, Generator, HvdcLink, Network } from '../schema/network.ts';

export function testBus(id: string, fields: Partial<Bus> = {}): Bus {
  return {
    id,
    type: 'PQ',
    Pd: 0,
    Qd: 0,
    Gs: 0,
    Bs: 0,
    area: '1',
    zone: 1,
    Vm: 1,
    Va: 0,
    baseKV: 110,
    Vmax: 1.1,
    Vmin: 0.9,
    ...fields,
  };
}

export function testBranch(
  id: string,
  from: string,
  to: string,
  fields: Partial<Branch> = {},
): Branch {
  return {
    id,
    from,
    to,
    kind: 'line',
    r: 0.01,
    x: 0.1,
    b: 0,
    rateA: 0,
    rateB: 0,
    rateC: 0,
    tap: 0,
    shift: 0,
    inService: true,
    angmin: -360,
    angmax: 360,
    ...fields,
  };
}

export function testGenerator(id: string, bus: string, fields: Partial<Generator> = {}): Generator {
  return {
    id,
    bus,
    Pg: 0,
    Qg: 0,
    Qmax: 100,
    Qmin: -100,
    Vg: 1,
    mBase: 100,
    inService: true,
    Pmax: 200,
    Pmin: 0,
    ...fields,
  };
}

export function testHvdcLink(
  id: string,
  from: string,
  to: string,
  fields: Partial<HvdcLink> = {},
): HvdcLink {
  return {
    id,
    from,
    to,
    inService: true,
    P: 0,
    Pmin: -100,
    Pmax: 100,
    lossFixed: 0,
    lossFactor: 0,
    Vf: 0,
    Vt: 0,
    Qminf: 0,
    Qmaxf: 0,
    Qmint: 0,
    Qmaxt: 0,
    ...fields,
  };
}

export function testNetwork(fields: Partial<Network>): Network {
  return {
    formatVersion: 1,
    name: 'test',
    baseMVA: 100,
    buses: [],
    branches: [],
    generators: [],
    hvdcLinks: [],
    areas: [],
    countries: [],
    datasets: [],
    ...fields,
  };
}
