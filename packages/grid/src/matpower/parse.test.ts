// The MATPOWER reader: every shared case, syntax variants, and malformed files that must fail
// with the file name, line number and what was expected.
import { describe, expect, it } from 'vitest';
import { MatpowerParseError } from '../errors.ts';
import { parseMatpower } from './parse.ts';
import { matpowerToNetwork } from './to-network.ts';
import {
  describeOnCases,
  readSharedCase,
  sharedCaseFiles,
} from '../test-support/shared-matpower.ts';
import { rowsOf } from '../test-support/matpower-rows.ts';

const sharedCases = sharedCaseFiles;

const MINIMAL = `function mpc = tiny
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [
  10  3  0  0  0  0  1  1  0  345  1  1.1  0.9;
  20  1  90 30 0  0  1  1  0  345  1  1.1  0.9;
];
mpc.gen = [
  10  0  0  300  -300  1.04  100  1  250  10;
];
mpc.branch = [
  10  20  0.01  0.085  0.176  250  250  250  0  0  1  -360  360;
];
`;

function expectParseError(text: string, pattern: RegExp): MatpowerParseError {
  try {
    matpowerToNetwork(parseMatpower(text, 'bad.m'));
  } catch (err) {
    expect(err).toBeInstanceOf(MatpowerParseError);
    expect((err as Error).message).toMatch(pattern);
    return err as MatpowerParseError;
  }
  throw new Error('expected a MatpowerParseError');
}

describe('parseMatpower', () => {
  describeOnCases('the shared cases', () => {
    it.each(sharedCases)('reads %s', (file) => {
      const mpc = parseMatpower(readSharedCase(file), file);
      const net = matpowerToNetwork(mpc);
      expect(net.buses.length).toBe(rowsOf(mpc.bus).length);
      expect(net.branches.length).toBe(rowsOf(mpc.branch).length);
      expect(net.generators.length).toBe(rowsOf(mpc.gen).length);
      expect(net.buses.filter((b) => b.type === 'REF').length).toBeGreaterThanOrEqual(1);
    });
  });

  it('reads case_ACTIVSg2000 names and fuels', () => {
    if (!sharedCases.includes('case_ACTIVSg2000.m')) return;
    const net = matpowerToNetwork(parseMatpower(readSharedCase('case_ACTIVSg2000.m'), 'x.m'));
    expect(net.buses[0]!.name).toBeTruthy();
    expect(new Set(net.generators.map((g) => g.technology))).toContain('wind');
    expect(net.gencost?.length).toBe(net.generators.length);
  });

  it('keeps non-consecutive bus numbers as ids', () => {
    const net = matpowerToNetwork(parseMatpower(MINIMAL, 'tiny.m'));
    expect(net.buses.map((b) => b.id)).toEqual(['10', '20']);
    expect(net.branches[0]).toMatchObject({ from: '10', to: '20', kind: 'line', inService: true });
    expect(net.generators[0]!.matpowerExtra).toBeUndefined();
  });

  it('accepts comments, commas, continuations, rows without ";" and 11-column branches', () => {
    const text = `mpc.baseMVA = 100; % system base
mpc.bus = [ % bus data
  1, 3, 0, 0, 0, 0, 1, 1, 0, 345, 1, 1.1, 0.9   % no semicolon: the line ends the row
  2 1 90 30 0 0 1 1 0 ...
     345 1 1.1 0.9;  3e0 1 -.5 3 0 0 1 1 0 345 1 1.1 0.9;
];
mpc.gen = [ 1 0 0 Inf -Inf 1.04 100 1 250 10 ];
mpc.branch = [
  1 2 0.01 0.085 0.176 250 250 250 0 0 1;
  2 3 0.01 0.085 0.176 0 0 0 1.05 -3 0;
];
mpc.bus_name = { 'North ''A'''; 'South'; 'East' };
`;
    const net = matpowerToNetwork(parseMatpower(text, 'v.m'));
    expect(net.buses.map((b) => b.id)).toEqual(['1', '2', '3']);
    expect(net.buses[2]!.Pd).toBe(-0.5);
    expect(net.buses[0]!.name).toBe("North 'A'");
    expect(net.generators[0]!.Qmax).toBe(Infinity);
    expect(net.branches[0]!.angmin).toBe(-360);
    expect(net.branches[1]).toMatchObject({
      kind: 'transformer',
      tap: 1.05,
      shift: -3,
      inService: false,
    });
  });

  it('names the line of a row with too few columns', () => {
    const bad = MINIMAL.replace(
      '20  1  90 30 0  0  1  1  0  345  1  1.1  0.9;',
      '20  1  90 30 0  0  1  1  0  345  1;',
    );
    const err = expectParseError(
      bad,
      /^bad\.m:6: mpc\.bus row 2 has 11 columns, expected 13 like row 1$/,
    );
    expect(err.line).toBe(6);
  });

  it('rejects NaN with its line', () => {
    expectParseError(
      MINIMAL.replace('0.01  0.085', 'NaN  0.085'),
      /^bad\.m:12: mpc\.branch row 1: NaN is not allowed$/,
    );
  });

  it('rejects a non-numeric token', () => {
    expectParseError(
      MINIMAL.replace('1.04', '1,04x'),
      /^bad\.m:9: mpc\.gen row 1: "04x" is not a number$/,
    );
  });

  it('rejects an unclosed matrix', () => {
    expectParseError(
      MINIMAL.replace('];\nmpc.gen', '\nmpc.gen'),
      /bad\.m:\d+: mpc\.bus: matrix is not closed/,
    );
  });

  it('rejects a missing baseMVA, bus, gen or branch', () => {
    expectParseError(MINIMAL.replace('mpc.baseMVA = 100;', ''), /missing mpc\.baseMVA/);
    expectParseError(MINIMAL.replace(/mpc\.gen = \[[^\]]*\];/, ''), /missing mpc\.gen/);
  });

  it('rejects too few columns for the format', () => {
    const twelve = MINIMAL.split('\n')
      .map((l) => (/^ {2}[12]0 {2}[13] /.test(l) ? l.replace(/ {2}0\.9;$/, ';') : l))
      .join('\n');
    expectParseError(twelve, /^bad\.m:5: mpc\.bus row 1 has 12 columns, expected at least 13$/);
  });

  it('rejects a branch to an unknown bus with the branch line', () => {
    expectParseError(
      MINIMAL.replace('10  20  0.01', '10  30  0.01'),
      /^bad\.m:12: branch 1 refers to bus 30, which is not in mpc\.bus$/,
    );
  });

  it('rejects duplicate bus numbers and bad bus types', () => {
    expectParseError(
      MINIMAL.replace('20  1  90', '10  1  90'),
      /^bad\.m:6: duplicate bus number 10$/,
    );
    expectParseError(
      MINIMAL.replace('20  1  90', '20  7  90'),
      /bus 20 has type 7, expected 1 \(PQ\)/,
    );
  });

  it('rejects stray text', () => {
    expectParseError(MINIMAL + 'disp hello\n', /bad\.m:14: expected "mpc\.<field> = \.\.\."/);
  });
});
