// Runs: start one (202; computed in the background), list, status with progress and KPIs, the
// event log, frames by tick range (binary or JSON), exports (JSON, CSV), delete; a what-if
// branch of a run; and compare two finished runs.
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BranchRunSchema,
  CompareQuerySchema,
  CompareResponseSchema,
  decodeFrame,
  frameToJson,
  FramesJsonSchema,
  FramesQuerySchema,
  IdParamSchema,
  joinFrames,
  RunCreatedSchema,
  RunDetailsSchema,
  RunExportSchema,
  RunListSchema,
  RunLogSchema,
  StartRunSchema,
} from '@finest/protocol';
import { compareRuns } from '@finest/scenario';
import { csvLines } from '../runs/export-csv.ts';
import type { RunFrames } from '../runs/run-frames.ts';
import type { PluginOptions } from '../services.ts';
import { rawJson } from './raw-json.ts';

const tags = ['runs'];
/** frames in one range response */
export const MAX_FRAMES_PER_REQUEST = 5000;

export const runRoutes: FastifyPluginAsyncZod<PluginOptions> = async (app, { services }) => {
  const { runs, scenarios } = services;

  app.post(
    '/api/runs',
    {
      schema: {
        tags,
        summary: 'Start a run of a stored or inline scenario (computed in the background)',
        body: StartRunSchema,
        response: { 202: RunCreatedSchema },
      },
    },
    async (req, reply) => {
      const { scenarioId, scenario, networkId, seed } = req.body;
      const s = scenario ?? scenarios.get(scenarioId!).scenario;
      return reply.code(202).send({ run: runs.startScenario({ scenario: s, networkId, seed }) });
    },
  );

  app.get(
    '/api/runs',
    { schema: { tags, summary: 'Stored runs, newest first', response: { 200: RunListSchema } } },
    async () => ({ runs: runs.list() }),
  );

  app.get(
    '/api/runs/:id',
    {
      schema: {
        tags,
        summary: 'A run: inputs, status, progress, KPIs (so far), N-1 results',
        params: IdParamSchema,
        response: { 200: RunDetailsSchema },
      },
    },
    async (req) => runs.details(req.params.id),
  );

  app.get(
    '/api/runs/:id/log',
    {
      schema: {
        tags,
        summary: 'The sequence-of-events log',
        params: IdParamSchema,
        response: { 200: RunLogSchema },
      },
    },
    async (req) => ({ runId: req.params.id, entries: [...runs.log(req.params.id)] }),
  );

  app.get(
    '/api/runs/:id/frames',
    {
      ...rawJson,
      schema: {
        tags,
        summary:
          'Frames by tick range [from, to]: binary (per frame a u32 LE length, then the frame) or ?format=json',
        params: IdParamSchema,
        querystring: FramesQuerySchema,
        response: { 200: FramesJsonSchema },
      },
    },
    async (req, reply) => {
      const frames = runs.frames(req.params.id);
      const from = req.query.from ?? 0;
      const last = Math.min(frames.count - 1, req.query.to ?? Number.MAX_SAFE_INTEGER);
      const to = Math.min(last, from + MAX_FRAMES_PER_REQUEST - 1);
      const ticks = from <= to ? Array.from({ length: to - from + 1 }, (_, k) => from + k) : [];
      void reply.header('x-finest-ticks', String(frames.count));
      if (req.query.format === 'json')
        return {
          runId: req.params.id,
          frames: ticks.map((t) => frameToJson(decodeFrame(frames.bytes(t)).frame)),
        };
      const body = Buffer.from(joinFrames(ticks.map((t) => frames.bytes(t))).buffer);
      return reply.type('application/octet-stream').send(body as never);
    },
  );

  app.get(
    '/api/runs/:id/export.json',
    {
      schema: {
        tags,
        summary: 'The whole run as JSON: inputs, KPIs, log and frames',
        params: IdParamSchema,
        response: { 200: RunExportSchema },
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      const details = runs.details(id);
      const head = JSON.stringify({
        run: details.run,
        scenario: runs.scenario(id),
        kpis: details.kpis,
        log: [...runs.log(id)],
      });
      const frames = runs.frames(id);
      return reply
        .type('application/json')
        .header('content-disposition', `attachment; filename="${id}.json"`)
        .send(Readable.from(exportJson(head, frames)) as never);
    },
  );

  app.get(
    '/api/runs/:id/export.csv',
    {
      schema: {
        tags,
        summary:
          'Frames as CSV: frequencies, HVDC transfers, load and shed per country, branch loadings',
        params: IdParamSchema,
        response: { 200: z.string() },
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      const { run } = runs.details(id);
      const network = services.networks.get(run.networkId);
      const busCountry = new Map(network.buses.map((b) => [b.id, b.country ?? '??']));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${id}.csv"`)
        .send(Readable.from(csvLines(run.layout, runs.frames(id), busCountry)) as never);
    },
  );

  app.delete(
    '/api/runs/:id',
    {
      schema: {
        tags,
        summary: 'Delete a run (stops it when computing)',
        params: IdParamSchema,
        response: { 204: z.undefined() },
      },
    },
    async (req, reply) => {
      runs.remove(req.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/runs/:id/branch',
    {
      schema: {
        tags,
        summary: "A what-if: the run's scenario with extra events from atS (equal to it before)",
        params: IdParamSchema,
        body: BranchRunSchema,
        response: { 202: RunCreatedSchema },
      },
    },
    async (req, reply) =>
      reply.code(202).send({ run: runs.branch(req.params.id, req.body.atS, req.body.events) }),
  );

  app.get(
    '/api/compare',
    {
      schema: {
        tags,
        summary:
          'Compare two finished runs (b − a): per country, per city, branches tripped in one only',
        querystring: CompareQuerySchema,
        response: { 200: CompareResponseSchema },
      },
    },
    async (req) => {
      const { a, b } = req.query;
      const comparison = compareRuns(runs.summary(a), runs.summary(b));
      return { a: runs.listItem(a), b: runs.listItem(b), comparison };
    },
  );
};

function* exportJson(head: string, frames: RunFrames): Generator<string> {
  yield `${head.slice(0, -1)},"frames":[`;
  for (let tick = 0; tick < frames.count; tick++)
    yield (
      (tick > 0 ? ',' : '') + JSON.stringify(frameToJson(decodeFrame(frames.bytes(tick)).frame))
    );
  yield ']}';
}
