// Test support for the scenario fuzz tests: the library scenarios and bundled networks they
// start from, and what a refusal must look like.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNetworkJson, type Network } from '@finest/grid';
import { expect } from 'vitest';
import { ScenarioValidationError } from '../errors.ts';
import { BUNDLED_DATA_DIR } from '../load-bundled.ts';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const SCENARIO_DIR = join(BUNDLED_DATA_DIR, 'scenarios');

/** data/scenarios/*.json as parsed JSON, in file name order */
export const library: unknown[] = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => readJson(join(SCENARIO_DIR, f)));

/** the bundled networks by id */
export const networks = new Map<string, Network>(
  ['fi-ee', 'fi', 'ee'].map((id) => [
    id,
    parseNetworkJson(readJson(join(BUNDLED_DATA_DIR, 'networks', `${id}.json`)), id),
  ]),
);

/** ScenarioValidationError with at least one issue, each with a path and a message. */
export function expectRefusal(err: unknown, source: string): ScenarioValidationError {
  if (!(err instanceof ScenarioValidationError)) throw err;
  expect(err.name).toBe('ScenarioValidationError');
  expect(err.code).toBe('FINEST_SCENARIO_INVALID');
  expect(err.message.startsWith(`${source}: invalid scenario\n`)).toBe(true);
  expect(err.issues.length).toBeGreaterThan(0);
  for (const i of err.issues) {
    expect(typeof i.path).toBe('string');
    expect(i.message.length).toBeGreaterThan(0);
  }
  return err;
}
