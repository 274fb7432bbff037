// The city layer: districts of Helsinki and Tallinn with their population and the substations
// that feed them (data/geo/*-districts.geojson), used to count people affected by shedding.
import { z } from 'zod';

const DistrictFeatureSchema = z.object({
  properties: z.object({
    city: z.string(),
    id: z.string(),
    name: z.string(),
    population: z.number().nonnegative(),
    substations: z.array(z.string()),
  }),
});

export const DistrictCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(DistrictFeatureSchema),
});

export interface District {
  id: string;
  name: string;
  population: number;
  /** bus ids */
  substations: string[];
}

export interface City {
  name: string;
  /** ISO 3166 alpha-2 */
  country: string;
  districts: District[];
}

export type CityLayer = City[];

/** Builds a city from a district GeoJSON collection (already parsed JSON). */
export function cityFromDistricts(country: string, geojson: unknown): City {
  const parsed = DistrictCollectionSchema.parse(geojson);
  const first = parsed.features[0]?.properties.city ?? 'city';
  return {
    name: first,
    country,
    districts: parsed.features.map(({ properties: p }) => ({
      id: p.id,
      name: p.name,
      population: p.population,
      substations: p.substations,
    })),
  };
}
