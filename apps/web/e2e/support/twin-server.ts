// The real server (apps/server buildApp) on an ephemeral port, on a temporary data directory,
// serving the built web app: what `npm start` serves, minus the fixed port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../../server/src/app.ts';

const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startTwinServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'finest-web-e2e-'));
  const app = await buildApp({ dataDir, webDistDir: distDir });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
