// A compact typed-array index of the in-service AC topology (graphology's NeighborhoodIndex
// idea): for bus i, its incident branches are edgeIds[starts[i] .. starts[i+1]-1] leading to
// neighbors[...]. HVDC links never connect buses here: they are controlled injections.
import type { Network } from '../schema/network.ts';

export interface AdjacencyIndex {
  readonly nBus: number;
  readonly busIndex: ReadonlyMap<string, number>;
  readonly starts: Int32Array;
  readonly neighbors: Int32Array;
  /** branch position in network.branches */
  readonly edgeIds: Int32Array;
}

export interface TopologyOptions {
  /** branch ids to treat as out of service (e.g. a contingency) */
  outaged?: ReadonlySet<string>;
}

export function buildAdjacencyIndex(net: Network, options: TopologyOptions = {}): AdjacencyIndex {
  const nBus = net.buses.length;
  const busIndex = new Map<string, number>();
  net.buses.forEach((b, i) => busIndex.set(b.id, i));
  const isolated = new Uint8Array(nBus);
  net.buses.forEach((b, i) => (isolated[i] = b.type === 'NONE' ? 1 : 0));
  const from: number[] = [];
  const to: number[] = [];
  const ids: number[] = [];
  net.branches.forEach((br, l) => {
    if (!br.inService || options.outaged?.has(br.id)) return;
    const f = busIndex.get(br.from);
    const t = busIndex.get(br.to);
    if (f === undefined || t === undefined || isolated[f] || isolated[t]) return;
    from.push(f);
    to.push(t);
    ids.push(l);
  });
  const starts = new Int32Array(nBus + 1);
  for (let e = 0; e < ids.length; e++) {
    starts[from[e]! + 1]!++;
    starts[to[e]! + 1]!++;
  }
  for (let i = 0; i < nBus; i++) starts[i + 1]! += starts[i]!;
  const fill = starts.slice(0, nBus);
  const neighbors = new Int32Array(2 * ids.length);
  const edgeIds = new Int32Array(2 * ids.length);
  for (let e = 0; e < ids.length; e++) {
    const f = from[e]!;
    const t = to[e]!;
    neighbors[fill[f]!] = t;
    edgeIds[fill[f]!++] = ids[e]!;
    neighbors[fill[t]!] = f;
    edgeIds[fill[t]!++] = ids[e]!;
  }
  return { nBus, busIndex, starts, neighbors, edgeIds };
}
