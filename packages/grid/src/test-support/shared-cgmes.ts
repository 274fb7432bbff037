// Test support: the ENTSO-E CGMES conformity test configurations (via PowSyBl) in
// ../shared/cgmes beside the repository. Tests on them run under describeOnCgmes: skipped
// without them (and said so at the end of the run), failing under FINEST_REQUIRE_SHARED=1
// (set by .ci/run) — testing/needs.ts.
import { join } from 'node:path';
import { describeNeeding } from '../../../../testing/describe-needing.ts';
import { NEEDS, SHARED_DIR } from '../../../../testing/needs.ts';

export const SHARED_CGMES = join(SHARED_DIR, 'cgmes', '/');
export const MICROGRID = `${SHARED_CGMES}microgrid-bc-cgmes2`;
export const MINIGRID = `${SHARED_CGMES}minigrid-cgmes3`;
export const hasSharedCgmes = NEEDS.cgmes.present;

/** describe() for tests on the conformity models (testing/describe-needing.ts). */
export const describeOnCgmes = (name: string, body: () => void): void =>
  describeNeeding(NEEDS.cgmes, name, body);
