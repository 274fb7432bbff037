// After outages split the network: every island with generation gets a reference bus (its
// existing one, else the bus of its largest in-service unit by Pmax), and every island without
// generation is de-energised (its buses become isolated) with its demand counted as lost load.
// A REF bus counts only when the island has a REF or PV bus holding an in-service unit, which
// classifyBuses can make the reference; units at PQ buses alone cannot hold an angle.
// The islands' references absorb any imbalance: frequency response is the scenario engine's job.
import { findIslands, type Network } from '@finest/grid';

export interface EnergisedNetwork {
  network: Network;
  /** MW of demand in islands without generation */
  lostLoadMW: number;
  /** number of islands after the outages (energised or not) */
  islands: number;
}

/**
 * @param start optional per-bus Vm (pu) and Va (degrees) to start the solve from
 */
export function energiseIslands(
  net: Network,
  start?: { Vm: ArrayLike<number>; Va: ArrayLike<number> },
): EnergisedNetwork {
  const { islands, islandOf } = findIslands(net);
  const buses = net.buses.map((bus, i) =>
    start ? { ...bus, Vm: start.Vm[i] as number, Va: start.Va[i] as number } : { ...bus },
  );
  const busIndex = new Map(net.buses.map((b, i) => [b.id, i]));
  const largest = new Map<number, { bus: number; pmax: number }>();
  const canReference = new Set<number>();
  for (const gen of net.generators) {
    const i = busIndex.get(gen.bus);
    if (!gen.inService || i === undefined || buses[i]!.type === 'NONE') continue;
    const best = largest.get(islandOf[i]!);
    if (!best || gen.Pmax > best.pmax) largest.set(islandOf[i]!, { bus: i, pmax: gen.Pmax });
    if (buses[i]!.type !== 'PQ') canReference.add(islandOf[i]!);
  }
  let lostLoadMW = 0;
  islands.forEach((island, k) => {
    if (!island.hasGeneration) {
      lostLoadMW += island.demand;
      for (let i = 0; i < buses.length; i++) if (islandOf[i] === k) buses[i]!.type = 'NONE';
    } else if (!island.hasReference || !canReference.has(k)) {
      buses[largest.get(k)!.bus]!.type = 'REF';
    }
  });
  return { network: { ...net, buses }, lostLoadMW, islands: islands.length };
}
