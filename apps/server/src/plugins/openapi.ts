// The OpenAPI description, generated from the routes' zod schemas (the same ones that validate
// requests): /openapi.json, and Swagger UI at /docs (its assets ship with the package).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'FinEst Twin API',
        description:
          'Energy incidents on the combined Finnish–Estonian grid: networks, scenarios, runs, N-1 screening. Live frames over the WebSocket at /ws (see packages/protocol).',
        version,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
