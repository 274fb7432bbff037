// makeBdc against MATPOWER's definition Bbus = Cftᵀ Bf built from coordinates (summing
// duplicates as `sparse` does), on every shared case and on a case with parallel branches, a
// branch from a bus to itself and branches out of service.
import { describe, expect, it } from 'vitest';
import { buildPfCase, type PfCase } from '../model/pf-case.ts';
import { cscFromTriplets, cscToDense, type CscMatrix } from '../sparse/csc.ts';
import {
  casesWithReference,
  describeOnCases,
  loadSharedCase,
} from '../test-support/shared-cases.ts';
import { makeBdc, principalSubmatrix } from './make-bdc.ts';
import { smallNetwork as network } from '../test-support/small-network.ts';

function referenceBbus(pf: PfCase): CscMatrix {
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < pf.nBus; i++) {
    rows.push(i);
    cols.push(i);
    vals.push(0);
  }
  for (let l = 0; l < pf.nBranch; l++) {
    if (!pf.branchOn[l]) continue;
    const b = 1 / (pf.x[l]! * pf.tap[l]!);
    const f = pf.from[l]!;
    const t = pf.to[l]!;
    rows.push(f, f, t, t);
    cols.push(f, t, f, t);
    vals.push(b, -b, -b, b);
  }
  return cscFromTriplets(pf.nBus, pf.nBus, rows, cols, vals);
}

function expectSameMatrix(a: CscMatrix, b: CscMatrix): void {
  expect(Array.from(a.colPtr)).toEqual(Array.from(b.colPtr));
  expect(Array.from(a.rowIdx)).toEqual(Array.from(b.rowIdx));
  for (let p = 0; p < a.values.length; p++) {
    expect(a.values[p]).toBeCloseTo(b.values[p]!, 9);
  }
}

describe('makeBdc', () => {
  describeOnCases('on the shared cases', () => {
    it.each(casesWithReference('dc'))('builds Bbus of %s', (name) => {
      const pf = buildPfCase(loadSharedCase(name));
      expectSameMatrix(makeBdc(pf).Bbus, referenceBbus(pf));
    });
  });

  it('sums parallel branches, skips those out of service, and a self-loop adds nothing', () => {
    const net = network();
    const first = net.branches[0]!;
    net.branches.push({ ...first, id: 'parallel', x: 2 * first.x });
    net.branches.push({ ...first, id: 'off', inService: false });
    net.branches.push({ ...first, id: 'loop', to: first.from });
    const pf = buildPfCase(net);
    const bbus = makeBdc(pf).Bbus;
    expectSameMatrix(bbus, referenceBbus(pf));
    const dense = cscToDense(bbus);
    for (const row of dense) expect(Math.abs(row.reduce((s, v) => s + v, 0))).toBeLessThan(1e-9);
  });

  it('takes principal submatrices with sorted rows, in any order of the kept indices', () => {
    const pf = buildPfCase(network());
    const bbus = makeBdc(pf).Bbus;
    const dense = cscToDense(bbus);
    for (const keep of [Int32Array.from([1, 2, 3]), Int32Array.from([3, 1, 2])]) {
      const sub = principalSubmatrix(bbus, keep);
      const d = cscToDense(sub);
      keep.forEach((i, r) => keep.forEach((j, c) => expect(d[r]![c]).toBe(dense[i]![j])));
      for (let j = 0; j < sub.nCols; j++) {
        for (let p = sub.colPtr[j]! + 1; p < sub.colPtr[j + 1]!; p++) {
          expect(sub.rowIdx[p]!).toBeGreaterThan(sub.rowIdx[p - 1]!);
        }
      }
    }
  });
});
