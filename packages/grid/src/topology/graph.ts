// The graphology view of a network: one node per bus, one edge per branch (key = branch id)
// and, optionally, HVDC links as flagged edges. For exploring and drawing the topology; the
// heavy algorithms (islands, bridges) run on the typed-array index instead.
import { MultiUndirectedGraph } from 'graphology';
import type { Network } from '../schema/network.ts';

export interface BusNodeAttributes {
  index: number;
  name?: string;
  baseKV: number;
  country?: string;
}

export interface EdgeAttributes {
  kind: 'line' | 'transformer' | 'hvdc';
  inService: boolean;
}

export interface TopologyGraphOptions {
  /** include out-of-service branches (flagged inService: false); default false */
  includeOutOfService?: boolean;
  /** include HVDC links as edges of kind "hvdc"; default false */
  includeHvdc?: boolean;
}

export function buildTopologyGraph(net: Network, options: TopologyGraphOptions = {}) {
  const graph = new MultiUndirectedGraph<BusNodeAttributes, EdgeAttributes>();
  net.buses.forEach((b, index) => {
    const attrs: BusNodeAttributes = { index, baseKV: b.baseKV };
    if (b.name !== undefined) attrs.name = b.name;
    if (b.country !== undefined) attrs.country = b.country;
    graph.addNode(b.id, attrs);
  });
  for (const br of net.branches) {
    if (!br.inService && !options.includeOutOfService) continue;
    graph.addEdgeWithKey(br.id, br.from, br.to, { kind: br.kind, inService: br.inService });
  }
  if (options.includeHvdc) {
    for (const link of net.hvdcLinks) {
      graph.addEdgeWithKey(`hvdc:${link.id}`, link.from, link.to, {
        kind: 'hvdc',
        inService: link.inService,
      });
    }
  }
  return graph;
}
