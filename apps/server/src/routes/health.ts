// GET /api/health: liveness, version, whether writes need a token, and the load: runs
// computing, viewers connected, playbacks held, memory (what a load test watches).
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
    async () => {
      const memory = process.memoryUsage();
      const MB = 1024 * 1024;
      return {
        status: 'ok' as const,
        version: services.version,
        protocolVersion: PROTOCOL_VERSION,
        uptimeS: (Date.now() - services.startedAt) / 1000,
        writesNeedToken: services.config.token !== undefined,
        activeRuns: services.runs.activeCount(),
        viewers: services.stream.viewers,
        playbacks: services.stream.playbacks(),
        memoryMB: { rss: memory.rss / MB, heapUsed: memory.heapUsed / MB },
      };
    },
  );
};
