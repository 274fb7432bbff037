import { describe, expect, it } from 'vitest';
import {
  clipSegment,
  declutter,
  declutterScratch,
  ensureCapacity,
  MAX_PLACES,
} from './declutter.ts';

type B = [number, number, number, number];

/** candidates as [rank, place boxes…]; returns the place each takes (−1 hidden) */
function run(cands: [number, ...B[]][], gap = 0): number[] {
  const s = declutterScratch(cands.length);
  cands.forEach(([rank, ...boxes], k) => {
    s.rank[k] = rank;
    s.places[k] = boxes.length;
    boxes.forEach((b, p) => s.box.set(b, 4 * (MAX_PLACES * k + p)));
  });
  declutter(s, cands.length, gap);
  return [...s.chosen.subarray(0, cands.length)];
}

describe('declutter', () => {
  it('keeps the higher-ranked of two overlapping labels', () => {
    expect(
      run([
        [1, [0, 0, 100, 20]],
        [2, [50, 10, 100, 20]],
      ]),
    ).toEqual([-1, 0]);
    expect(
      run([
        [3, [0, 0, 100, 20]],
        [2, [50, 10, 100, 20]],
      ]),
    ).toEqual([0, -1]);
  });

  it('shows labels that do not overlap, and counts the gap', () => {
    expect(
      run([
        [1, [0, 0, 100, 20]],
        [1, [100, 0, 50, 20]],
      ]),
    ).toEqual([0, 0]);
    expect(
      run(
        [
          [1, [0, 0, 100, 20]],
          [1, [102, 0, 50, 20]],
        ],
        3,
      ),
    ).toEqual([0, -1]);
  });

  it('a hidden label does not hide others: a chain shows its first and third', () => {
    expect(
      run([
        [3, [0, 0, 60, 20]],
        [2, [50, 0, 60, 20]],
        [1, [100, 0, 60, 20]],
      ]),
    ).toEqual([0, -1, 0]);
  });

  it('breaks ties by the order given', () => {
    expect(
      run([
        [1, [0, 0, 60, 20]],
        [1, [10, 0, 60, 20]],
      ]),
    ).toEqual([0, -1]);
  });

  it('moves a label along its line to the first free place', () => {
    // a city name on the middle of a tripped line: the line's name goes to its second place
    expect(
      run([
        [100, [40, 0, 60, 20]],
        [50, [30, 5, 80, 20], [30, 60, 80, 20], [30, 120, 80, 20]],
      ]),
    ).toEqual([0, 1]);
    // and hides only when every place is taken
    expect(
      run([
        [100, [0, 0, 200, 200]],
        [50, [30, 5, 80, 20], [30, 60, 80, 20]],
      ]),
    ).toEqual([0, -1]);
  });

  it('leaves no two shown labels overlapping, among many', () => {
    const cands: [number, B][] = [];
    for (let k = 0; k < 300; k++)
      cands.push([(k * 13) % 17, [(k * 37) % 500, (k * 53) % 300, 40 + (k % 7) * 9, 14]]);
    const chosen = run(cands, 2);
    const on = cands.filter((_, k) => chosen[k]! >= 0).map((c) => c[1]);
    expect(on.length).toBeGreaterThan(20);
    for (let i = 0; i < on.length; i++)
      for (let j = i + 1; j < on.length; j++) {
        const [ax, ay, aw, ah] = on[i]!;
        const [bx, by, bw, bh] = on[j]!;
        const apart =
          ax + aw + 2 <= bx || bx + bw + 2 <= ax || ay + ah + 2 <= by || by + bh + 2 <= ay;
        expect(apart).toBe(true);
      }
  });

  it('grows its scratch only when too small', () => {
    const s = declutterScratch(4);
    expect(ensureCapacity(s, 4)).toBe(s);
    expect(ensureCapacity(s, 5).rank.length).toBeGreaterThanOrEqual(8);
  });
});

describe('clipSegment', () => {
  const out = new Float64Array(2);
  it('keeps the part of a line inside the free part of the view', () => {
    expect(clipSegment(-100, 50, 100, 50, 0, 0, 200, 100, out)).toBe(true);
    expect([...out]).toEqual([0.5, 1]);
    expect(clipSegment(50, 50, 150, 50, 0, 0, 200, 100, out)).toBe(true);
    expect([...out]).toEqual([0, 1]);
    expect(clipSegment(-50, -50, 250, 150, 0, 0, 200, 100, out)).toBe(true);
    expect(out[0]).toBeCloseTo(0.25, 9);
    expect(out[1]).toBeCloseTo(0.75, 9);
  });
  it('finds nothing of a line outside it', () => {
    expect(clipSegment(-100, 150, 300, 150, 0, 0, 200, 100, out)).toBe(false);
    expect(clipSegment(250, 0, 300, 100, 0, 0, 200, 100, out)).toBe(false);
  });
});
