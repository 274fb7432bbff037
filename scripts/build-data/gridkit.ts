// Reads the PyPSA-Eur / ENTSO-E GridKit extract for Finland and Estonia
// (../shared/data/pypsa-eur-entsoegridkit-fi-ee, CC BY 4.0; see its SOURCE.md) into typed
// records. No modelling decisions here: those are in build-network.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv, parseHstore } from './csv.ts';

export interface GkBus {
  id: string;
  /** map voltage class: 132, 220, 300 or 380; 0 for DC buses */
  voltage: number;
  dc: boolean;
  country: string;
  lon: number;
  lat: number;
  name?: string;
}

export interface GkLine {
  id: string;
  bus0: string;
  bus1: string;
  voltage: number;
  circuits: number;
  /** km (the source gives metres) */
  lengthKm: number;
  underConstruction: boolean;
}

export interface GkLink {
  id: string;
  bus0: string;
  bus1: string;
  lengthKm: number;
}

export interface GkTransformer {
  id: string;
  bus0: string;
  bus1: string;
}

export interface GkGenerator {
  id: string;
  bus: string;
  technology: string;
  /** MW; null where the source leaves it empty or gives a non-positive value (-1) */
  capacity: number | null;
  name?: string;
}

export interface Gridkit {
  buses: GkBus[];
  lines: GkLine[];
  links: GkLink[];
  transformers: GkTransformer[];
  generators: GkGenerator[];
}

const SORT = <T extends { id: string }>(rows: T[]): T[] =>
  rows.sort((a, b) => Number(a.id) - Number(b.id));

export function readGridkit(dir: string): Gridkit {
  const read = (file: string, quote = "'"): Record<string, string>[] =>
    parseCsv(readFileSync(join(dir, file), 'utf8'), { quote });
  const country = new Map(read('bus_country.csv', '"').map((r) => [r.bus_id!, r.country!]));
  const hints = new Map(read('bus_name_hints.csv', '"').map((r) => [r.bus_id!, r]));
  const buses = read('buses.csv').map((r): GkBus => {
    const c = country.get(r.bus_id!);
    if (!c) throw new Error(`gridkit: bus ${r.bus_id} has no country in bus_country.csv`);
    const hint = hints.get(r.bus_id!);
    const name =
      hint?.osm2016_nearest_named_substation_within_15km ||
      hint?.entsoe_generator_names_at_bus ||
      undefined;
    const bus: GkBus = {
      id: r.bus_id!,
      voltage: r.voltage ? Number(r.voltage) : 0,
      dc: r.dc === 't',
      country: c,
      lon: Number(r.x),
      lat: Number(r.y),
    };
    if (name) bus.name = name;
    return bus;
  });
  const lines = read('lines.csv').map((r): GkLine => ({
    id: r.line_id!,
    bus0: r.bus0!,
    bus1: r.bus1!,
    voltage: Number(r.voltage),
    circuits: Number(r.circuits),
    lengthKm: Number(r.length) / 1000,
    underConstruction: r.under_construction === 'True' || r.under_construction === 't',
  }));
  const links = read('links.csv').map((r): GkLink => ({
    id: r.link_id!,
    bus0: r.bus0!,
    bus1: r.bus1!,
    lengthKm: Number(r.length) / 1000,
  }));
  const transformers = read('transformers.csv').map((r): GkTransformer => ({
    id: r.transformer_id!,
    bus0: r.bus0!,
    bus1: r.bus1!,
  }));
  const generators = read('generators.csv').map((r): GkGenerator => {
    const tags = parseHstore(r.tags ?? '');
    const g: GkGenerator = {
      id: r.generator_id!,
      bus: r.bus_id!,
      technology: r.technology!,
      capacity: Number(r.capacity) > 0 ? Number(r.capacity) : null,
    };
    if (tags.name) g.name = tags.name;
    return g;
  });
  return {
    buses: SORT(buses),
    lines: SORT(lines),
    links: SORT(links),
    transformers: SORT(transformers),
    generators: SORT(generators),
  };
}
