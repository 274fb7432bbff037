// One CGMES profile document being written: the md:FullModel header and objects, each a class
// element with rdf:ID (defined here) or rdf:about (adding to an object of another profile),
// holding literal properties, references (rdf:resource="#id") and enumeration values
// (rdf:resource with the full URI). Text is escaped; nothing else is written.
import { CIM100_NS, EU_NS, MD_NS, RDF_NS } from '../rdf-reader.ts';

export const NAMESPACES = { rdf: RDF_NS, cim: CIM100_NS, md: MD_NS, eu: EU_NS };

type Pair = [string, string];

const escape = (t: string): string =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class XmlProfile {
  private readonly parts: string[] = [];
  private readonly ids = new Set<string>();

  constructor(id: string, profile: string, dependsOn: string[], created: string, name: string) {
    const ns = Object.entries(NAMESPACES)
      .map(([p, uri]) => `xmlns:${p}="${uri}"`)
      .join(' ');
    this.parts.push(`<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF ${ns}>\n`);
    this.parts.push(`  <md:FullModel rdf:about="${escape(id)}">\n`);
    this.parts.push(`    <md:Model.created>${created}</md:Model.created>\n`);
    this.parts.push(`    <md:Model.scenarioTime>${created}</md:Model.scenarioTime>\n`);
    this.parts.push(
      `    <md:Model.description>${escape(`${name}: exported by FinEst Twin`)}</md:Model.description>\n`,
    );
    this.parts.push(
      `    <md:Model.modelingAuthoritySet>https://finest-twin.invalid/</md:Model.modelingAuthoritySet>\n`,
    );
    this.parts.push(`    <md:Model.version>1</md:Model.version>\n`);
    this.parts.push(`    <md:Model.profile>${profile}</md:Model.profile>\n`);
    for (const d of dependsOn)
      this.parts.push(`    <md:Model.DependentOn rdf:resource="${escape(d)}"/>\n`);
    this.parts.push(`  </md:FullModel>\n`);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  object(cls: string, id: string, literals: Pair[], refs: Pair[] = [], enums: Pair[] = []): void {
    if (this.ids.has(id)) throw new Error(`export: ${cls} ${id} written twice`);
    this.ids.add(id);
    this.write(`<cim:${cls} rdf:ID="${id}">`, cls, literals, refs, enums);
  }

  about(cls: string, id: string, literals: Pair[], refs: Pair[] = [], enums: Pair[] = []): void {
    this.write(`<cim:${cls} rdf:about="#${id}">`, cls, literals, refs, enums);
  }

  private write(open: string, cls: string, literals: Pair[], refs: Pair[], enums: Pair[]): void {
    const lines = [`  ${open}\n`];
    const prefix = (p: string): string => (p.startsWith('Model.') ? 'md' : 'cim');
    for (const [p, v] of literals)
      lines.push(`    <${prefix(p)}:${p}>${escape(v)}</${prefix(p)}:${p}>\n`);
    for (const [p, v] of refs) lines.push(`    <cim:${p} rdf:resource="#${v}"/>\n`);
    for (const [p, v] of enums) lines.push(`    <cim:${p} rdf:resource="${escape(v)}"/>\n`);
    lines.push(`  </cim:${cls}>\n`);
    this.parts.push(lines.join(''));
  }

  toString(): string {
    return `${this.parts.join('')}</rdf:RDF>\n`;
  }
}
