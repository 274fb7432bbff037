// Networks: list, get (with bus coordinates for the map), upload a MATPOWER case (as
// text/plain, or JSON {name, text}; size-limited) or a CGMES model (application/zip, its own
// size limits), delete an uploaded one.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NetworkSchema } from '@finest/grid';
import {
  IdParamSchema,
  NetworkCreatedSchema,
  NetworkListSchema,
  NetworkUploadQuerySchema,
  NetworkUploadSchema,
} from '@finest/protocol';
import type { PluginOptions } from '../services.ts';
import { rawJson } from './raw-json.ts';
import { acceptZipBodies } from './zip-body.ts';

/** a CGMES zip, as the zip body parser hands it over */
const ZipBodySchema = z
  .custom<Buffer>((v) => Buffer.isBuffer(v), 'a zip archive')
  .meta({ description: 'a CGMES model as a zip (application/zip)' });

const tags = ['networks'];

export const networkRoutes: FastifyPluginAsyncZod<PluginOptions> = async (app, { services }) => {
  const { networks } = services;
  acceptZipBodies(app, services.config.limits.cgmesUploadBytes);

  app.get(
    '/api/networks',
    {
      schema: {
        tags,
        summary: 'Bundled and uploaded networks',
        response: { 200: NetworkListSchema },
      },
    },
    async () => ({ networks: networks.list() }),
  );

  app.get(
    '/api/networks/:id',
    {
      ...rawJson,
      schema: {
        tags,
        summary: 'A network (buses with lon/lat, branches, generators, HVDC links)',
        params: IdParamSchema,
        response: { 200: NetworkSchema },
      },
    },
    async (req) => networks.get(req.params.id),
  );

  app.post(
    '/api/networks',
    {
      bodyLimit: services.config.limits.uploadBytes,
      schema: {
        tags,
        summary:
          'Upload a MATPOWER case (text/plain body, or JSON {name, text}) or a CGMES model (application/zip: EQ, TP, SSH, optional SV and boundary set; ?name= names it)',
        querystring: NetworkUploadQuerySchema,
        body: z.union([NetworkUploadSchema, z.string().min(1), ZipBodySchema]),
        response: { 201: NetworkCreatedSchema },
      },
    },
    async (req, reply) => {
      if (Buffer.isBuffer(req.body)) {
        const created = networks.uploadCgmes(req.query.name ?? 'uploaded.zip', req.body);
        return reply.code(201).send(created);
      }
      const { name, text } =
        typeof req.body === 'string'
          ? { name: req.query.name ?? 'uploaded', text: req.body }
          : req.body;
      const created = networks.upload(name, text);
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/networks/:id',
    {
      schema: {
        tags,
        summary: 'Delete an uploaded network',
        params: IdParamSchema,
        response: { 204: z.undefined() },
      },
    },
    async (req, reply) => {
      networks.remove(req.params.id);
      return reply.code(204).send();
    },
  );
};
