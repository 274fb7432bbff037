// The MATPOWER reader on the inputs its fuzz tests (*.fuzz.test.ts) found it getting wrong: one
// focused case per bug, in the smallest form that showed it.
import { describe, expect, it } from 'vitest';
import type { MatpowerParseError } from '../errors.ts';
import { parseMatpower } from './parse.ts';
import { matpowerToNetwork } from './to-network.ts';
import { rowsOf } from '../test-support/matpower-rows.ts';

const CASE = `function mpc = t
mpc.version = '2';
mpc.baseMVA = 100; % system base
mpc.bus = [
  1 3 0 0 0 0 1 1 0 345 1 1.1 0.9; % slack
  2 1 90 30 0 0 1 1 0 345 1 1.1 0.9;
];
mpc.gen = [
  1 0 0 300 -300 1.04 100 1 250 10 0 0 0 0 0 0 0 0 0 0 0;
];
mpc.branch = [
  1 2 0.01 0.085 0.176 250 250 250 0 0 1 -360 360;
];
`;
const read = (text: string) => matpowerToNetwork(parseMatpower(text, 'r.m'));

describe('parseMatpower: bugs found by fuzzing', () => {
  it('skips an unused cell array with a form feed, no-break space or BOM between entries', () => {
    // looped for ever: the entry skipper stopped at once on a blank the outer loop did not take
    for (const blank of ['\f', '\v', '\u00a0', '\ufeff'])
      expect(read(`${CASE}mpc.extra = {'a' ${blank} 1};\n`)).toEqual(read(CASE));
  });

  it('keeps a field named like an Object.prototype member raw, as any other', () => {
    // "constructor" was refused as a cell array; "__proto__" was silently dropped
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const mpc = parseMatpower(`${CASE}mpc.${name} = [0 1];\n`, 'r.m');
      expect(Object.keys(mpc.other!), name).toEqual([name]);
      expect(rowsOf(mpc.other![name])).toEqual([[0, 1]]);
    }
  });

  it('keeps an unknown scalar field of ±Inf raw, as a number or a matrix holding Inf', () => {
    // "mpc.A = Inf;" was skipped as an expression while "mpc.A = [Inf];" was kept
    for (const v of ['Inf', '-Inf', '+inf']) {
      const mpc = parseMatpower(`${CASE}mpc.A = ${v};\n`, 'r.m');
      expect(rowsOf(mpc.other?.A), v).toEqual([[v.startsWith('-') ? -Infinity : Infinity]]);
    }
    expect(parseMatpower(`${CASE}mpc.A = Inf + 1;\n`, 'r.m').other).toBeUndefined();
  });

  it('reads a file with lone CR line ends as the same file with LF', () => {
    // a comment ran to the next LF, swallowing every CR-ended line after it
    expect(read(CASE.replace(/\n/g, '\r'))).toEqual(read(CASE));
    const bad = CASE.replace('90 30', '90 x').replace(/\n/g, '\r');
    expect(() => read(bad)).toThrow('r.m:6: mpc.bus row 2: "x" is not a number');
    expect(() => read(`mpc.baseMVA = 100;\rmpc.x = 'open\r';\r`)).toThrow(
      /^r\.m:2: string is not closed with ' on its line/,
    );
  });

  it('reads a file that starts with a UTF-8 byte order mark', () => {
    expect(read(`\ufeff${CASE}`)).toEqual(read(CASE));
    const err = (() => {
      try {
        parseMatpower('\ufeffmpc.baseMVA = x;', 'r.m');
      } catch (e) {
        return e as MatpowerParseError;
      }
    })();
    expect(err).toMatchObject({ line: 1, column: 15 });
  });

  it('refuses a long run of digits that is no number in linear time', () => {
    // the decimal patterns backtracked quadratically: 50,000 digits took seconds, 10^6 hours
    const digits = '1'.repeat(1_000_000);
    const t0 = performance.now();
    expect(() => read(CASE.replace('90 30', `${digits}x 30`))).toThrow(/row 2: "1{40}/);
    expect(read(`${CASE}mpc.extra = ${digits}x;\n`)).toEqual(read(CASE));
    // a hang detector, not a speed check: linear takes a few ms
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('matpowerToNetwork: Inf where MATPOWER means no limit', () => {
  it('takes Inf branch ratings and refuses -Inf ones', () => {
    const text = CASE.replace('250 250 250 0 0 1', 'Inf 250 1e400 0 0 1');
    expect(read(text).branches[0]).toMatchObject({ rateA: Infinity, rateB: 250, rateC: Infinity });
    expect(() => read(CASE.replace('250 250 250 0 0 1', '250 -Inf 250 0 0 1'))).toThrow(
      'r.m:12: branch 1: rating RATE_B is negative (-Infinity)',
    );
  });

  it('replaces ±Inf ratings and angle limits by infinityAs, as generator limits', () => {
    // angle limits of ±Inf were taken but kept infinite, so the network failed NetworkSchema
    const text = CASE.replace('250 250 250 0 0 1 -360 360', 'Inf 250 250 0 0 1 -Inf Inf');
    expect(
      matpowerToNetwork(parseMatpower(text, 'r.m'), { infinityAs: 1e5 }).branches[0],
    ).toMatchObject({
      rateA: 1e5,
      angmin: -1e5,
      angmax: 1e5,
    });
  });

  it('refuses a non-finite cost coefficient with its line (the server said "received null")', () => {
    const cost = `${CASE}mpc.gencost = [
  2 0 0 3 0.11 Inf 0;
];
`;
    expect(() => read(cost)).toThrow(/^r\.m:15: gencost row 1: column 6 is Infinity/);
    expect(read(cost.replace('Inf', '5')).gencost).toEqual([[2, 0, 0, 3, 0.11, 5, 0]]);
  });
});
