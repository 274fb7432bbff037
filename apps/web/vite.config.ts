// Vite config of the web twin. In dev, /api and /ws go to the server (FINEST_API, default
// http://127.0.0.1:8080); in production the server serves dist/ at /.
// FINEST_WEB_STATIC=1 serves the network and geo layers straight from data/ instead, for work
// on the scene without a server (no scenarios or runs then).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const api = process.env.FINEST_API ?? 'http://127.0.0.1:8080';
const dataDir = fileURLToPath(new URL('../../data/', import.meta.url));

function staticData(): Plugin {
  const routes: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^\/api\/networks\/([a-z0-9-]+)$/, (m) => `networks/${m[1]}.json`],
    [/^\/api\/geo\/([a-z-]+)$/, (m) => `geo/${m[1]}.geojson`],
  ];
  return {
    name: 'finest-static-data',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        if (url === '/api/scenarios') {
          res.setHeader('content-type', 'application/json');
          res.end('{"scenarios":[]}');
          return;
        }
        for (const [re, file] of routes) {
          const m = re.exec(url);
          if (!m) continue;
          readFile(dataDir + file(m)).then(
            (body) => {
              res.setHeader('content-type', 'application/json');
              res.end(body);
            },
            () => next(),
          );
          return;
        }
        next();
      });
    },
  };
}

const offline = process.env.FINEST_WEB_STATIC === '1';

export default defineConfig({
  plugins: [react(), ...(offline ? [staticData()] : [])],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: offline ? {} : { '/api': api, '/ws': { target: api.replace(/^http/, 'ws'), ws: true } },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1600,
  },
});
