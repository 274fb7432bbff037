// Islands: connected components of the in-service AC network (isolated buses, type NONE, are
// islands of their own and marked dead). Deterministic: islands are ordered by their first bus
// in the network's bus order.
import type { Network } from '../schema/network.ts';
import { buildAdjacencyIndex, type TopologyOptions } from './adjacency-index.ts';

export interface Island {
  /** bus ids in network order */
  buses: string[];
  /** has a REF bus */
  hasReference: boolean;
  /** has an in-service generator */
  hasGeneration: boolean;
  /** MW of demand in the island */
  demand: number;
}

export interface IslandResult {
  islands: Island[];
  /** per bus (network order), the index of its island */
  islandOf: Int32Array;
}

export function findIslands(net: Network, options: TopologyOptions = {}): IslandResult {
  const index = buildAdjacencyIndex(net, options);
  const { nBus, starts, neighbors } = index;
  const islandOf = new Int32Array(nBus).fill(-1);
  const stack = new Int32Array(nBus);
  let count = 0;
  for (let s = 0; s < nBus; s++) {
    if (islandOf[s] !== -1) continue;
    let top = 0;
    stack[top++] = s;
    islandOf[s] = count;
    while (top > 0) {
      const i = stack[--top]!;
      for (let p = starts[i]!; p < starts[i + 1]!; p++) {
        const j = neighbors[p]!;
        if (islandOf[j] === -1) {
          islandOf[j] = count;
          stack[top++] = j;
        }
      }
    }
    count++;
  }
  const islands: Island[] = Array.from({ length: count }, () => ({
    buses: [],
    hasReference: false,
    hasGeneration: false,
    demand: 0,
  }));
  net.buses.forEach((b, i) => {
    const island = islands[islandOf[i]!]!;
    island.buses.push(b.id);
    if (b.type === 'REF') island.hasReference = true;
    if (b.type !== 'NONE') island.demand += b.Pd;
  });
  for (const g of net.generators) {
    const i = index.busIndex.get(g.bus);
    if (g.inService && i !== undefined && net.buses[i]!.type !== 'NONE')
      islands[islandOf[i]!]!.hasGeneration = true;
  }
  return { islands, islandOf };
}
