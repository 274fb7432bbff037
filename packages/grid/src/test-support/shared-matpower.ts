// Test support: the MATPOWER cases in ../shared/matpower beside the repository (absent on a
// machine without shared/, where the tests that need them, under describeOnCases, are
// skipped and said so, or fail under FINEST_REQUIRE_SHARED=1: testing/needs.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeNeeding } from '../../../../testing/describe-needing.ts';
import { NEEDS, SHARED_DIR } from '../../../../testing/needs.ts';
import type { Network } from '../schema/network.ts';
import { parseMatpower } from '../matpower/parse.ts';
import { matpowerToNetwork } from '../matpower/to-network.ts';

export const SHARED_MATPOWER = join(SHARED_DIR, 'matpower', '/');

/** describe() for tests on the shared MATPOWER cases (testing/describe-needing.ts). */
export const describeOnCases = (name: string, body: () => void): void =>
  describeNeeding(NEEDS.matpower, name, body);

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
