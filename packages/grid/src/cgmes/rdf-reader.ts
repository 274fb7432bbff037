// Reads one CGMES profile (CIM RDF/XML, IEC 61970-552) with the saxes streaming parser into a
// flat list of objects: no DOM is built, so a large profile costs its objects only. The shape
// CGMES uses is fixed: <rdf:RDF> holds objects (a class element with rdf:ID, or rdf:about for
// one defined in another profile), each object holds properties (text, or rdf:resource for a
// reference or an enumeration value). Anything else is refused with the file and line.
// A DOCTYPE is refused outright: CGMES has none, and refusing it closes the door on entity
// expansion attacks (saxes would not expand internal entities either: an undeclared entity is
// a well-formedness error).
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { CgmesError } from '../errors.ts';

export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const MD_NS = 'http://iec.ch/TC57/61970-552/ModelDescription/1#';
/** CIM namespaces of the two CGMES versions read here */
export const CIM16_NS = 'http://iec.ch/TC57/2013/CIM-schema-cim16#';
export const CIM100_NS = 'http://iec.ch/TC57/CIM100#';
/** ENTSO-E extensions: CGMES 2.4.15's entsoe: and CGMES 3's eu: */
export const ENTSOE_NS = 'http://entsoe.eu/CIM/SchemaExtension/3/1#';
export const EU_NS = 'http://iec.ch/TC57/CIM100-European#';

const CIM_NAMESPACES = new Set([CIM16_NS, CIM100_NS, ENTSOE_NS, EU_NS]);

/** A reference (rdf:resource): another object's key, or an enumeration value's local name. */
export interface CimRef {
  ref: string;
}
export type CimValue = string | CimRef;

export interface RawObject {
  /** the rdf identity as other objects refer to it: rdf:ID, or rdf:about without its '#' */
  key: string;
  /** local name of the class, e.g. "ACLineSegment" */
  cls: string;
  /** true for rdf:ID (the profile defines the object), false for rdf:about (adds to it) */
  defines: boolean;
  line: number;
  /** local property name ("ACLineSegment.r") → value; the namespace prefix is dropped */
  props: Map<string, CimValue>;
}

export interface ModelHeader {
  id: string;
  profiles: string[];
  description?: string;
  modelingAuthoritySet?: string;
  scenarioTime?: string;
  dependentOn: string[];
}

export interface CimDocument {
  file: string;
  header?: ModelHeader;
  /** the CIM namespace the classes use (CIM16_NS or CIM100_NS), when any class uses one */
  cimNamespace?: string;
  objects: RawObject[];
  /** classes of namespaces that are not CIM (vendor extensions), skipped */
  skipped: number;
}

/** Limits that keep a hostile profile from exhausting memory. */
export interface ReadLimits {
  /** characters of one property's text */
  maxTextChars: number;
  /** objects in one profile */
  maxObjects: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxTextChars: 1 << 20, maxObjects: 5_000_000 };

/** rdf:about / rdf:resource → the key rdf:ID gives the same object. */
export function normaliseKey(resource: string): string {
  if (resource.startsWith('#')) return resource.slice(1);
  if (resource.startsWith('urn:uuid:')) return `_${resource.slice('urn:uuid:'.length)}`;
  return resource;
}

/** An enumeration URI (…cim16#UnitMultiplier.k) → its local name "UnitMultiplier.k". */
function enumOrKey(resource: string): string {
  const hash = resource.lastIndexOf('#');
  if (hash > 0 && /^[a-z]+:\/\//i.test(resource)) return resource.slice(hash + 1);
  return normaliseKey(resource);
}

const CHUNK = 1 << 20;

export function readCimDocument(
  file: string,
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): CimDocument {
  const doc: CimDocument = { file, objects: [], skipped: 0 };
  const parser = new SaxesParser({ xmlns: true, fileName: file });
  const fail = (detail: string, kind: 'bad-xml' | 'not-cgmes' | 'too-large' = 'bad-xml'): never => {
    throw new CgmesError(kind, { file, line: parser.line }, detail);
  };
  // depth 0: outside the root, 1: in rdf:RDF, 2: in an object, 3: in a property
  let depth = 0;
  let object: RawObject | undefined;
  let skipping = false;
  let header: ModelHeader | undefined;
  let prop: { name: string; text: string; ref?: string } | undefined;

  parser.on('error', (err) => fail(`not well-formed XML: ${stripPosition(err.message)}`));
  parser.on('doctype', () =>
    fail('a DOCTYPE is not allowed in CGMES (entity declarations refused)'),
  );
  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding))
      fail(`encoding "${decl.encoding}" is not supported (CGMES files are UTF-8)`);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (depth === 1) {
      if (tag.uri !== RDF_NS || tag.local !== 'RDF')
        fail(
          `the root element is <${tag.name}>, expected rdf:RDF (namespace ${RDF_NS})`,
          'not-cgmes',
        );
      return;
    }
    if (depth === 2) {
      const id = attr(tag, 'ID');
      const about = attr(tag, 'about');
      if (tag.uri === MD_NS && tag.local === 'FullModel') {
        if (doc.header !== undefined) fail('a second md:FullModel header');
        header = { id: about ?? id ?? '', profiles: [], dependentOn: [] };
        return;
      }
      if (!CIM_NAMESPACES.has(tag.uri)) {
        skipping = true;
        doc.skipped++;
        return;
      }
      if (tag.uri === CIM16_NS || tag.uri === CIM100_NS) {
        if (doc.cimNamespace !== undefined && doc.cimNamespace !== tag.uri)
          fail(`<${tag.name}> uses namespace ${tag.uri}, the file began with ${doc.cimNamespace}`);
        doc.cimNamespace = tag.uri;
      }
      if (id === undefined && about === undefined)
        fail(`<${tag.name}> has neither rdf:ID nor rdf:about`);
      if (id !== undefined && about !== undefined)
        fail(`<${tag.name}> has both rdf:ID and rdf:about`);
      const key = id ?? normaliseKey(about as string);
      if (key === '') fail(`<${tag.name}> has an empty identifier`);
      if (doc.objects.length >= limits.maxObjects)
        fail(`more than ${limits.maxObjects} objects in one profile`, 'too-large');
      object = {
        key,
        cls: tag.local,
        defines: id !== undefined,
        line: parser.line,
        props: new Map(),
      };
      return;
    }
    if (depth === 3) {
      if (skipping) return;
      const resource = attr(tag, 'resource');
      prop = { name: tag.local, text: '', ...(resource === undefined ? {} : { ref: resource }) };
      return;
    }
    if (!skipping)
      fail(`<${tag.name}> nested in a property: CGMES properties hold text or rdf:resource`);
  });
  parser.on('text', (text) => {
    if (prop === undefined || skipping) {
      // text between elements must be white space (a stray character is a broken file)
      if (depth <= 2 && !skipping && text.trim() !== '') fail(`unexpected text "${clip(text)}"`);
      return;
    }
    if (prop.text.length + text.length > limits.maxTextChars)
      fail(`a property's text exceeds ${limits.maxTextChars} characters`, 'too-large');
    prop.text += text;
  });
  parser.on('cdata', (text) => {
    if (prop !== undefined && !skipping) prop.text += text;
  });
  parser.on('closetag', () => {
    if (depth === 3 && prop !== undefined) {
      const value: CimValue =
        prop.ref !== undefined ? { ref: enumOrKey(prop.ref) } : prop.text.trim();
      if (header !== undefined && object === undefined) addHeaderProperty(header, prop.name, value);
      else if (object !== undefined) {
        // A reference may repeat (a many-valued association such as
        // TopologicalIsland.TopologicalNodes, which the importer does not read: the first is
        // kept); a value given twice is a broken object.
        if (!object.props.has(prop.name)) object.props.set(prop.name, value);
        else if (typeof value === 'string')
          fail(`${object.cls} ${object.key}: property ${prop.name} given twice`);
      }
      prop = undefined;
    } else if (depth === 2) {
      if (header !== undefined) {
        doc.header = header;
        header = undefined;
      } else if (object !== undefined) doc.objects.push(object);
      object = undefined;
      skipping = false;
    }
    depth--;
  });

  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let at = 0; at < bytes.length; at += CHUNK) {
      const end = Math.min(bytes.length, at + CHUNK);
      parser.write(decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length }));
    }
    parser.close();
  } catch (err) {
    if (err instanceof CgmesError) throw err;
    if (err instanceof TypeError) fail('not valid UTF-8');
    throw err;
  }
  if (depth !== 0) fail('the file ends inside an element (truncated?)');
  return doc;
}

function attr(tag: SaxesTagNS, local: string): string | undefined {
  for (const a of Object.values(tag.attributes))
    if (a.uri === RDF_NS && a.local === local) return a.value;
  return undefined;
}

function addHeaderProperty(header: ModelHeader, name: string, value: CimValue): void {
  const text = typeof value === 'string' ? value : value.ref;
  if (name === 'Model.profile') header.profiles.push(text);
  else if (name === 'Model.DependentOn') header.dependentOn.push(text);
  else if (name === 'Model.description') header.description = text;
  else if (name === 'Model.modelingAuthoritySet') header.modelingAuthoritySet = text;
  else if (name === 'Model.scenarioTime') header.scenarioTime = text;
}

const clip = (text: string): string =>
  text.length > 40 ? `${text.trim().slice(0, 40)}…` : text.trim();

/** saxes prefixes its messages with "file:line:col: "; our error adds file and line itself. */
const stripPosition = (message: string): string => message.replace(/^.*?:\d+:\d+: /, '');
