// Test support: the ENTSO-E CGMES conformity test configurations (via PowSyBl) in
// ../shared/cgmes beside the repository. Tests on them run under describeOnCgmes: skipped
// without them (and said so at the end of the run), failing under FINEST_REQUIRE_SHARED=1
// (set by .ci/run) — testing/needs.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CgmesSource } from '../cgmes/sources.ts';
import { describeNeeding } from '../../../../testing/describe-needing.ts';
import { NEEDS, SHARED_DIR } from '../../../../testing/needs.ts';

export const SHARED_CGMES = join(SHARED_DIR, 'cgmes', '/');
export const MICROGRID = `${SHARED_CGMES}microgrid-bc-cgmes2`;
export const MINIGRID = `${SHARED_CGMES}minigrid-cgmes3`;
export const hasSharedCgmes = NEEDS.cgmes.present;
export const CIM16 = 'http://iec.ch/TC57/2013/CIM-schema-cim16#';

/** describe() for tests on the conformity models (testing/describe-needing.ts). */
export const describeOnCgmes = (name: string, body: () => void): void =>
  describeNeeding(NEEDS.cgmes, name, body);

/** The MicroGrid's profiles as read from ../shared/cgmes. */
export const microgridFiles = (): CgmesSource[] =>
  readdirSync(MICROGRID)
    .filter((n) => n.endsWith('.xml'))
    .map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(MICROGRID, n))) }));

/** The MicroGrid with profiles of a test's own added (file name → XML text). */
export const microgridWith = (extra: Record<string, string>): CgmesSource[] => [
  ...microgridFiles(),
  ...Object.entries(extra).map(([name, text]) => ({
    name,
    bytes: new TextEncoder().encode(text),
  })),
];

/** A CGMES 2.4 (cim16) profile document: its FullModel header naming the profile, then body. */
export function cim16Profile(profileUri: string, modelId: string, body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cim="${CIM16}" xmlns:md="http://iec.ch/TC57/61970-552/ModelDescription/1#">
  <md:FullModel rdf:about="urn:uuid:${modelId}">
    <md:Model.profile>${profileUri}</md:Model.profile>
  </md:FullModel>${body}
</rdf:RDF>`;
}
