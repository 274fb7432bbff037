// Bridges: in-service branches whose outage splits an island (Tarjan 1974, low-link on a DFS
// tree), iterative so that deep networks cannot overflow the stack. A branch parallel to
// another between the same buses is never a bridge: the DFS skips only the tree edge itself,
// by branch id, not every edge back to the parent.
import type { Network } from '../schema/network.ts';
import { buildAdjacencyIndex, type TopologyOptions } from './adjacency-index.ts';

/** Positions (in network.branches) of the bridges, ascending. */
export function findBridgeIndices(net: Network, options: TopologyOptions = {}): number[] {
  const { nBus, starts, neighbors, edgeIds } = buildAdjacencyIndex(net, options);
  const order = new Int32Array(nBus).fill(-1);
  const low = new Int32Array(nBus);
  const parentEdge = new Int32Array(nBus).fill(-1);
  const cursor = new Int32Array(nBus);
  const stack = new Int32Array(nBus);
  const bridges: number[] = [];
  let counter = 0;
  for (let root = 0; root < nBus; root++) {
    if (order[root] !== -1) continue;
    let top = 0;
    stack[top++] = root;
    order[root] = low[root] = counter++;
    cursor[root] = starts[root]!;
    while (top > 0) {
      const v = stack[top - 1]!;
      if (cursor[v]! < starts[v + 1]!) {
        const p = cursor[v]!++;
        const w = neighbors[p]!;
        const e = edgeIds[p]!;
        if (e === parentEdge[v]) continue;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          parentEdge[w] = e;
          cursor[w] = starts[w]!;
          stack[top++] = w;
        } else if (order[w]! < low[v]!) {
          low[v] = order[w]!;
        }
      } else {
        top--;
        if (top > 0) {
          const u = stack[top - 1]!;
          if (low[v]! < low[u]!) low[u] = low[v]!;
          if (low[v]! > order[u]!) bridges.push(parentEdge[v]!);
        }
      }
    }
  }
  return bridges.sort((a, b) => a - b);
}

/** Ids of the bridge branches. */
export function findBridges(net: Network, options: TopologyOptions = {}): string[] {
  return findBridgeIndices(net, options).map((l) => net.branches[l]!.id);
}
