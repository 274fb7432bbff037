// Bus classification island by island: every island with a voltage-controlling unit gets a
// reference, the others are listed (and named by unreferencedReason); isolated buses are in no
// set and form no island.
import { describe, expect, it } from 'vitest';
import { testBranch, testBus, testGenerator } from '@finest/grid/testing';
import { triangle } from '../test-support/triangle.ts';
import { classifyBuses, unreferencedReason } from './bus-types.ts';
import { buildPfCase } from './pf-case.ts';
import { findPfIslands } from './pf-islands.ts';

const list = (a: Int32Array): number[] => Array.from(a);

describe('findPfIslands', () => {
  it('numbers islands by their first bus and leaves isolated buses out', () => {
    const pf = buildPfCase(
      triangle({
        buses: [testBus('4', { type: 'NONE' }), testBus('5'), testBus('6')],
        // 3–4 is switched off by the NONE bus; 5–6 is an island of its own
        branches: [testBranch('d', '3', '4'), testBranch('e', '6', '5')],
      }),
    );
    const { count, islandOf } = findPfIslands(pf);
    expect(count).toBe(2);
    expect(Array.from(islandOf)).toEqual([0, 0, 0, -1, 1, 1]);
  });
});

describe('classifyBuses', () => {
  it('gives an island without a REF bus its first PV bus with a unit as reference', () => {
    const pf = buildPfCase(
      triangle({
        buses: [
          testBus('4', { Pd: 10 }),
          testBus('5', { type: 'PV' }),
          testBus('6', { type: 'PV' }),
        ],
        branches: [testBranch('d', '4', '5'), testBranch('e', '5', '6')],
        generators: [testGenerator('g5', '5', { Pg: 5 }), testGenerator('g6', '6', { Pg: 5 })],
      }),
    );
    const types = classifyBuses(pf);
    expect(list(types.ref)).toEqual([0, 4]);
    expect(list(types.pv)).toEqual([2, 5]);
    expect(list(types.pq)).toEqual([1, 3]);
    expect(types.unreferenced).toEqual([]);
    expect(unreferencedReason(pf, types)).toBeNull();
  });

  it('keeps MATPOWER’s rule on one island: no REF bus with a unit, so the first PV bus', () => {
    const net = triangle();
    net.generators[0]!.inService = false;
    const types = classifyBuses(buildPfCase(net));
    expect(list(types.ref)).toEqual([2]);
    expect(list(types.pq)).toEqual([0, 1]);
  });

  it('lists islands with no REF or PV unit, including a lone PQ bus and units at PQ buses', () => {
    const pf = buildPfCase(
      triangle({
        buses: [testBus('4', { Pd: 10 }), testBus('5', { Pd: 5 }), testBus('6'), testBus('7')],
        branches: [
          testBranch('d', '4', '5'),
          testBranch('e', '3', '6', { inService: false }),
          testBranch('f', '7', '7'),
        ],
        generators: [testGenerator('g4', '4', { Pg: 20 })],
      }),
    );
    const types = classifyBuses(pf);
    expect(types.unreferenced.map(list)).toEqual([[3, 4], [5], [6]]);
    expect(unreferencedReason(pf, types)).toBe(
      'island of 2 buses (4, 5) has no REF or PV bus with an in-service generator to be its ' +
        'angle reference (and 2 other such islands); give it a source, mark its buses NONE, or ' +
        'shed it with energiseIslands',
    );
  });

  it('names the first eight buses of a large island and counts the rest', () => {
    const ids = Array.from({ length: 10 }, (_, k) => String(10 + k));
    const pf = buildPfCase(
      triangle({
        buses: ids.map((id) => testBus(id)),
        branches: ids.slice(1).map((id, k) => testBranch(`x${k}`, ids[k]!, id)),
      }),
    );
    expect(unreferencedReason(pf, classifyBuses(pf))).toMatch(
      /^island of 10 buses \(10, 11, 12, 13, 14, 15, 16, 17 and 2 more\) has no REF/,
    );
  });
});
