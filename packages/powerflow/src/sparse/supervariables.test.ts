import { describe, expect, it } from 'vitest';
import { gridLaplacian, seededRandom, syntheticJacobian } from '../test-support/sparse-matrices.ts';
import { approximateMinimumDegree } from './amd.ts';
import type { CscMatrix } from './csc.ts';
import { symbolicGroupedLu, symbolicSymmetricLu } from './lu-symbolic.ts';
import { findSupernodes } from './lu-supernodes.ts';
import { compressPattern, expandOrdering, findSupervariables } from './supervariables.ts';

function groupedAnalysis(a: CscMatrix) {
  const sv = findSupervariables(a);
  const g = compressPattern(a, sv);
  const weights = Int32Array.from({ length: sv.count }, (_, k) => sv.start[k + 1]! - sv.start[k]!);
  const order = approximateMinimumDegree(g, { symmetric: true, weights });
  return {
    sv,
    g,
    order,
    perm: expandOrdering(order, sv),
    pattern: symbolicGroupedLu(g, order, sv),
  };
}

describe('supervariables', () => {
  it('pairs the two unknowns of each bus of a Jacobian', () => {
    const a = syntheticJacobian(9, 7, seededRandom(3));
    const sv = findSupervariables(a);
    expect(sv.count).toBe(a.nCols / 2);
    for (let g = 0; g < sv.count; g++) {
      expect(sv.start[g + 1]! - sv.start[g]!).toBe(2);
      const [i, j] = [sv.members[sv.start[g]!]!, sv.members[sv.start[g]! + 1]!];
      expect(i >> 1).toBe(j >> 1);
      expect(sv.groupOf[i]).toBe(g);
      expect(sv.groupOf[j]).toBe(g);
    }
  });

  it('leaves a grid Laplacian as it is (no two nodes alike)', () => {
    const a = gridLaplacian(8, 6);
    const sv = findSupervariables(a);
    expect(sv.count).toBe(a.nCols);
    const g = compressPattern(a, sv);
    expect(g.colPtr[g.nCols]).toBe(a.colPtr[a.nCols]);
  });

  it.each([
    ['Jacobian-like', syntheticJacobian(12, 10, seededRandom(5))],
    ['grid Laplacian', gridLaplacian(11, 9)],
  ])('gives the scalar symbolic factorisation of the expanded ordering (%s)', (_, a) => {
    const { perm, pattern } = groupedAnalysis(a);
    const qinv = new Int32Array(perm.length);
    perm.forEach((j, k) => (qinv[j] = k));
    const scalar = symbolicSymmetricLu(a, perm, qinv);
    expect(Array.from(pattern.lp)).toEqual(Array.from(scalar.lp));
    expect(Array.from(pattern.li)).toEqual(Array.from(scalar.li));
    expect(Array.from(pattern.up)).toEqual(Array.from(scalar.up));
    expect(Array.from(pattern.ui)).toEqual(Array.from(scalar.ui));
    const n = a.nCols;
    const superEnd = findSupernodes(n, scalar.lp, scalar.li);
    expect(Array.from(pattern.superEnd!)).toEqual(Array.from(superEnd));
    // Every pair it marks is one findPairs would accept.
    const pairs = pattern.pairedWithNext!;
    for (let k = 0; k + 1 < n; k++) {
      if (pairs[k] !== 1) continue;
      expect(superEnd[k]!).toBeGreaterThanOrEqual(k + 2);
      const u0 = Array.from(scalar.ui.subarray(scalar.up[k]!, scalar.up[k + 1]!));
      const u1 = Array.from(scalar.ui.subarray(scalar.up[k + 1]!, scalar.up[k + 2]!));
      expect(u1).toEqual([...u0, k + 1]);
      expect(pairs[k + 1]).toBe(0);
    }
  });

  it('keeps groups whose members are not next to each other in A', () => {
    // Unknowns 0 and 3 are alike (both touch 1, 2 and each other); 1 and 2 are not.
    const cols = [
      [0, 1, 2, 3],
      [0, 1, 3],
      [0, 2, 3],
      [0, 1, 2, 3],
    ];
    const colPtr = Int32Array.from([0, 4, 7, 10, 14]);
    const rowIdx = Int32Array.from(cols.flat());
    const a = { nRows: 4, nCols: 4, colPtr, rowIdx, values: new Float64Array(14) };
    const sv = findSupervariables(a);
    expect(sv.count).toBe(3);
    expect(sv.groupOf[0]).toBe(sv.groupOf[3]);
    expect(Array.from(expandOrdering(Int32Array.from([1, 0, 2]), sv))).toEqual([1, 0, 3, 2]);
  });
});
