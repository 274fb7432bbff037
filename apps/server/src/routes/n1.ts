// POST /api/networks/:id/n1: a DC N-1 screening of a network, as a run with progress; the
// results appear in GET /api/runs/:id when it is done.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamSchema, RunCreatedSchema } from '@finest/protocol';
import type { PluginOptions } from '../services.ts';

export const n1Routes: FastifyPluginAsyncZod<PluginOptions> = async (app, { services }) => {
  app.post(
    '/api/networks/:id/n1',
    {
      schema: {
        tags: ['networks', 'runs'],
        summary: 'Start a DC N-1 screening of a network (results at GET /api/runs/:id)',
        params: IdParamSchema,
        response: { 202: RunCreatedSchema },
      },
    },
    async (req, reply) => reply.code(202).send({ run: services.runs.startN1(req.params.id) }),
  );
};
