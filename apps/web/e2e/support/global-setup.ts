// Builds the web app once before the browser tests when dist/ is missing or older than the
// sources, so `npm test` on a clean clone tests what `npm start` would serve.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('../../', import.meta.url));

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const built = join(webDir, 'dist', 'index.html');
  const stale =
    !existsSync(built) ||
    statSync(built).mtimeMs <
      Math.max(newest(join(webDir, 'src')), statSync(join(webDir, 'index.html')).mtimeMs);
  if (stale)
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit' });
}
