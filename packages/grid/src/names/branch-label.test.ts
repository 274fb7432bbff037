import { describe, expect, it } from 'vitest';
import { testBranch, testBus, testNetwork } from '../testing/builders.ts';
import { branchLabel, formatBranchLabel } from './branch-label.ts';

const net = testNetwork({
  buses: [
    testBus('FI:1', { name: 'Espoo', baseKV: 400 }),
    testBus('FI:2', { name: 'Inkoo', baseKV: 400 }),
    testBus('3', { baseKV: 110 }),
    testBus('7', { baseKV: 110 }),
  ],
  branches: [
    testBranch('L981', 'FI:1', 'FI:2'),
    testBranch('T5', 'FI:2', 'FI:1', { kind: 'transformer', name: 'Inkoo T5' }),
    testBranch('3', '3', '7'),
  ],
});

describe('branchLabel', () => {
  it('names a branch with its own id by its ends, voltage and id', () => {
    expect(branchLabel(net, 0)).toBe('Espoo–Inkoo 400 kV line (L981)');
  });

  it('uses the branch name when there is one, and says transformer', () => {
    expect(branchLabel(net, 1)).toBe('Inkoo T5 transformer (T5)');
  });

  it('names a MATPOWER branch (id = 1-based row) by its row and end buses', () => {
    expect(branchLabel(net, 2)).toBe('branch 3 (bus 3 → 7)');
  });

  it('reads the same with or without a bus index', () => {
    const index = new Map(net.buses.map((b, i) => [b.id, i]));
    for (let l = 0; l < net.branches.length; l++) {
      expect(branchLabel(net, l, index)).toBe(branchLabel(net, l));
    }
  });

  it('throws naming the position when there is no such branch', () => {
    expect(() => branchLabel(net, 9)).toThrow('@finest/grid: no branch at position 9');
  });

  it('formats a branch known by row and bus ids only (the solver index) as a MATPOWER row', () => {
    expect(formatBranchLabel({ row: 3, from: { id: '3' }, to: { id: '4' } })).toBe(
      'branch 4 (bus 3 → 4)',
    );
  });

  it('says "line" when the voltage of its ends is unknown', () => {
    expect(formatBranchLabel({ row: 0, id: 'X1', from: { id: 'a' }, to: { id: 'b' } })).toBe(
      'a–b line (X1)',
    );
  });
});
