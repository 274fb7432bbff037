// Test support for the fuzz tests: how many inputs to try (FINEST_FUZZ_RUNS scales a long
// campaign), the check that an answer shows no server internals, and the optional report of
// the counts (FINEST_FUZZ_REPORT=1 writes .fuzz-counts/<name>.json for docs/reliability.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

export const fuzzRuns = (defaultRuns: number): number => {
  const n = Number(process.env.FINEST_FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : defaultRuns;
};

/** Stack frames, module paths, source paths and SQLite's own words never reach a client. */
export const INTERNALS =
  /\n\s+at |node_modules|\/src\/|\/work\/|SqliteError|SQLITE_|TypeError|RangeError/;

export function expectNoInternals(text: string, where: string): void {
  expect(INTERNALS.test(text), `${where} shows server internals: ${text.slice(0, 300)}`).toBe(
    false,
  );
}

export function reportFuzzCounts(name: string, counts: Record<string, unknown>): void {
  if (process.env.FINEST_FUZZ_REPORT !== '1') return;
  mkdirSync('.fuzz-counts', { recursive: true });
  writeFileSync(`.fuzz-counts/${name}.json`, JSON.stringify({ name, ...counts }, null, 2) + '\n');
}
