// Bad CGMES input (issue 20): each kind of fault ends in a CgmesError that names the file, the
// element when one is at fault, and what is wrong; a sound small model imports and solves.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildPfCase, runAcPowerFlow } from '@finest/powerflow';
import { CgmesError } from '../errors.ts';
import { smallProfiles, toSources } from '../test-support/cgmes-model.ts';
import { parseCgmes } from './load.ts';

const good = smallProfiles();

function refused(profiles: Record<string, string>): CgmesError {
  try {
    parseCgmes(toSources(profiles));
  } catch (err) {
    if (err instanceof CgmesError) return err;
    throw err;
  }
  throw new Error('accepted');
}

describe('the CGMES reader', () => {
  it('imports the sound small model, which solves', () => {
    const { network } = parseCgmes(toSources(good));
    expect(network.buses.map((b) => b.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(network.hvdcLinks).toHaveLength(1);
    expect(runAcPowerFlow(buildPfCase(network)).converged).toBe(true);
  });

  it('reads a zip, and a zip of zips', () => {
    const files = Object.fromEntries(
      Object.entries(good).map(([k, v]) => [`small_${k}.xml`, strToU8(v)]),
    );
    const zip = zipSync(files);
    expect(parseCgmes([{ name: 'small.zip', bytes: zip }]).network.buses).toHaveLength(4);
    const nested = zipSync(
      Object.fromEntries(Object.entries(files).map(([n, b]) => [`${n}.zip`, zipSync({ [n]: b })])),
    );
    expect(parseCgmes([{ name: 'nested.zip', bytes: nested }]).network.buses).toHaveLength(4);
  });

  it('refuses bad XML with the file and line', () => {
    const e = refused({
      ...good,
      SSH: good.SSH.replace('</cim:EnergyConsumer>', '</cim:EnergyConsumr>'),
    });
    expect(e.kind).toBe('bad-xml');
    expect(e.message).toMatch(/^small_SSH\.xml:\d+: not well-formed XML/);
  });

  it('refuses a DOCTYPE (entity expansion) at once', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`;
    const t0 = performance.now();
    const e = refused({
      ...good,
      EQ: good.EQ.replace('<?xml version="1.0" encoding="utf-8"?>', bomb).replace(
        '<cim:IdentifiedObject.name>A</cim:IdentifiedObject.name>',
        '<cim:IdentifiedObject.name>&c;</cim:IdentifiedObject.name>',
      ),
    });
    expect(e.message).toMatch(/DOCTYPE is not allowed/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses an undeclared entity', () => {
    const e = refused({
      ...good,
      EQ: good.EQ.replace(
        '<cim:IdentifiedObject.name>A</cim:IdentifiedObject.name>',
        '<cim:IdentifiedObject.name>&lol;</cim:IdentifiedObject.name>',
      ),
    });
    expect(e.kind).toBe('bad-xml');
  });

  it('names a missing profile', () => {
    const rest: Record<string, string> = { ...good };
    delete rest.TP;
    const e = refused(rest);
    expect(e.kind).toBe('missing-profile');
    expect(e.message).toMatch(/missing profile TP/);
  });

  it('names the CIM namespace it expected', () => {
    const e = refused({
      ...good,
      EQ: good.EQ.replace('http://iec.ch/TC57/CIM100#', 'http://example.com/cim#'),
    });
    expect(e.kind).toBe('not-cgmes');
    expect(e.message).toMatch(/^small_EQ\.xml: no element in a CGMES namespace/);
  });

  it('refuses a mix of CGMES versions', () => {
    const e = refused({
      ...good,
      SV: good.SV.replaceAll(
        'http://iec.ch/TC57/CIM100#',
        'http://iec.ch/TC57/2013/CIM-schema-cim16#',
      ),
    });
    expect(e.kind).toBe('inconsistent');
  });

  it('names a dangling reference: file, element and property', () => {
    const bv = /<cim:TopologicalNode\.BaseVoltage rdf:resource="#(_[0-9a-f-]+)"\/>/.exec(
      good.TP,
    )![1]!;
    const e = refused({ ...good, TP: good.TP.replace(`#${bv}"`, '#_nowhere"') });
    expect(e.kind).toBe('dangling-reference');
    expect(e.message).toMatch(
      /^small_TP\.xml: TopologicalNode A: TopologicalNode\.BaseVoltage refers to "_nowhere", which no profile defines/,
    );
  });

  it('names a duplicated element', () => {
    const start = good.EQ.indexOf('<cim:ACLineSegment ');
    const end = good.EQ.indexOf('</cim:ACLineSegment>', start) + '</cim:ACLineSegment>'.length;
    const e = refused({
      ...good,
      EQ: good.EQ.slice(0, end) + good.EQ.slice(start, end) + good.EQ.slice(end),
    });
    expect(e.kind).toBe('duplicate');
    expect(e.message).toMatch(/ACLineSegment .*defined twice/);
  });

  it('names a bad number', () => {
    const e = refused({
      ...good,
      SSH: good.SSH.replace(/<cim:EnergyConsumer\.p>[^<]*</, '<cim:EnergyConsumer.p>12,5<'),
    });
    expect(e.kind).toBe('bad-value');
    expect(e.message).toMatch(
      /^small_SSH\.xml: EnergyConsumer load-B: EnergyConsumer\.p is "12,5", not a number/,
    );
  });

  it('refuses connected equipment of a class it does not model', () => {
    const e = refused({
      ...good,
      EQ: good.EQ.replaceAll('cim:EnergyConsumer', 'cim:PetersenCoil'),
      SSH: good.SSH.replaceAll('cim:EnergyConsumer', 'cim:PetersenCoil'),
    });
    expect(e.kind).toBe('unsupported');
    expect(e.message).toMatch(/PetersenCoil .*is not supported/);
  });

  it('refuses a zip whose entries inflate past the limit before inflating them', () => {
    const zip = zipSync({ 'big_EQ.xml': new Uint8Array(5_000_000) });
    expect(() =>
      parseCgmes([{ name: 'bomb.zip', bytes: zip }], {
        limits: { maxFileBytes: 1_000_000, maxTotalBytes: 2_000_000, maxFiles: 10 },
      }),
    ).toThrow(/bomb\.zip\/big_EQ\.xml: inflates to 5000000 bytes/);
  });

  it('refuses a truncated archive', () => {
    const zip = zipSync({ 'a_EQ.xml': strToU8(good.EQ) });
    const e = (() => {
      try {
        parseCgmes([{ name: 'cut.zip', bytes: zip.subarray(0, zip.length - 30) }]);
      } catch (err) {
        return err as CgmesError;
      }
      throw new Error('accepted');
    })();
    expect(e).toBeInstanceOf(CgmesError);
    expect(e.message).toMatch(/^cut\.zip/);
  });
});
