// Synchronous arrangements of the FI–EE network, so incidents can be replayed as they were:
//   'current'  — since 2025-02-09: Estonia and Latvia in Continental Europe, Russian ties open
//                (the bundled network as built);
//   'pre-2025' — until 2025-02-08: the Baltic states synchronous with IPS/UPS (Russia/Belarus),
//                the EE–RU ties closed. FI–RU ties stay open: FI–RU trade stopped in May 2022,
//                so the 2023–2024 incidents happened without them.
import type { Network } from '../schema/network.ts';

export type TopologyName = 'current' | 'pre-2025';

export const TOPOLOGIES: readonly TopologyName[] = ['current', 'pre-2025'];

/** `net` itself for 'current'; otherwise a copy of it in that arrangement (`net` is not changed). */
export function applyTopology(net: Network, topology: TopologyName): Network {
  if (topology === 'current') return net;
  const out: Network = structuredClone(net);
  const country = new Map(out.buses.map((b) => [b.id, b.country]));
  const baltic = new Set(['EE', 'LV']);
  const joined = new Set<string>();
  for (const br of out.branches) {
    const pair = [country.get(br.from), country.get(br.to)];
    if (pair.includes('RU') && pair.some((c) => c !== undefined && baltic.has(c))) {
      br.inService = true;
      joined.add(country.get(br.from) === 'RU' ? br.from : br.to);
    }
  }
  for (const b of out.buses) {
    if (b.country !== undefined && baltic.has(b.country)) b.area = 'ips-ups';
    if (joined.has(b.id)) {
      b.area = 'ips-ups';
      if (b.type === 'NONE') b.type = 'PV';
    }
  }
  for (const g of out.generators) if (joined.has(g.bus) && g.Pmax > 0) g.inService = true;
  if (!out.areas.some((a) => a.id === 'ips-ups')) {
    out.areas.push({
      id: 'ips-ups',
      name: 'IPS/UPS (Russia)',
      kind: 'synchronous',
      nominalFrequency: 50,
    });
  }
  out.description = `${net.description ?? net.name} — pre-2025 arrangement: Baltic states synchronous with IPS/UPS, EE–RU ties closed`;
  return out;
}
