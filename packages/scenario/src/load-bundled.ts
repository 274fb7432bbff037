// Node side: reads the bundled FI–EE model from data/ (networks, profiles, city layer and the
// scenario library), each file validated with its schema.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DemandAllocationSchema,
  HourlyProfileSchema,
  parseNetworkJson,
  type Network,
  type SnapshotInputs,
} from '@finest/grid';
import { cityFromDistricts, type CityLayer } from './engine/city-layer.ts';
import { parseScenario } from './parse-scenario.ts';
import type { Scenario } from './schema/scenario.ts';

export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../../../data/', import.meta.url));

export interface BundledData {
  networks: Map<string, Network>;
  profiles: SnapshotInputs;
  cities: CityLayer;
  /** the built-in incident library, by id order */
  scenarios: Scenario[];
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;

export function loadScenarioLibrary(dir = join(BUNDLED_DATA_DIR, 'scenarios')): Scenario[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseScenario(readJson(join(dir, f)), `data/scenarios/${f}`));
}

/** The city layer alone (Helsinki postal areas, Tallinn districts, their feeding substations). */
export function loadBundledCities(dataDir = BUNDLED_DATA_DIR): CityLayer {
  return [
    cityFromDistricts('FI', readJson(join(dataDir, 'geo', 'helsinki-districts.geojson'))),
    cityFromDistricts('EE', readJson(join(dataDir, 'geo', 'tallinn-districts.geojson'))),
  ];
}

export function loadBundledData(dataDir = BUNDLED_DATA_DIR): BundledData {
  const networks = new Map<string, Network>();
  for (const id of ['fi-ee', 'fi', 'ee']) {
    const file = join(dataDir, 'networks', `${id}.json`);
    networks.set(id, parseNetworkJson(readJson(file), `data/networks/${id}.json`));
  }
  const profiles: SnapshotInputs = {
    demand: HourlyProfileSchema.parse(readJson(join(dataDir, 'profiles', 'demand-2015.json'))),
    wind: HourlyProfileSchema.parse(readJson(join(dataDir, 'profiles', 'wind-cf-2015.json'))),
    allocation: DemandAllocationSchema.parse(
      readJson(join(dataDir, 'profiles', 'demand-allocation.json')),
    ),
  };
  const cities = loadBundledCities(dataDir);
  return { networks, profiles, cities, scenarios: loadScenarioLibrary(join(dataDir, 'scenarios')) };
}
