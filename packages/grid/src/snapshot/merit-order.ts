// Merit-order dispatch of one zone: the cheapest available sources first until the demand is
// met. Returns the output of each source and the cost of the last (marginal) one.

export interface Source {
  /** index into the caller's list */
  key: number;
  /** MW available this hour */
  available: number;
  /** €/MWh, assumed short-run marginal cost */
  cost: number;
}

export interface ZoneDispatch {
  output: Map<number, number>;
  /** MW of demand left unserved when the sources run out */
  shortfall: number;
  /** total €/h */
  cost: number;
}

export function meritOrder(sources: readonly Source[], demand: number): ZoneDispatch {
  return meritOrderOf(sources).dispatch(demand);
}

/** A zone's sources sorted once, for pricing many demands (the exchange scan prices ~200). */
export interface MeritOrder {
  /** cost and shortfall of meeting `demand`, without building the dispatch */
  price(demand: number): { shortfall: number; cost: number };
  dispatch(demand: number): ZoneDispatch;
}

export function meritOrderOf(sources: readonly Source[]): MeritOrder {
  const ordered = [...sources].sort((a, b) => a.cost - b.cost || a.key - b.key);
  // one loop for both, so a priced demand and its dispatch agree to the last bit
  const fill = (demand: number, output: Map<number, number> | null) => {
    let left = Math.max(0, demand);
    let cost = 0;
    for (const s of ordered) {
      const p = Math.min(s.available, left);
      output?.set(s.key, p);
      cost += p * s.cost;
      left -= p;
    }
    return { shortfall: left, cost };
  };
  return {
    price: (demand) => fill(demand, null),
    dispatch: (demand) => {
      const output = new Map<number, number>();
      return { output, ...fill(demand, output) };
    },
  };
}
