// Export → import of the bundled FI–EE network (issue 20): the same power flow to 1e-9 pu, and
// the structural checks that can be made without ENTSO-E's validator: one profile per file with
// its CGMES 3.0 URI, the CIM100 namespace, unique rdf:IDs and mRIDs, and every reference
// resolving to an object of the exported set.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPfCase, runAcPowerFlow } from '@finest/powerflow';
import { parseNetworkJson } from '../../schema/parse-network-json.ts';
import { parseCgmes } from '../load.ts';
import { CIM100_NS, readCimDocument } from '../rdf-reader.ts';
import { networkToCgmes } from './write-cgmes.ts';

const FI_EE = fileURLToPath(new URL('../../../../../data/networks/fi-ee.json', import.meta.url));
const net = parseNetworkJson(JSON.parse(readFileSync(FI_EE, 'utf8')) as unknown, 'fi-ee.json');
const solved = runAcPowerFlow(buildPfCase(net), { tolerance: 1e-11 });
const profiles = networkToCgmes(net, solved, new Date('2026-01-01T00:00:00Z'));
const sources = Object.entries(profiles).map(([kind, text]) => ({
  name: `fi-ee_${kind}.xml`,
  bytes: new TextEncoder().encode(text),
}));

describe('CGMES export of fi-ee.json', () => {
  it('solves the network first', () => expect(solved.converged).toBe(true));

  for (const svStart of [true, false]) {
    it(`reads back to the same power flow (${svStart ? 'SV' : 'flat'} start)`, () => {
      const back = parseCgmes(sources, { svStart }).network;
      expect(back.buses.map((b) => b.id)).toEqual(net.buses.map((b) => b.id));
      // lines come before transformers in the import: compare by id
      expect(back.branches.map((b) => b.id).sort()).toEqual(net.branches.map((b) => b.id).sort());
      expect(back.generators.map((g) => g.id)).toEqual(net.generators.map((g) => g.id));
      const at = new Map(back.branches.map((b, l) => [b.id, l]));
      const order = net.branches.map((b) => at.get(b.id)!);
      expect(back.hvdcLinks.map((h) => h.id)).toEqual(net.hvdcLinks.map((h) => h.id));
      const r = runAcPowerFlow(buildPfCase(back), { tolerance: 1e-11 });
      expect(r.converged, r.reason).toBe(true);
      const rad = Math.PI / 180;
      net.buses.forEach((b, i) => {
        if (b.type === 'NONE') return;
        expect(Math.abs(r.Vm[i]! - solved.Vm[i]!), b.id).toBeLessThan(1e-9);
        expect(Math.abs(r.Va[i]! - solved.Va[i]!) * rad, b.id).toBeLessThan(1e-9);
      });
      for (const [a, c] of [
        [r.Pf, solved.Pf],
        [r.Qf, solved.Qf],
        [r.Pt, solved.Pt],
        [r.Qt, solved.Qt],
      ] as const) {
        order.forEach((l, k) => expect(Math.abs(a[l]! - c[k]!) / net.baseMVA).toBeLessThan(1e-9));
      }
      for (const [a, c] of [
        [r.Pg, solved.Pg],
        [r.Qg, solved.Qg],
      ] as const) {
        for (let k = 0; k < a.length; k++)
          expect(Math.abs(a[k]! - c[k]!) / net.baseMVA).toBeLessThan(1e-9);
      }
      net.branches.forEach((o, k) => {
        const br = back.branches[order[k]!]!;
        expect(br.rateA).toBeCloseTo(o.rateA, 9);
        expect(br.inService).toBe(o.inService);
      });
    });
  }

  it('passes the structural checks', () => {
    const uris = {
      EQ: 'http://iec.ch/TC57/ns/CIM/CoreEquipment-EU/3.0',
      TP: 'http://iec.ch/TC57/ns/CIM/Topology-EU/3.0',
      SSH: 'http://iec.ch/TC57/ns/CIM/SteadyStateHypothesis-EU/3.0',
      SV: 'http://iec.ch/TC57/ns/CIM/StateVariables-EU/3.0',
    };
    const defined = new Set<string>();
    const mrids = new Set<string>();
    const docs = sources.map((s) => readCimDocument(s.name, s.bytes));
    for (const doc of docs) {
      const kind = doc.file.replace(/^fi-ee_|\.xml$/g, '') as keyof typeof uris;
      expect(doc.header?.profiles).toEqual([uris[kind]]);
      expect(doc.cimNamespace).toBe(CIM100_NS);
      expect(doc.skipped).toBe(0);
      for (const o of doc.objects) {
        if (!o.defines) continue;
        expect(o.key, `${o.cls} rdf:ID is an NCName`).toMatch(/^_[0-9a-f-]{36}$/);
        expect(defined.has(o.key), `${o.key} defined once`).toBe(false);
        defined.add(o.key);
        const mrid = o.props.get('IdentifiedObject.mRID');
        if (typeof mrid === 'string') {
          expect(mrids.has(`${o.cls}:${mrid}`), `${o.cls} ${mrid} unique`).toBe(false);
          mrids.add(`${o.cls}:${mrid}`);
        }
      }
    }
    let refs = 0;
    for (const doc of docs)
      for (const o of doc.objects) {
        if (!o.defines) expect(defined.has(o.key), `${doc.file}: about #${o.key}`).toBe(true);
        for (const v of o.props.values()) {
          if (typeof v === 'string' || v.ref.includes('.')) continue;
          refs++;
          expect(defined.has(v.ref), `${doc.file}: ${o.cls} refers to #${v.ref}`).toBe(true);
        }
      }
    expect(refs).toBeGreaterThan(1000);
  });
});
