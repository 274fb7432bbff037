// Scenarios: the built-in library and user scenarios (create, replace, delete, duplicate).
// Bodies are validated with ScenarioSchema: a 400 names the path of every bad field.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ScenarioSchema } from '@finest/scenario/schema';
import {
  DuplicateScenarioSchema,
  IdParamSchema,
  ScenarioEnvelopeSchema,
  ScenarioListSchema,
} from '@finest/protocol';
import type { PluginOptions } from '../services.ts';

const tags = ['scenarios'];

export const scenarioRoutes: FastifyPluginAsyncZod<PluginOptions> = async (app, { services }) => {
  const { scenarios } = services;

  app.get(
    '/api/scenarios',
    {
      schema: {
        tags,
        summary: 'Built-in and user scenarios',
        response: { 200: ScenarioListSchema },
      },
    },
    async () => ({ scenarios: scenarios.list() }),
  );

  app.get(
    '/api/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'A scenario',
        params: IdParamSchema,
        response: { 200: ScenarioEnvelopeSchema },
      },
    },
    async (req) => scenarios.get(req.params.id),
  );

  app.post(
    '/api/scenarios',
    {
      schema: {
        tags,
        summary: 'Create a user scenario',
        body: ScenarioSchema,
        response: { 201: ScenarioEnvelopeSchema },
      },
    },
    async (req, reply) => reply.code(201).send(scenarios.create(req.body)),
  );

  app.put(
    '/api/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'Replace a user scenario',
        params: IdParamSchema,
        body: ScenarioSchema,
        response: { 200: ScenarioEnvelopeSchema },
      },
    },
    async (req) => scenarios.update(req.params.id, req.body),
  );

  app.delete(
    '/api/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'Delete a user scenario',
        params: IdParamSchema,
        response: { 204: z.undefined() },
      },
    },
    async (req, reply) => {
      scenarios.remove(req.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/scenarios/:id/duplicate',
    {
      schema: {
        tags,
        summary: 'Copy a scenario (built-in or user) as a new user scenario',
        params: IdParamSchema,
        body: DuplicateScenarioSchema,
        response: { 201: ScenarioEnvelopeSchema },
      },
    },
    async (req, reply) => reply.code(201).send(scenarios.duplicate(req.params.id, req.body ?? {})),
  );
};
