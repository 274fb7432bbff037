// What the twin city shows, for the browser tests: the lit and dark counts per city that the
// legend writes on the page (data-* of city-<name>), and what the building and fabric data say
// each substation feeds — the expectation the counts are checked against.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { z } from 'zod';

const GEO = fileURLToPath(new URL('../../../../data/geo/', import.meta.url));

const BuildingsSchema = z.object({
  features: z.array(z.object({ properties: z.object({ substation: z.string() }) })),
});
/** a fabric feature is a postal area or subdistrict: its blocks are the geometry's parts */
const FabricSchema = z.object({
  features: z.array(
    z.object({
      properties: z.object({ city: z.string(), substation: z.string() }),
      geometry: z.object({ coordinates: z.array(z.unknown()) }),
    }),
  ),
});

const read = <S extends z.ZodType>(name: string, schema: S): z.infer<S> => {
  const file = `${GEO}${name}`;
  const r = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.success) throw new Error(`${file}: ${z.prettifyError(r.error)}`);
  return r.data as z.infer<S>;
};

const buildings = read('helsinki-buildings.geojson', BuildingsSchema).features;
const fabric = read('city-fabric.geojson', FabricSchema).features;

/** Real buildings and modelled blocks of the data, in all and fed by `substation`. */
export function cityData(
  city: string,
  substation: string,
): { buildings: number; fedBuildings: number; blocks: number; fedBlocks: number } {
  const areas = fabric.filter((f) => f.properties.city === city);
  const blocks = (fs: typeof areas): number =>
    fs.reduce((s, f) => s + f.geometry.coordinates.length, 0);
  const real = city === 'Helsinki' ? buildings : [];
  return {
    buildings: real.length,
    fedBuildings: real.filter((f) => f.properties.substation === substation).length,
    blocks: blocks(areas),
    fedBlocks: blocks(areas.filter((f) => f.properties.substation === substation)),
  };
}

const CountsSchema = z.object({
  buildings: z.coerce.number().int(),
  'buildings-lit': z.coerce.number().int(),
  'buildings-dark': z.coerce.number().int(),
  blocks: z.coerce.number().int(),
  'blocks-lit': z.coerce.number().int(),
  'blocks-dark': z.coerce.number().int(),
  /** the feeding substations whose buildings or blocks are dark, space-separated */
  'dark-feeders': z.string(),
});
export type CityCounts = z.infer<typeof CountsSchema>;

/** The counts the legend shows for `city` now. */
export async function cityCounts(page: Page, city: string): Promise<CityCounts> {
  const attrs = await page
    .getByTestId(`city-${city}`)
    .evaluate((el) =>
      Object.fromEntries([...el.attributes].map((a) => [a.name.replace(/^data-/, ''), a.value])),
    );
  return CountsSchema.parse(attrs);
}

/**
 * How many canvas samples (support/browser.ts canvasSample) carry the cold purple tint the
 * city shader mixes into whatever has lost supply (city-material.ts: (0.3, 0.12, 0.36)): red
 * and blue well above green. Nothing else in the scene has that hue — the loading scale runs
 * blue, green, yellow, red — so a lit city has none and a dark one hundreds.
 */
export function darkTinted(samples: readonly number[]): number {
  let n = 0;
  for (const v of samples) {
    const r = v >> 16;
    const g = (v >> 8) & 255;
    const b = v & 255;
    if (r > g * 1.2 && b > g * 1.2 && b > 25) n++;
  }
  return n;
}
