// Merit order: cheapest first, ties by key, shortfall when the sources run out.
import { describe, expect, it } from 'vitest';
import { meritOrder, meritOrderOf } from './merit-order.ts';

describe('meritOrder', () => {
  const sources = [
    { key: 0, available: 100, cost: 50 },
    { key: 1, available: 300, cost: 5 },
    { key: 2, available: 200, cost: 20 },
  ];

  it('fills the cheapest sources first and prices the energy', () => {
    const d = meritOrder(sources, 450);
    expect([...d.output.entries()].sort()).toEqual([
      [0, 0],
      [1, 300],
      [2, 150],
    ]);
    expect(d.cost).toBe(300 * 5 + 150 * 20);
    expect(d.shortfall).toBe(0);
  });

  it('reports the demand it cannot meet', () => {
    expect(meritOrder(sources, 700).shortfall).toBe(100);
    expect(meritOrder(sources, -5).cost).toBe(0);
  });

  it('prices a demand exactly as its dispatch does', () => {
    const order = meritOrderOf(sources);
    for (const demand of [-5, 0, 99.9, 450, 600, 700]) {
      const { output, ...priced } = order.dispatch(demand);
      expect(order.price(demand)).toEqual(priced);
      expect(output.size).toBe(3);
    }
  });
});
