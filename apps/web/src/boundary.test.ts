// ARCHITECTURE.md: the web app never imports the solver. Only @finest/protocol and the
// browser-safe entries @finest/scenario/schema and @finest/grid/schema may come from the
// workspace packages.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { webSources } from './test-support/sources.ts';

const ALLOWED = new Set(['@finest/protocol', '@finest/scenario/schema', '@finest/grid/schema']);
const src = fileURLToPath(new URL('.', import.meta.url));

describe('import boundary', () => {
  it('imports nothing from the workspace but the protocol and the scenario and grid schemas', () => {
    const files = webSources(src);
    // the TSX components too (the scene's canvas and every panel)
    expect(files.some((f) => f.endsWith('.tsx'))).toBe(true);
    const bad: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/from '(@finest\/[^']+)'/g)) {
        if (!ALLOWED.has(m[1]!)) bad.push(`${file.slice(src.length)}: ${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
