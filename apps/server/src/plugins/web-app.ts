// The built web app (apps/web/dist) at /, with index.html for any other page path (the app
// routes on the client). When it is not built, / says how to build it. Paths under /api and
// /ws that match nothing get the JSON 404 of the error catalogue.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../error-handler.ts';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>FinEst Twin</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto">
<h1>FinEst Twin server</h1>
<p>The API is up, but the web app is not built. Build it with</p>
<pre>npm run build -w @finest/web</pre>
<p>(or <code>npm start</code>, which builds it first), then reload.</p>
<p>API: <a href="/docs">/docs</a> · <a href="/api/health">/api/health</a></p>
</body></html>`;

export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const built = existsSync(join(distDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(NOT_BUILT),
    );
  }
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const page =
      req.method === 'GET' && !/^\/(api|ws|docs)(\/|$)/.test(path) && !/\.\w+$/.test(path);
    if (built && page) return reply.sendFile('index.html');
    return reply
      .code(404)
      .send(errorBody('FINEST_NOT_FOUND', `no route ${req.method} ${path.slice(0, 200)}`));
  });
}
