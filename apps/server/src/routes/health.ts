// GET /api/health: liveness, version and whether writes need a token.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthSchema, PROTOCOL_VERSION } from '@finest/protocol';
import type { PluginOptions } from '../services.ts';

export const healthRoutes: FastifyPluginAsyncZod<PluginOptions> = async (app, { services }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['server'],
        summary: 'Liveness and settings',
        response: { 200: HealthSchema },
      },
    },
    async () => ({
      status: 'ok' as const,
      version: services.version,
      protocolVersion: PROTOCOL_VERSION,
      uptimeS: (Date.now() - services.startedAt) / 1000,
      writesNeedToken: services.config.token !== undefined,
      activeRuns: services.runs.activeCount(),
    }),
  );
};
