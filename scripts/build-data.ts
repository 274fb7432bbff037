// `npm run build-data`: derives the project's FI–EE model in data/ from the public sources in
// ../shared/data, deterministically (the same sources give the same bytes). See data/README.md
// for every source, licence and assumption.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkNetwork, NetworkSchema, type Network } from '@finest/grid';
import { buildNational, mergeNetworks } from './build-data/build-network.ts';
import { readGridkit } from './build-data/gridkit.ts';
import { allocateDemand } from './build-data/allocation.ts';
import { readProfiles } from './build-data/profiles.ts';
import { buildGeoLayers } from './build-data/geo.ts';
import { buildCityLayers } from './build-data/city.ts';
import { cityDemand, type CityDemand } from './build-data/city-demand.ts';
import { addCityGrid } from './build-data/city-grid.ts';
import { applyGridChanges } from './build-data/grid-changes.ts';
import { buildBuildings, BUILDINGS_FILE } from './build-data/buildings.ts';
import { buildFabric, FABRIC_FILE } from './build-data/fabric.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = process.env.FINEST_SHARED_DATA ?? join(ROOT, '..', 'shared', 'data');
const OUT = join(ROOT, 'data', 'networks');
const PROFILES = join(ROOT, 'data', 'profiles');
const GEO = join(ROOT, 'data', 'geo');

/** The capitals' demand and substations, sized on the 2015 profiles. */
export function buildCities(sharedData: string): {
  cities: CityDemand[];
  peakMW: Record<'FI' | 'EE', number>;
} {
  const { demand } = readProfiles(sharedData);
  const gwh = (c: 'FI' | 'EE'): number => demand.series[c].reduce((s, x) => s + x, 0) / 1000;
  const peak = (c: 'FI' | 'EE'): number => Math.max(...demand.series[c]);
  return {
    cities: cityDemand(sharedData, { FI: gwh('FI'), EE: gwh('EE') }),
    peakMW: { FI: peak('FI'), EE: peak('EE') },
  };
}

export function buildNetworks(sharedData: string): Record<string, Network> {
  const gk = readGridkit(join(sharedData, 'pypsa-eur-entsoegridkit-fi-ee'));
  const { cities, peakMW } = buildCities(sharedData);
  const fi = buildNational(gk, 'FI');
  applyGridChanges(fi);
  addCityGrid(fi, 'FI', cities, peakMW.FI);
  const ee = buildNational(gk, 'EE');
  addCityGrid(ee, 'EE', cities, peakMW.EE);
  return { fi, ee, 'fi-ee': mergeNetworks(gk, fi, ee) };
}

export const serialise = (value: unknown): string => JSON.stringify(value, null, 1) + '\n';

/** GeoJSON is written compactly (one line): it is large and read by programs. */
export const serialiseGeo = (value: unknown): string => JSON.stringify(value) + '\n';

/**
 * Base map, city layers and the twin city (real buildings, and the modelled fabric around
 * them, both fed as the city layer says): GeoJSON files in data/geo, by file name.
 */
export function buildGeo(sharedData: string, fiEe: Network): Record<string, unknown> {
  const { cities } = buildCities(sharedData);
  const buildings = buildBuildings(sharedData, cities);
  return {
    ...buildGeoLayers(sharedData),
    ...buildCityLayers(cities, fiEe),
    [BUILDINGS_FILE]: buildings,
    [FABRIC_FILE]: buildFabric(sharedData, cities, buildings),
  };
}

/** Profiles and demand allocation: JSON files in data/profiles, by file name. */
export function buildProfiles(sharedData: string, fiEe: Network): Record<string, unknown> {
  const { demand, wind } = readProfiles(sharedData);
  return {
    'demand-2015.json': demand,
    'wind-cf-2015.json': wind,
    'demand-allocation.json': allocateDemand(fiEe, sharedData, buildCities(sharedData).cities),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(OUT, { recursive: true });
  const networks = buildNetworks(SHARED);
  mkdirSync(PROFILES, { recursive: true });
  for (const [file, value] of Object.entries(buildProfiles(SHARED, networks['fi-ee']!))) {
    writeFileSync(join(PROFILES, file), serialise(value));
    console.log(`data/profiles/${file}`);
  }
  mkdirSync(GEO, { recursive: true });
  for (const [file, value] of Object.entries(buildGeo(SHARED, networks['fi-ee']!))) {
    writeFileSync(join(GEO, file), serialiseGeo(value));
    console.log(`data/geo/${file}`);
  }
  for (const [name, net] of Object.entries(networks)) {
    NetworkSchema.parse(net);
    const issues = checkNetwork(net);
    writeFileSync(join(OUT, `${name}.json`), serialise(net));
    console.log(
      `data/networks/${name}.json: ${net.buses.length} buses, ${net.branches.length} branches, ${net.generators.length} generators, ${net.hvdcLinks.length} HVDC links${issues.length ? `; ${issues.length} check findings:` : ''}`,
    );
    for (const i of issues) console.log(`  ${i.path}: ${i.message}`);
  }
}
