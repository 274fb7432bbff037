// ARCHITECTURE.md: the web app never imports the solver. Only @finest/protocol and the
// browser-safe entries @finest/scenario/schema and @finest/grid/schema may come from the
// workspace packages.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ALLOWED = new Set(['@finest/protocol', '@finest/scenario/schema', '@finest/grid/schema']);
const src = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

describe('import boundary', () => {
  it('imports nothing from the workspace but the protocol and the scenario and grid schemas', () => {
    const files = sources(src);
    // the TSX components too (the scene's canvas and every panel)
    expect(files.some((f) => f.endsWith('.tsx'))).toBe(true);
    const bad: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/from '(@finest\/[^']+)'/g)) {
        if (!ALLOWED.has(m[1]!))
          bad.push(`${file.slice(src.length)}: ${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
