// What a process needs to compute sweep jobs: the networks, profiles and city layer, and their
// identities (hashes). A job names its network by id and carries the hashes the planner saw;
// a worker whose data differs (another checkout, an edited file) refuses the job rather than
// compute a different answer under the same key.
import type { Network, SnapshotInputs } from '@finest/grid';
import { ENGINE_VERSION, loadBundledData, prepareEngine, type CityLayer } from '@finest/scenario';
import { hashJson } from './canonical.ts';

export interface EngineData {
  networks: ReadonlyMap<string, Network>;
  profiles: SnapshotInputs;
  cities: CityLayer;
}

export interface EngineContext {
  readonly data: EngineData;
  readonly engineVersion: number;
  /** hash of the profiles and the city layer */
  readonly dataHash: string;
  /** hash of a network, or undefined when this process does not have it */
  networkHash(id: string): string | undefined;
}

/** The context of given data; the engine must be prepared (`await prepareEngine()`) first. */
export function createEngineContext(data: EngineData): EngineContext {
  const hashes = new Map<string, string>();
  let dataHash: string | undefined;
  return {
    data,
    engineVersion: ENGINE_VERSION,
    get dataHash() {
      return (dataHash ??= hashJson({ profiles: data.profiles, cities: data.cities }));
    },
    networkHash(id) {
      const found = hashes.get(id);
      if (found) return found;
      const net = data.networks.get(id);
      if (!net) return undefined;
      const h = hashJson(net);
      hashes.set(id, h);
      return h;
    },
  };
}

/**
 * The bundled FI–EE data (data/ or another directory laid out the same way), with the engine
 * prepared (HiGHS loaded).
 */
export async function bundledEngineContext(dataDir?: string): Promise<EngineContext> {
  await prepareEngine();
  const d = loadBundledData(dataDir);
  return createEngineContext({ networks: d.networks, profiles: d.profiles, cities: d.cities });
}
