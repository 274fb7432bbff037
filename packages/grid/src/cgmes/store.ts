// The objects of every profile of a model, merged by rdf identity: the EQ profile defines an
// object (rdf:ID), SSH, TP and SV add properties to it (rdf:about). Accessors read a property
// as a number, boolean, text or reference and throw a CgmesError naming the file, the element
// and the property when it is missing, malformed or points at nothing.
import { CgmesError, type CgmesErrorKind } from '../errors.ts';
import type { CgmesVersion, ProfileKind } from './profiles.ts';
import type { CimDocument, CimValue } from './rdf-reader.ts';

interface PropEntry {
  value: CimValue;
  file: string;
}

export class CimObject {
  readonly key: string;
  cls: string;
  /** the file that defines it (rdf:ID), or the first that mentions it */
  file: string;
  line: number;
  defined: boolean;
  readonly props = new Map<string, PropEntry>();
  private readonly store: CimStore;

  constructor(
    store: CimStore,
    key: string,
    cls: string,
    file: string,
    line: number,
    defined: boolean,
  ) {
    this.store = store;
    this.key = key;
    this.cls = cls;
    this.file = file;
    this.line = line;
    this.defined = defined;
  }

  /** IdentifiedObject.mRID when given (CGMES 3), else the rdf:ID without its leading "_". */
  get mrid(): string {
    const m = this.props.get('IdentifiedObject.mRID')?.value;
    if (typeof m === 'string' && m !== '') return m;
    return this.key.startsWith('_') ? this.key.slice(1) : this.key;
  }

  get name(): string | undefined {
    const n = this.props.get('IdentifiedObject.name')?.value;
    return typeof n === 'string' && n !== '' ? n : undefined;
  }

  get label(): string {
    return `${this.cls} ${this.mrid}`;
  }

  fail(kind: CgmesErrorKind, detail: string, prop?: string): never {
    const file = (prop === undefined ? undefined : this.props.get(prop)?.file) ?? this.file;
    throw new CgmesError(kind, { file, element: this.label }, detail);
  }

  has(prop: string): boolean {
    return this.props.has(prop);
  }

  optText(prop: string): string | undefined {
    const e = this.props.get(prop);
    if (e === undefined) return undefined;
    if (typeof e.value !== 'string')
      this.fail('bad-value', `${prop} is a reference, expected a value`, prop);
    return e.value;
  }

  text(prop: string): string {
    return (
      this.optText(prop) ??
      this.fail('missing-profile', `${prop} is missing${this.profileHint(prop)}`)
    );
  }

  optNum(prop: string): number | undefined {
    const t = this.optText(prop);
    if (t === undefined) return undefined;
    if (!FLOAT.test(t)) this.fail('bad-value', `${prop} is "${clip(t)}", not a number`, prop);
    const v = Number(t);
    if (!Number.isFinite(v))
      this.fail('bad-value', `${prop} is "${clip(t)}", not a finite number`, prop);
    return v;
  }

  num(prop: string): number {
    return (
      this.optNum(prop) ??
      this.fail('missing-profile', `${prop} is missing${this.profileHint(prop)}`)
    );
  }

  optBool(prop: string): boolean | undefined {
    const t = this.optText(prop);
    if (t === undefined) return undefined;
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    return this.fail('bad-value', `${prop} is "${clip(t)}", expected true or false`, prop);
  }

  bool(prop: string): boolean {
    return (
      this.optBool(prop) ??
      this.fail('missing-profile', `${prop} is missing${this.profileHint(prop)}`)
    );
  }

  /** The key a reference property holds, without resolving it. */
  optRefKey(prop: string): string | undefined {
    const e = this.props.get(prop);
    if (e === undefined) return undefined;
    if (typeof e.value === 'string')
      this.fail('bad-value', `${prop} holds text, expected rdf:resource`, prop);
    return e.value.ref;
  }

  optRef(prop: string): CimObject | undefined {
    const key = this.optRefKey(prop);
    if (key === undefined) return undefined;
    const target = this.store.get(key);
    if (target === undefined || !target.defined)
      this.fail('dangling-reference', `${prop} refers to "${key}", which no profile defines`, prop);
    return target;
  }

  ref(prop: string): CimObject {
    return (
      this.optRef(prop) ??
      this.fail('missing-profile', `${prop} is missing${this.profileHint(prop)}`)
    );
  }

  /** An enumeration value's name: "…#UnitMultiplier.k" → "k". */
  optEnum(prop: string): string | undefined {
    const key = this.optRefKey(prop);
    if (key === undefined) return undefined;
    const dot = key.lastIndexOf('.');
    return dot >= 0 ? key.slice(dot + 1) : key;
  }

  private profileHint(prop: string): string {
    const kind = this.store.profileOfProperty(prop);
    return kind === undefined ? '' : ` (a ${kind} property: is the ${kind} profile loaded?)`;
  }
}

// XML Schema float lexical space, without INF/NaN (CGMES values are finite)
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const clip = (t: string): string => (t.length > 30 ? `${t.slice(0, 30)}…` : t);

// Properties the SSH (or TP, SV) profile carries: a missing one most likely means that profile
// was not given, which the message says.
const SSH_PROPS =
  /^(RotatingMachine\.[pq]|EnergyConsumer\.[pq]|EquivalentInjection\.[pq]|ShuntCompensator\.sections|TapChanger\.step|RegulatingControl\.(targetValue|enabled)|Switch\.open|ACDCTerminal\.connected|ExternalNetworkInjection\.[pq])$/;

export interface LoadedDocument {
  doc: CimDocument;
  kind: ProfileKind;
}

export class CimStore {
  readonly version: CgmesVersion;
  readonly documents: LoadedDocument[];
  private readonly objects = new Map<string, CimObject>();
  private readonly classes = new Map<string, CimObject[]>();
  /** properties given with different values by two profiles (the first one is kept) */
  readonly conflicts: string[] = [];

  constructor(version: CgmesVersion, documents: LoadedDocument[]) {
    this.version = version;
    this.documents = documents;
    for (const { doc } of documents) {
      for (const raw of doc.objects) {
        let o = this.objects.get(raw.key);
        if (o === undefined) {
          o = new CimObject(this, raw.key, raw.cls, doc.file, raw.line, raw.defines);
          this.objects.set(raw.key, o);
        } else if (raw.defines) {
          if (o.defined)
            throw new CgmesError(
              'duplicate',
              { file: doc.file, line: raw.line, element: `${raw.cls} ${raw.key}` },
              `defined twice (also in ${o.file}:${o.line})`,
            );
          o.defined = true;
          o.cls = raw.cls;
          o.file = doc.file;
          o.line = raw.line;
        }
        for (const [name, value] of raw.props) {
          const prior = this.props(o).get(name);
          if (prior === undefined) o.props.set(name, { value, file: doc.file });
          else if (!sameValue(prior.value, value))
            this.conflicts.push(
              `${o.label}: ${name} is ${show(prior.value)} in ${prior.file}, ${show(value)} in ${doc.file}`,
            );
        }
      }
    }
    for (const o of this.objects.values()) {
      if (!o.defined) continue;
      let list = this.classes.get(o.cls);
      if (list === undefined) this.classes.set(o.cls, (list = []));
      list.push(o);
    }
  }

  private props(o: CimObject): Map<string, PropEntry> {
    return o.props;
  }

  get(key: string): CimObject | undefined {
    return this.objects.get(key);
  }

  /** Defined objects of the given classes, in file order. */
  all(...classes: string[]): CimObject[] {
    const out: CimObject[] = [];
    for (const c of classes) out.push(...(this.classes.get(c) ?? []));
    return out;
  }

  /**
   * Defined objects of a class grouped by the object their reference `prop` names (its key), in
   * file order: the points of each DiagramObject, Location or shunt. A missing or dangling
   * reference fails (CgmesError) with 'fail', and leaves the object out with 'skip'.
   */
  groupByRef(cls: string, prop: string, missing: 'fail' | 'skip'): Map<string, CimObject[]> {
    const out = new Map<string, CimObject[]>();
    for (const o of this.all(cls)) {
      const key = missing === 'fail' ? o.ref(prop).key : o.optRefKey(prop);
      if (key === undefined) continue;
      let list = out.get(key);
      if (list === undefined) out.set(key, (list = []));
      list.push(o);
    }
    return out;
  }

  classNames(): string[] {
    return [...this.classes.keys()];
  }

  profileOfProperty(prop: string): ProfileKind | undefined {
    if (SSH_PROPS.test(prop)) return 'SSH';
    if (prop === 'Terminal.TopologicalNode' || prop === 'ConnectivityNode.TopologicalNode')
      return 'TP';
    return undefined;
  }
}

const sameValue = (a: CimValue, b: CimValue): boolean =>
  typeof a === 'string' ? a === b : typeof b !== 'string' && a.ref === b.ref;
const show = (v: CimValue): string => (typeof v === 'string' ? `"${clip(v)}"` : `#${v.ref}`);
