// Issue 18: the web app keeps no mutable state at module level — it lives in the stores
// (state/app-store.ts, scene-store.ts, session-store.ts), where tests and a second mount see
// it. This scans every source for top-level `let`s and top-level Maps, Sets and counters that
// are not UPPER_CASE constants (lookup tables filled once).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { webSources } from './test-support/sources.ts';

const src = fileURLToPath(new URL('.', import.meta.url));
const STORES = /state\/(app|scene|session)-store\.ts$/;

/** "file:line: text" of each top-level declaration holding mutable state */
export function moduleState(text: string, file: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, k) => {
    const mutable =
      /^(export )?let /.test(line) ||
      /^(export )?const (?![A-Z0-9_]+\b)\w+\s*(:[^=]+)?=\s*(new (Map|Set|WeakMap)\b|\{ value:)/.test(
        line,
      );
    if (mutable) found.push(`${file}:${k + 1}: ${line.trim()}`);
  });
  return found;
}

describe('module-level state', () => {
  it('finds the kinds of declaration it forbids', () => {
    const sample = [
      'let toastId = 0;',
      'const roots = new Map<string, number>();',
      'export const labelVersion = { value: 0 };',
      'const WALL_ROWS = new Set([1]);',
      '  let inside = 1;',
    ].join('\n');
    expect(moduleState(sample, 'x.ts')).toEqual([
      'x.ts:1: let toastId = 0;',
      'x.ts:2: const roots = new Map<string, number>();',
      'x.ts:3: export const labelVersion = { value: 0 };',
    ]);
  });

  it('is none outside the stores', () => {
    const files = webSources(src).filter((f) => !STORES.test(f));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => moduleState(readFileSync(f, 'utf8'), f.slice(src.length)));
    expect(found).toEqual([]);
  });
});
