// Topology edge cases: the typed-array index layout, self-loops, HVDC links that must not join
// islands, duplicate bus ids, and a 100,000-bus chain that a recursive DFS could not walk.
import { describe, expect, it } from 'vitest';
import { GridError } from '../errors.ts';
import type { Network } from '../schema/network.ts';
import {
  testBranch,
  testBus,
  testGenerator,
  testHvdcLink,
  testNetwork as net,
} from '../testing/builders.ts';
import { buildAdjacencyIndex, buildBusIndex } from './adjacency-index.ts';
import { findBridges } from './bridges.ts';
import { buildTopologyGraph } from './graph.ts';
import { findIslands } from './islands.ts';

// a - b = c (double circuit b–c), a self-loop at c, an HVDC link c → d, d alone with a unit
const small = (): Network =>
  net({
    buses: [
      testBus('a', { type: 'REF' }),
      testBus('b'),
      testBus('c'),
      testBus('d', { type: 'PV' }),
    ],
    branches: [
      testBranch('ab', 'a', 'b'),
      testBranch('bc1', 'b', 'c'),
      testBranch('bc2', 'b', 'c'),
      testBranch('cc', 'c', 'c'),
      testBranch('off', 'a', 'd', { inService: false }),
    ],
    generators: [testGenerator('g', 'd', { Pmax: 10 })],
    hvdcLinks: [testHvdcLink('dc', 'c', 'd')],
  });

describe('buildAdjacencyIndex', () => {
  it('lists each in-service branch at both ends, in branch order per bus', () => {
    const idx = buildAdjacencyIndex(small());
    expect(Array.from(idx.starts)).toEqual([0, 1, 4, 8, 8]);
    expect(Array.from(idx.neighbors)).toEqual([1, 0, 2, 2, 1, 1, 2, 2]);
    expect(Array.from(idx.edgeIds)).toEqual([0, 0, 1, 2, 1, 2, 3, 3]);
    expect(idx.busIndex.get('d')).toBe(3);
  });

  it('leaves out outaged branches', () => {
    const idx = buildAdjacencyIndex(small(), { outaged: new Set(['ab']) });
    expect(Array.from(idx.starts)).toEqual([0, 0, 2, 6, 6]);
  });

  it('refuses duplicate bus ids', () => {
    const n = net({ buses: [testBus('x'), testBus('y'), testBus('x')] });
    expect(() => buildBusIndex(n)).toThrow(GridError);
    expect(() => buildBusIndex(n)).toThrow(/two buses with id "x" \(buses\[0\], buses\[2\]\)/);
  });
});

describe('islands and bridges on the edge cases', () => {
  it('does not join islands through an HVDC link or an out-of-service branch', () => {
    const { islands } = findIslands(small());
    expect(islands.map((i) => i.buses)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(islands[1]).toMatchObject({ hasReference: false, hasGeneration: true });
  });

  it('never reports a self-loop or a double circuit as a bridge', () => {
    expect(findBridges(small())).toEqual(['ab']);
    expect(findBridges(small(), { outaged: new Set(['bc2']) })).toEqual(['ab', 'bc1']);
  });

  it('walks a 100,000-bus chain without recursion', () => {
    const n = 100_000;
    const chain = net({
      buses: Array.from({ length: n }, (_, i) => testBus(String(i + 1))),
      branches: Array.from({ length: n - 1 }, (_, i) =>
        testBranch(`L${i + 1}`, String(i + 1), String(i + 2)),
      ),
    });
    const bridges = findBridges(chain);
    expect(bridges).toHaveLength(n - 1);
    expect(bridges[0]).toBe('L1');
    expect(bridges[n - 2]).toBe(`L${n - 1}`);
    // close the chain into a ring: no bridge is left
    chain.branches.push(testBranch('close', String(n), '1'));
    expect(findBridges(chain)).toEqual([]);
    expect(findIslands(chain).islands).toHaveLength(1);
  });
});

describe('buildTopologyGraph', () => {
  it('adds HVDC links and out-of-service branches as flagged edges when asked', () => {
    const g = buildTopologyGraph(small(), { includeHvdc: true, includeOutOfService: true });
    expect(g.getEdgeAttributes('hvdc:dc')).toEqual({ kind: 'hvdc', inService: true });
    expect(g.getEdgeAttributes('off')).toEqual({ kind: 'line', inService: false });
    expect(g.getNodeAttributes('c')).toMatchObject({ index: 2, baseKV: 110 });
    expect(g.edges('c', 'c')).toEqual(['cc']);
    expect(buildTopologyGraph(small()).size).toBe(4);
  });
});
