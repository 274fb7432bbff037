// Geo layers for the map: the list, and each layer as GeoJSON (names from a fixed list).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GeoJsonSchema, GeoLayerListSchema, GeoLayerNameSchema } from '@finest/protocol';
import { notFound } from '../errors.ts';
import type { PluginOptions } from '../services.ts';
import { rawJson } from './raw-json.ts';

const tags = ['geo'];

export const geoRoutes: FastifyPluginAsyncZod<PluginOptions> = async (app, { services }) => {
  app.get(
    '/api/geo',
    { schema: { tags, summary: 'Geo layers', response: { 200: GeoLayerListSchema } } },
    async () => ({ layers: services.geo.list() }),
  );

  app.get(
    '/api/geo/:layer',
    {
      ...rawJson,
      schema: {
        tags,
        summary: 'A geo layer as GeoJSON',
        params: z.object({ layer: GeoLayerNameSchema }),
        response: { 200: GeoJsonSchema },
      },
    },
    async (req, reply) => {
      const layer = services.geo.get(req.params.layer);
      if (!layer) throw notFound('geo layer', req.params.layer);
      return reply
        .type('application/geo+json')
        .header('cache-control', 'public, max-age=3600')
        .send(layer.text as never); // the stored text, passed through by rawJson
    },
  );
};
