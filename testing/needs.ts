// What some tests need beyond the repository and node_modules, in one place: where each is
// looked for, how to install it, and the FINEST_REQUIRE_* flag under which its absence is a
// failure instead of a skip (.ci/run sets all three). Plain Node, no vitest: benchmark
// scripts and test support outside vitest read the same paths.
//
// A test that needs one of these runs under describeNeeding() (describe-needing.ts); the
// skip-summary reporter (skip-summary.ts) prints one line per need whose tests were skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root, with a trailing slash. */
export const REPO = fileURLToPath(new URL('../', import.meta.url));

/**
 * The project's shared folder: ../shared beside the repository, or FINEST_SHARED (set it to a
 * folder that does not exist to see what a machine without it does).
 */
export const SHARED_DIR = join(process.env.FINEST_SHARED ?? join(REPO, '..', 'shared'), '/');

export interface Need {
  /** short name, the key of NEEDS */
  readonly id: string;
  /** what the tests are, for the skip line: "browser tests" */
  readonly tests: string;
  readonly present: boolean;
  /** its absence fails the run (a FINEST_REQUIRE_* flag is set) */
  readonly required: boolean;
  /** what is missing and where it was looked for */
  readonly missing: string;
  /** how to get it */
  readonly install: string;
  /** the variable that turns a skip into a failure, if any */
  readonly flag?: string;
}

const flagSet = (name: string): boolean => process.env[name] === '1';

const onPath = (name: string): string | undefined =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .filter((d) => d !== '')
    .map((d) => join(d, name))
    .find((p) => existsSync(p));

function shared(id: string, tests: string, sub: string, what: string, files: string[] = []): Need {
  const dir = join(SHARED_DIR, sub, '/');
  return {
    id,
    tests,
    present: existsSync(dir) && files.every((f) => existsSync(join(dir, f))),
    required: flagSet('FINEST_REQUIRE_SHARED'),
    missing: `${what} not found at ${dir}`,
    install:
      "put the project's shared folder beside the repository as ../shared (or point FINEST_SHARED at it)",
    flag: 'FINEST_REQUIRE_SHARED',
  };
}

const CHROMIUM = process.env.FINEST_CHROMIUM ?? '/usr/bin/chromium';
const REDIS_SERVER =
  process.env.FINEST_REDIS_SERVER ?? onPath('redis-server') ?? '/usr/bin/redis-server';

export const NEEDS = {
  matpower: shared('matpower', 'tests on the MATPOWER cases', 'matpower', 'the MATPOWER cases', [
    'case9.m',
    'ref',
  ]),
  cgmes: shared('cgmes', 'CGMES conformity tests', 'cgmes', 'the CGMES conformity models', [
    'microgrid-bc-cgmes2',
    'minigrid-cgmes3',
  ]),
  data: shared('data', 'tests of the data importers', 'data', 'the source data'),
  chromium: {
    id: 'chromium',
    tests: 'browser tests',
    present: existsSync(CHROMIUM),
    required: flagSet('FINEST_REQUIRE_BROWSER'),
    missing: `Chromium not found at ${CHROMIUM}`,
    install: "apt-get install -y chromium (Debian's), or point FINEST_CHROMIUM at one",
    flag: 'FINEST_REQUIRE_BROWSER',
  },
  redis: {
    id: 'redis',
    tests: 'Redis tests',
    present: existsSync(REDIS_SERVER),
    // CI (any CI variable) requires it too, as the sweep tests always have
    required: flagSet('FINEST_REQUIRE_REDIS') || (process.env.CI ?? '') !== '',
    missing: `redis-server not found (looked for ${REDIS_SERVER})`,
    install: 'apt-get install -y redis-server, or point FINEST_REDIS_SERVER at one',
    flag: 'FINEST_REQUIRE_REDIS',
  },
  unshare: {
    id: 'unshare',
    tests: 'tests on a real tmpfs',
    present: spawnSync('unshare', ['-rm', 'true']).status === 0,
    required: false,
    missing: 'unshare -rm (a private mount namespace) is not allowed here',
    install:
      'run where user namespaces are enabled (util-linux unshare; sysctl kernel.unprivileged_userns_clone=1)',
  },
} as const satisfies Record<string, Need>;

export const CHROMIUM_PATH = CHROMIUM;
export const REDIS_SERVER_PATH = REDIS_SERVER;

/** The one-line message of a missing need: what, where, how to install it. */
export const missingMessage = (n: Need): string => `${n.missing}; ${n.install}`;
