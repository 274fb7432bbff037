// Sweeps: start one (202; planned and checked first, computed in the background), list, state
// with progress, the aggregate per scenario and variant, the runs (for the heatmap), one run's
// KPIs, one run opened as a run of the twin, CSV and JSON exports, delete. Progress also goes
// out over the WebSocket (`watch-sweep`).
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParamSchema,
  RunCreatedSchema,
  SweepCreatedSchema,
  SweepDetailsSchema,
  SweepExportSchema,
  SweepListSchema,
  SweepResultSchema,
  SweepRunParamsSchema,
  SweepRunResultSchema,
  SweepRunsSchema,
  SweepSpecSchema,
} from '@finest/protocol';
import { sweepCsvLines } from '@finest/sweep';
import type { PluginOptions } from '../services.ts';

const tags = ['sweeps'];

export const sweepRoutes: FastifyPluginAsyncZod<PluginOptions> = async (app, { services }) => {
  const { sweeps } = services;

  app.post(
    '/api/sweeps',
    {
      schema: {
        tags,
        summary:
          'Start a sweep: scenarios × variants × hours × seeds, one run each (a sweep already stored is returned, and resumed when runs are missing)',
        body: SweepSpecSchema,
        response: { 202: SweepCreatedSchema },
      },
    },
    async (req, reply) => reply.code(202).send({ sweep: sweeps.create(req.body) }),
  );

  app.get(
    '/api/sweeps',
    {
      schema: { tags, summary: 'Stored sweeps, newest first', response: { 200: SweepListSchema } },
    },
    async () => ({ sweeps: sweeps.list() }),
  );

  app.get(
    '/api/sweeps/:id',
    {
      schema: {
        tags,
        summary: 'A sweep: state, progress, and what it covers',
        params: IdParamSchema,
        response: { 200: SweepDetailsSchema },
      },
    },
    async (req) => ({ info: sweeps.info(req.params.id), sweep: sweeps.head(req.params.id) }),
  );

  app.get(
    '/api/sweeps/:id/aggregate',
    {
      schema: {
        tags,
        summary:
          'Per scenario and variant: runs, failures, energy not served (expected, p50, p95, max), hours with shedding, peak shed, worst nadir, the ten worst hours (so far, until complete)',
        params: IdParamSchema,
        response: { 200: SweepResultSchema },
      },
    },
    async (req) => sweeps.aggregate(req.params.id),
  );

  app.get(
    '/api/sweeps/:id/runs',
    {
      schema: {
        tags,
        summary: 'The runs with a result, in plan order, without their full KPIs',
        params: IdParamSchema,
        response: { 200: SweepRunsSchema },
      },
    },
    async (req) => ({ sweepId: req.params.id, ...sweeps.runs(req.params.id) }),
  );

  app.get(
    '/api/sweeps/:id/runs/:key',
    {
      schema: {
        tags,
        summary: 'One run of the sweep with its full KPIs',
        params: SweepRunParamsSchema,
        response: { 200: SweepRunResultSchema },
      },
    },
    async (req) => sweeps.run(req.params.id, req.params.key),
  );

  app.post(
    '/api/sweeps/:id/runs/:key/open',
    {
      schema: {
        tags,
        summary:
          'Compute one run of the sweep again as a run of the twin (frames, playback, log): the same inputs, so the same KPIs',
        params: SweepRunParamsSchema,
        response: { 202: RunCreatedSchema },
      },
    },
    async (req, reply) =>
      reply.code(202).send({ run: sweeps.openRun(req.params.id, req.params.key) }),
  );

  app.get(
    '/api/sweeps/:id/export.csv',
    {
      schema: {
        tags,
        summary: 'The runs as CSV, one row per run (scenario, variant, hour, seed, KPIs)',
        params: IdParamSchema,
        response: { 200: z.string() },
      },
    },
    async (req, reply) => {
      const { profileStart, runs } = sweeps.runs(req.params.id);
      const lines = sweepCsvLines(runs, profileStart);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.id}.csv"`)
        .send(
          Readable.from(
            (function* () {
              for (const line of lines) yield `${line}\n`;
            })(),
          ) as never,
        );
    },
  );

  app.get(
    '/api/sweeps/:id/export.json',
    {
      schema: {
        tags,
        summary: 'The sweep, its aggregate and every run',
        params: IdParamSchema,
        response: { 200: SweepExportSchema },
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      const body = {
        info: sweeps.info(id),
        result: sweeps.aggregate(id),
        ...sweeps.runs(id),
      };
      return reply.header('content-disposition', `attachment; filename="${id}.json"`).send(body);
    },
  );

  app.delete(
    '/api/sweeps/:id',
    {
      schema: {
        tags,
        summary: 'Delete a sweep (stops it when computing) and the results no other sweep shares',
        params: IdParamSchema,
        response: { 204: z.undefined() },
      },
    },
    async (req, reply) => {
      sweeps.remove(req.params.id);
      return reply.code(204).send();
    },
  );
};
