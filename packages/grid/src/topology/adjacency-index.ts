// A compact typed-array index of the in-service AC topology (graphology's NeighborhoodIndex
// idea, a CSR adjacency): for bus i, its incident branches are edgeIds[starts[i] ..
// starts[i+1]-1] leading to neighbors[...]; a branch appears once at each end (a branch from a
// bus to itself twice at that bus). Out-of-service and outaged branches, branches at isolated
// buses (type NONE) and branches naming an unknown bus (a checkNetwork issue) are left out.
// HVDC links never connect buses here: they are controlled injections.
import { GridError } from '../errors.ts';
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

/** Bus id → position in network.buses (the internal index); duplicate ids are an error. */
export function buildBusIndex(net: Network): Map<string, number> {
  const busIndex = new Map<string, number>();
  net.buses.forEach((b, i) => {
    if (busIndex.has(b.id))
      throw new GridError(
        'FINEST_DUPLICATE_ID',
        `grid/topology: network "${net.name}" has two buses with id "${b.id}" (buses[${busIndex.get(b.id)}], buses[${i}])`,
      );
    busIndex.set(b.id, i);
  });
  return busIndex;
}

export function buildAdjacencyIndex(net: Network, options: TopologyOptions = {}): AdjacencyIndex {
  const nBus = net.buses.length;
  const busIndex = buildBusIndex(net);
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
