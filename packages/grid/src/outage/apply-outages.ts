// Applies the elements of a contingency to a network: a copy with those elements out of
// service. A bus outage isolates the bus (type NONE), which takes its branches and generators
// out with it. Unknown ids are an error naming the contingency and element.
import { GridError } from '../errors.ts';
import type { Contingency } from '../schema/contingency-set.ts';
import type { Network } from '../schema/network.ts';

export function applyOutages(net: Network, contingency: Contingency): Network {
  const ids = {
    branch: new Set<string>(),
    generator: new Set<string>(),
    hvdc: new Set<string>(),
    bus: new Set<string>(),
  };
  for (const e of contingency.elements) ids[e.type].add(e.id);
  const known = {
    branch: new Set(net.branches.map((b) => b.id)),
    generator: new Set(net.generators.map((g) => g.id)),
    hvdc: new Set(net.hvdcLinks.map((h) => h.id)),
    bus: new Set(net.buses.map((b) => b.id)),
  };
  for (const e of contingency.elements) {
    if (!known[e.type].has(e.id)) {
      throw new GridError(
        'FINEST_UNKNOWN_ELEMENT',
        `contingency "${contingency.id}": no ${e.type} with id "${e.id}" in network "${net.name}"`,
      );
    }
  }
  return {
    ...net,
    buses: net.buses.map((b) => (ids.bus.has(b.id) ? { ...b, type: 'NONE' as const } : b)),
    branches: net.branches.map((b) => (ids.branch.has(b.id) ? { ...b, inService: false } : b)),
    generators: net.generators.map((g) =>
      ids.generator.has(g.id) ? { ...g, inService: false } : g,
    ),
    hvdcLinks: net.hvdcLinks.map((h) => (ids.hvdc.has(h.id) ? { ...h, inService: false } : h)),
  };
}
