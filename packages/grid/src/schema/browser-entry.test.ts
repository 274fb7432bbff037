// "@finest/grid/schema" is what the web app bundles: everything it imports, followed file by
// file, must be this package's own sources or zod — no node: built-ins, no fflate/saxes/graphology.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string>;
};

/** every module specifier reached from file, with the file that imports it */
function reach(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const specs = [
    ...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm),
  ].map((m) => m[1]!);
  seen.set(file, specs);
  for (const s of specs) if (s.startsWith('.')) reach(resolve(dirname(file), s), seen);
  return seen;
}

describe('the browser-safe entry @finest/grid/schema', () => {
  it('is the package export "./schema"', () => {
    expect(pkg.exports['./schema']).toBe('./src/schema/index.ts');
  });

  it('imports only its own files and zod', () => {
    const graph = reach(entry);
    const foreign = [...graph].flatMap(([file, specs]) =>
      specs.filter((s) => !s.startsWith('.') && s !== 'zod').map((s) => `${file}: ${s}`),
    );
    expect(foreign).toEqual([]);
    // the walk did reach the schema and the labels, so it can fail
    expect([...graph.keys()].some((f) => f.endsWith('network.ts'))).toBe(true);
    expect([...graph.keys()].some((f) => f.endsWith('branch-label.ts'))).toBe(true);
  });

  it('validates a network with the same paths as the Node entry', async () => {
    const { parseNetworkJson } = await import('./index.ts');
    expect(() => parseNetworkJson({ buses: 1 }, 'x.json')).toThrow(/x\.json: invalid network: /);
  });
});
