// A read-only stand-in for the server: the built app (dist/) plus the bundled network and geo
// layers from data/, on an ephemeral port. Enough for the scene tests; runs need the real
// server (twin-server.ts uses it when it is there).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = fileURLToPath(new URL('../../../../data/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface RunningServer {
  url: string;
  /** true when it is the real server (runs, WebSocket), false for the static stand-in */
  real: boolean;
  close(): Promise<void>;
}

export async function startStaticServer(): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      let file: string | null = null;
      let m: RegExpExecArray | null;
      if ((m = /^\/api\/networks\/([a-z0-9-]+)$/.exec(url.pathname)))
        file = join(dataDir, 'networks', `${m[1]}.json`);
      else if ((m = /^\/api\/geo\/([a-z-]+)$/.exec(url.pathname)))
        file = join(dataDir, 'geo', `${m[1]}.geojson`);
      else if (url.pathname === '/api/scenarios' || url.pathname === '/api/runs') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(url.pathname === '/api/runs' ? '{"runs":[]}' : '{"scenarios":[]}');
        return;
      } else if (url.pathname.startsWith('/api/') || url.pathname === '/ws') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(
          '{"statusCode":404,"code":"FINEST_NOT_FOUND","error":"Not Found","message":"static stand-in"}',
        );
        return;
      } else {
        const rel = normalize(url.pathname === '/' ? '/index.html' : url.pathname).replace(
          /^([/\\])+/,
          '',
        );
        if (rel.includes('..')) {
          res.writeHead(400).end();
          return;
        }
        file = join(webDir, 'dist', rel);
      }
      try {
        const body = await readFile(file);
        const type = file.endsWith('.geojson')
          ? 'application/json'
          : (TYPES[extname(file)] ?? 'application/octet-stream');
        res.writeHead(200, { 'content-type': type });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    real: false,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
