// Islands and bridges on a constructed network, and bridges against the bridge lists in
// MATPOWER's N-1 references (1-based branch rows).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  describeOnCases,
  loadSharedNetwork,
  SHARED_MATPOWER as SHARED,
} from '../test-support/shared-matpower.ts';
import type { Branch, Bus, Network } from '../schema/network.ts';
import { testBranch, testBus, testGenerator } from '../testing/builders.ts';
import { findBridges } from './bridges.ts';
import { buildTopologyGraph } from './graph.ts';
import { findIslands } from './islands.ts';

const bus = (id: string, type: Bus['type'] = 'PQ', Pd = 10): Bus => testBus(id, { type, Pd });
const line = (id: string, from: string, to: string, inService = true): Branch =>
  testBranch(id, from, to, { inService });

// A ring 1-2-3 with a spur 3-4, a double circuit 4-5 (no bridge), an island 6-7 fed by a
// generator, an out-of-service line 5-6, and an isolated bus 8.
function network(): Network {
  return {
    formatVersion: 1,
    name: 't',
    baseMVA: 100,
    buses: [
      bus('1', 'REF', 0),
      bus('2'),
      bus('3'),
      bus('4'),
      bus('5'),
      bus('6', 'PV'),
      bus('7'),
      bus('8', 'NONE'),
    ],
    branches: [
      line('a', '1', '2'),
      line('b', '2', '3'),
      line('c', '3', '1'),
      line('d', '3', '4'),
      line('e1', '4', '5'),
      line('e2', '4', '5'),
      line('f', '6', '7'),
      line('g', '5', '6', false),
      line('h', '7', '8'),
    ],
    generators: [testGenerator('g1', '1', { Pmax: 100 }), testGenerator('g6', '6', { Pmax: 100 })],
    hvdcLinks: [],
    areas: [],
    countries: [],
    datasets: [],
  };
}

describe('findIslands', () => {
  it('splits the network into components over in-service branches', () => {
    const { islands, islandOf } = findIslands(network());
    expect(islands.map((i) => i.buses)).toEqual([['1', '2', '3', '4', '5'], ['6', '7'], ['8']]);
    expect(islands.map((i) => [i.hasReference, i.hasGeneration])).toEqual([
      [true, true],
      [false, true],
      [false, false],
    ]);
    expect(islands[0]!.demand).toBe(40);
    expect(Array.from(islandOf)).toEqual([0, 0, 0, 0, 0, 1, 1, 2]);
  });

  it('applies outages', () => {
    const { islands } = findIslands(network(), { outaged: new Set(['d']) });
    expect(islands[1]!.buses).toEqual(['4', '5']);
    expect(islands[1]!.hasGeneration).toBe(false);
  });
});

describe('findBridges', () => {
  it('finds spurs but not rings, parallel circuits or out-of-service branches', () => {
    expect(findBridges(network())).toEqual(['d', 'f']);
  });

  describeOnCases('bridges of the shared cases', () => {
    const refs = ['case30', 'case118', 'case300', 'case_ACTIVSg2000'].filter((c) =>
      existsSync(`${SHARED}ref/${c}.n1dc.json`),
    );
    it.each(refs)('equals the reference bridge list of %s', (name) => {
      const net = loadSharedNetwork(name);
      const ref = JSON.parse(readFileSync(`${SHARED}ref/${name}.n1dc.json`, 'utf8')) as {
        bridge_branches: number[];
      };
      expect(findBridges(net).map(Number)).toEqual(ref.bridge_branches);
    });
  });
});

describe('buildTopologyGraph', () => {
  it('has a node per bus and an edge per in-service branch, parallel ones kept', () => {
    const g = buildTopologyGraph(network());
    expect(g.order).toBe(8);
    expect(g.size).toBe(8);
    expect(g.edges('4', '5').sort()).toEqual(['e1', 'e2']);
    expect(buildTopologyGraph(network(), { includeOutOfService: true }).size).toBe(9);
  });
});
