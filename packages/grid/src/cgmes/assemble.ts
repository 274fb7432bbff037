// Reads every profile of a model and merges them into one store: classifies each document,
// checks that they share one CGMES version and that the profiles a power flow needs (EQ, TP,
// SSH) are there. The boundary set (EQ_BD, TP_BD) and SV are optional: a model without
// boundary points needs none, and SV is only the starting point.
import { CgmesError } from '../errors.ts';
import { profileKind, versionOf, type CgmesVersion, type ProfileKind } from './profiles.ts';
import { DEFAULT_READ_LIMITS, readCimDocument, type ReadLimits } from './rdf-reader.ts';
import type { CgmesSource } from './sources.ts';
import { CimStore, type LoadedDocument } from './store.ts';

export function assembleModel(
  sources: CgmesSource[],
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): CimStore {
  if (sources.length === 0)
    throw new CgmesError('missing-profile', { file: '(none)' }, 'no CGMES profile given');
  const docs: LoadedDocument[] = [];
  let version: CgmesVersion | undefined;
  let versionFile = '';
  for (const s of sources) {
    const doc = readCimDocument(s.name, s.bytes, limits);
    const kind = profileKind(doc);
    const v = versionOf(doc);
    if (v === undefined) {
      if (doc.objects.length === 0 && doc.skipped > 0)
        throw new CgmesError(
          'not-cgmes',
          { file: s.name },
          'no element in a CGMES namespace (expected http://iec.ch/TC57/2013/CIM-schema-cim16# for CGMES 2.4.15 or http://iec.ch/TC57/CIM100# for CGMES 3.0)',
        );
    } else if (version === undefined) {
      version = v;
      versionFile = s.name;
    } else if (version !== v) {
      throw new CgmesError(
        'inconsistent',
        { file: s.name },
        `is CGMES ${v}, ${versionFile} is CGMES ${version}: one model, one version`,
      );
    }
    if (kind === 'OTHER' && doc.objects.length > 0)
      throw new CgmesError(
        'not-cgmes',
        { file: s.name },
        'no md:FullModel header naming its profile, and its name has no profile tag (_EQ_, _TP_, _SSH_, _SV_)',
      );
    docs.push({ doc, kind });
  }
  if (version === undefined)
    throw new CgmesError('not-cgmes', { file: sources[0]!.name }, 'no CIM element in any file');
  const has = (k: ProfileKind): boolean => docs.some((d) => d.kind === k);
  const missing = (['EQ', 'TP', 'SSH'] as const).filter((k) => !has(k));
  if (missing.length > 0)
    throw new CgmesError(
      'missing-profile',
      { file: sources.map((s) => s.name).join(', ') },
      `missing profile${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (a power flow needs EQ, TP and SSH; SV, EQ_BD and TP_BD are optional)`,
    );
  return new CimStore(version, docs);
}
