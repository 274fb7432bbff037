// Which CGMES profile a document is, from its md:FullModel header (Model.profile URIs of CGMES
// 2.4.15 and 3.0) or, for a file without a header, from the profile tag in its file name
// (ENTSO-E's naming rule: …_EQ_…, …_SSH_…). And which CGMES version, from the CIM namespace.
import { CgmesError } from '../errors.ts';
import { CIM100_NS, CIM16_NS, type CimDocument } from './rdf-reader.ts';

export type ProfileKind =
  'EQ' | 'EQ_BD' | 'TP' | 'TP_BD' | 'SSH' | 'SV' | 'DL' | 'GL' | 'DY' | 'OTHER';
export type CgmesVersion = '2.4.15' | '3.0';

// Order matters: the boundary profiles contain the words of the others.
const URI_RULES: [RegExp, ProfileKind][] = [
  [/EquipmentBoundary/i, 'EQ_BD'],
  [/TopologyBoundary/i, 'TP_BD'],
  [/EquipmentCore|CoreEquipment|EquipmentOperation|EquipmentShortCircuit/i, 'EQ'],
  [/\/Topology/i, 'TP'],
  [/SteadyStateHypothesis/i, 'SSH'],
  [/StateVariables/i, 'SV'],
  [/DiagramLayout/i, 'DL'],
  [/GeographicalLocation/i, 'GL'],
  [/Dynamics/i, 'DY'],
];

const NAME_RULES: [RegExp, ProfileKind][] = [
  [/(^|[_\-.])EQ[_-]?BD([_\-.]|$)/i, 'EQ_BD'],
  [/(^|[_\-.])TP[_-]?BD([_\-.]|$)/i, 'TP_BD'],
  [/(^|[_\-.])EQ([_\-.]|$)/i, 'EQ'],
  [/(^|[_\-.])TP([_\-.]|$)/i, 'TP'],
  [/(^|[_\-.])SSH([_\-.]|$)/i, 'SSH'],
  [/(^|[_\-.])SV([_\-.]|$)/i, 'SV'],
  [/(^|[_\-.])DL([_\-.]|$)/i, 'DL'],
  [/(^|[_\-.])GL([_\-.]|$)/i, 'GL'],
];

function kindOfUri(uri: string): ProfileKind | undefined {
  for (const [re, kind] of URI_RULES) if (re.test(uri)) return kind;
  return undefined;
}

export function profileKind(doc: CimDocument): ProfileKind {
  const fromHeader = new Set<ProfileKind>();
  for (const uri of doc.header?.profiles ?? []) {
    const kind = kindOfUri(uri);
    if (kind !== undefined) fromHeader.add(kind);
  }
  if (fromHeader.size > 0) {
    // An EQ document lists EquipmentCore, EquipmentOperation and ShortCircuit: all "EQ".
    if (fromHeader.size > 1)
      throw new CgmesError(
        'not-cgmes',
        { file: doc.file },
        `its header names several profiles (${[...fromHeader].join(', ')}); one file holds one profile`,
      );
    return [...fromHeader][0] as ProfileKind;
  }
  const base = doc.file.split('/').pop() ?? doc.file;
  for (const [re, kind] of NAME_RULES) if (re.test(base)) return kind;
  if (doc.header !== undefined && doc.header.profiles.length > 0)
    throw new CgmesError(
      'not-cgmes',
      { file: doc.file },
      `unknown profile ${doc.header.profiles.join(', ')} (expected EQ, TP, SSH, SV, EQ_BD, TP_BD, DL or GL)`,
    );
  return 'OTHER';
}

export function versionOf(doc: CimDocument): CgmesVersion | undefined {
  if (doc.cimNamespace === CIM16_NS) return '2.4.15';
  if (doc.cimNamespace === CIM100_NS) return '3.0';
  return undefined;
}
