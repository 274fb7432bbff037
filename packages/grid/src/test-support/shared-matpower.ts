// Test support: the MATPOWER cases in ../shared/matpower beside the repository (absent on a
// machine without shared/, where the tests that need them are skipped).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Network } from '../schema/network.ts';
import { parseMatpower } from '../matpower/parse.ts';
import { matpowerToNetwork } from '../matpower/to-network.ts';

export const SHARED_MATPOWER = fileURLToPath(
  new URL('../../../../../shared/matpower/', import.meta.url),
);

/** File names of the shared cases, e.g. "case9.m"; empty without shared/. */
export const sharedCaseFiles: string[] = existsSync(SHARED_MATPOWER)
  ? readdirSync(SHARED_MATPOWER)
      .filter((f) => f.endsWith('.m'))
      .sort()
  : [];

export const readSharedCase = (file: string): string =>
  readFileSync(SHARED_MATPOWER + file, 'utf8');

export const loadSharedNetwork = (name: string): Network =>
  matpowerToNetwork(parseMatpower(readSharedCase(`${name}.m`), `${name}.m`));
