// Fuzz tests of the CGMES importer (issue 20), like the MATPOWER reader's: mutated profiles of a
// small model — truncation, a removed or duplicated object, a dangling or retargeted reference,
// bad numbers, a wrong namespace, stray bytes, entity expansion — end in a CgmesError naming
// a file, or in a network that passes the schema and the consistency checks; never another
// exception, never a hang.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CgmesError } from '../errors.ts';
import { NetworkSchema } from '../schema/network.ts';
import { checkNetwork } from '../check/check-network.ts';
import { smallProfiles, toSources } from '../test-support/cgmes-model.ts';
import {
  attempt,
  FUZZ_TEST_TIMEOUT_MS,
  FuzzTally,
  fuzzRuns,
  HANG_BOUND_MS,
} from '../test-support/fuzz.ts';
import { insertAt, truncateAt } from '../test-support/text-edits.ts';
import { parseCgmes } from './load.ts';

const good = smallProfiles();
const KINDS = ['EQ', 'TP', 'SSH', 'SV'] as const;
type Kind = (typeof KINDS)[number];
const tally = new FuzzTally('cgmes-import');
afterAll(() => tally.report());

/** Start offsets of the objects (depth-1 elements) of a profile. */
function objectSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /\n {2}<cim:(\w+) rdf:(?:ID|about)=[^>]*>[\s\S]*?<\/cim:\1>/g;
  for (let m = re.exec(text); m; m = re.exec(text))
    spans.push([m.index + 1, m.index + m[0].length]);
  return spans;
}

const mutations = {
  truncate: (t: string, at: number): string => truncateAt(t, at),
  drop: (t: string, at: number): string => {
    const s = objectSpans(t);
    if (s.length === 0) return t;
    const [a, b] = s[at % s.length]!;
    return t.slice(0, a) + t.slice(b);
  },
  duplicate: (t: string, at: number): string => {
    const s = objectSpans(t);
    if (s.length === 0) return t;
    const [a, b] = s[at % s.length]!;
    return t.slice(0, b) + '\n' + t.slice(a, b) + t.slice(b);
  },
  dangle: (t: string, at: number): string => {
    const refs = [...t.matchAll(/rdf:resource="#(_[^"]+)"/g)];
    if (refs.length === 0) return t;
    const m = refs[at % refs.length]!;
    return t.slice(0, m.index) + `rdf:resource="#_gone${at % 7}"` + t.slice(m.index + m[0].length);
  },
  retarget: (t: string, at: number): string => {
    const refs = [...t.matchAll(/rdf:resource="#(_[^"]+)"/g)];
    if (refs.length < 2) return t;
    const m = refs[at % refs.length]!;
    const other = refs[(at * 7 + 3) % refs.length]![1]!;
    return t.slice(0, m.index) + `rdf:resource="#${other}"` + t.slice(m.index + m[0].length);
  },
  badNumber: (t: string, at: number): string => {
    const nums = [...t.matchAll(/>(-?\d[\d.eE+-]*)</g)];
    if (nums.length === 0) return t;
    const m = nums[at % nums.length]!;
    const bad = [
      'NaN',
      '1e999',
      '',
      '1,5',
      '--1',
      'Infinity',
      '0x10',
      '1e-400',
      '-0',
      '99999999999999999999',
    ][at % 10]!;
    return t.slice(0, m.index + 1) + bad + t.slice(m.index + 1 + m[1]!.length);
  },
  namespace: (t: string, at: number): string => {
    const ns = [
      'http://iec.ch/TC57/CIM100#',
      'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
      'http://iec.ch/TC57/61970-552/ModelDescription/1#',
    ][at % 3]!;
    return t.replace(ns, ['http://iec.ch/TC57/CIM99#', 'urn:x', ''][at % 3]!);
  },
  bytes: (t: string, at: number): string =>
    insertAt(
      t,
      at,
      ['\u0000', '<', '&', ']]>', '<!--', '"', '\uFFFE', '<cim:X>', '</rdf:RDF>', '&amp'][at % 10]!,
    ),
  entity: (t: string, at: number): string =>
    at % 2 === 0
      ? t.replace(
          '?>',
          '?><!DOCTYPE r [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        )
      : insertAt(t, at, '&b;'),
} satisfies Record<string, (t: string, at: number) => string>;

const arbitraryEdit = fc.record({
  kind: fc.constantFrom<Kind>(...KINDS),
  how: fc.constantFrom(...(Object.keys(mutations) as (keyof typeof mutations)[])),
  at: fc.nat(),
});

describe('CGMES import under fuzzing', () => {
  it(
    'ends in a clear error or a valid network, quickly',
    () => {
      fc.assert(
        fc.property(fc.array(arbitraryEdit, { minLength: 1, maxLength: 3 }), (edits) => {
          tally.count('edits');
          const profiles: Record<string, string> = { ...good };
          for (const e of edits) profiles[e.kind] = mutations[e.how](profiles[e.kind]!, e.at);
          const out = attempt(() => parseCgmes(toSources(profiles)));
          expect(out.ms, JSON.stringify(edits)).toBeLessThan(HANG_BOUND_MS);
          if (out.ok) {
            tally.outcome('accepted');
            expect(NetworkSchema.safeParse(out.value.network).success).toBe(true);
            expect(checkNetwork(out.value.network)).toEqual([]);
            return;
          }
          const err = out.error;
          if (!(err instanceof CgmesError)) throw err;
          tally.outcome(`refused: ${err.kind}`);
          expect(err.message).toMatch(/^(small_(EQ|TP|SSH|SV)\.xml|\(model\))/);
        }),
        { numRuns: fuzzRuns(300), seed: 20 },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
