// Test support: the ENTSO-E CGMES conformity test configurations (via PowSyBl) in
// ../shared/cgmes beside the repository. FINEST_REQUIRE_SHARED=1 (set by .ci/run) makes their
// absence a failing test rather than a skipped one.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_CGMES = fileURLToPath(new URL('../../../../../shared/cgmes/', import.meta.url));
export const MICROGRID = `${SHARED_CGMES}microgrid-bc-cgmes2`;
export const MINIGRID = `${SHARED_CGMES}minigrid-cgmes3`;
export const hasSharedCgmes = existsSync(MICROGRID) && existsSync(MINIGRID);
export const sharedRequired = process.env.FINEST_REQUIRE_SHARED === '1';
export const MISSING_CGMES = `no ${SHARED_CGMES}: the CGMES tests need ../shared/cgmes (the ENTSO-E conformity models) beside the repository`;
