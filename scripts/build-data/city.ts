// The city layer (data/geo/*-districts.geojson): the areas of Helsinki (the 84 postal areas of
// Statistics Finland's Paavo, 2023) and Tallinn (its 8 districts) with their population, its
// year and source, and the city-side substations that feed them (city-demand.ts decides both;
// this file only writes them out, with simplified outlines).
import type { Network } from '@finest/grid';
import type { CityArea, CityDemand } from './city-demand.ts';
import type { FeatureCollection } from './geo.ts';
import { simplifyRing, type Position } from './geometry.ts';

const TOLERANCE = 0.0003; // ≈ 30 m
const DIGITS = 5;

const LAYER: Record<string, { file: string; name: string; source: string; licence: string }> = {
  Helsinki: {
    file: 'helsinki-districts.geojson',
    name: 'helsinki-postal-areas',
    source:
      'Statistics Finland, Paavo postal-code area statistics 2023, table 12f7 (via ANETILab/stop_accessibility): outlines, inhabitants, workplaces',
    licence: 'CC BY 4.0, © Statistics Finland',
  },
  Tallinn: {
    file: 'tallinn-districts.geojson',
    name: 'tallinn-districts',
    source:
      'Estonian Land Board (Maa-amet) districts (via MariTheCodeExplorer/Coursera_Capstone); population: power-system-facts/district_population.csv, latest year covering every district',
    licence: 'Maa-amet open data (attribution); population: Tallinn City Government register',
  },
};

function simplified(polygons: Position[][][]): Position[][][] {
  return polygons
    .map((rings) =>
      rings
        .map((r) => simplifyRing(r, TOLERANCE, DIGITS))
        .filter((r): r is Position[] => r !== null),
    )
    .filter((rings) => rings.length > 0);
}

function feature(city: string, a: CityArea): FeatureCollection['features'][number] {
  const polygons = simplified(a.polygons);
  return {
    type: 'Feature',
    properties: {
      city,
      id: a.id,
      name: a.name,
      areaKm2: a.areaKm2,
      population: a.population,
      populationEstimated: false,
      populationNote: a.populationNote,
      ...(a.workplaces === undefined ? {} : { workplaces: a.workplaces }),
      substations: a.buses,
      substationDistanceKm: a.feedKm,
    },
    geometry:
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0]! }
        : { type: 'MultiPolygon', coordinates: polygons },
  };
}

export function buildCityLayers(
  cities: CityDemand[],
  net: Network,
): Record<string, FeatureCollection> {
  const buses = new Set(net.buses.map((b) => b.id));
  const out: Record<string, FeatureCollection> = {};
  for (const c of cities) {
    const layer = LAYER[c.city];
    if (!layer) throw new Error(`city: no layer description for ${c.city}`);
    for (const a of c.areas)
      for (const b of a.buses)
        if (!buses.has(b)) throw new Error(`city: ${a.id} is fed by ${b}, not in the network`);
    out[layer.file] = {
      type: 'FeatureCollection',
      name: layer.name,
      source: layer.source,
      licence: layer.licence,
      features: c.areas.map((a) => feature(c.city, a)),
    };
  }
  return out;
}
