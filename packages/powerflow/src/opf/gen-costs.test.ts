// Reading MATPOWER gencost rows: the forms MATPOWER accepts for a DC OPF, and the refusals.
import { describe, expect, it } from 'vitest';
import { costAt, readGenCosts } from './gen-costs.ts';

describe('readGenCosts', () => {
  it('reads quadratic, linear and constant polynomials, leading zeros dropped', () => {
    const [q, l, c, cubicZero] = readGenCosts(
      [
        [2, 0, 0, 3, 0.11, 5, 150],
        [2, 0, 0, 2, 20, 3],
        [2, 0, 0, 1, 7],
        [2, 0, 0, 4, 0, 0.5, 1, 2],
      ],
      4,
    );
    expect(q).toEqual({ kind: 'polynomial', c2: 0.11, c1: 5, c0: 150 });
    expect(l).toEqual({ kind: 'polynomial', c2: 0, c1: 20, c0: 3 });
    expect(c).toEqual({ kind: 'polynomial', c2: 0, c1: 0, c0: 7 });
    expect(cubicZero).toEqual({ kind: 'polynomial', c2: 0.5, c1: 1, c0: 2 });
    expect(costAt(q!, 10)).toBeCloseTo(0.11 * 100 + 50 + 150, 12);
  });

  it('reads piecewise-linear points; two points are a line', () => {
    const [p, line] = readGenCosts(
      [
        [1, 0, 0, 3, 0, 0, 50, 500, 100, 1500],
        [1, 0, 0, 2, 10, 100, 20, 300],
      ],
      2,
    );
    expect(p!.kind).toBe('piecewise');
    expect(costAt(p!, 75)).toBeCloseTo(1000, 12);
    // beyond the last point the end segment continues (MATPOWER's epigraph)
    expect(costAt(p!, 110)).toBeCloseTo(1700, 12);
    expect(line).toEqual({ kind: 'polynomial', c2: 0, c1: 20, c0: -100 });
  });

  it('ignores reactive rows and rows of units out of service', () => {
    const costs = readGenCosts(
      [
        [2, 0, 0, 2, 1, 0],
        [9, 9, 9, 9],
        [2, 0, 0, 1, 0],
        [2, 0, 0, 1, 0],
      ],
      2,
      Uint8Array.of(1, 0),
    );
    expect(costs).toHaveLength(2);
    expect(costs[1]).toEqual({ kind: 'polynomial', c2: 0, c1: 0, c0: 0 });
  });

  it('refuses what a DC OPF cannot take, naming the row', () => {
    const bad: [number[], RegExp][] = [
      [[2, 0, 0, 4, 1, 0, 0, 0], /gencost row 1: a polynomial cost of degree 3/],
      [
        [2, 0, 0, 3, -0.1, 1, 0],
        /gencost row 1: quadratic coefficient -0.1 < 0 makes the cost concave/,
      ],
      [
        [3, 0, 0, 1, 0],
        /gencost row 1: MODEL must be 1 \(piecewise linear\) or 2 \(polynomial\), got 3/,
      ],
      [[2, 0, 0, 3, 1, 2], /gencost row 1: NCOST = 3 needs 3 cost entries, the row has 2/],
      [[1, 0, 0, 3, 0, 0, 50, 10, 40, 20], /point 3 \(40 MW\) does not follow point 2 \(50 MW\)/],
      [[1, 0, 0, 1, 0, 0], /needs 2 points or more, got 1/],
      [[2, 0, 0, 1.5, 0, 0], /NCOST must be a whole number/],
    ];
    for (const [row, message] of bad) expect(() => readGenCosts([row], 1)).toThrow(message);
    expect(() => readGenCosts(undefined, 1)).toThrow(
      /needs a gencost row for each of the 1 generators; the case has 0/,
    );
  });
});
