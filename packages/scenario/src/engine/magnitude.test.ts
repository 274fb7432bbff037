// magnitude() must equal Math.hypot bit for bit, or runs would change in their last digits.
import { describe, expect, it } from 'vitest';
import { magnitude } from './magnitude.ts';

/** a deterministic stream of doubles over many magnitudes and both signs */
function* samples(n: number): Generator<[number, number]> {
  let seed = 12345;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let i = 0; i < n; i++) {
    const scale = 10 ** Math.floor(next() * 40 - 20);
    const a = (next() - 0.5) * 2 * scale * 1000;
    const b = (next() - 0.5) * 2 * scale * (next() < 0.1 ? 1e-12 : 1000);
    yield [a, b];
  }
}

describe('magnitude', () => {
  it('equals Math.hypot bit for bit on a million pairs of every size', () => {
    let differ = 0;
    for (const [a, b] of samples(1_000_000))
      if (!Object.is(magnitude(a, b), Math.hypot(a, b))) differ++;
    expect(differ).toBe(0);
  });

  it('equals it on branch-flow-like values (MW, Mvar) and on the edge cases', () => {
    const edge = [0, -0, 1, -1, 5e-324, -5e-324, 1e308, -1e308, Infinity, -Infinity, NaN, 650, 0.1];
    for (const a of edge)
      for (const b of edge) expect(Object.is(magnitude(a, b), Math.hypot(a, b))).toBe(true);
    for (let p = -2000; p <= 2000; p += 0.37)
      expect(Object.is(magnitude(p, p / 3 + 0.01), Math.hypot(p, p / 3 + 0.01))).toBe(true);
  });
});
