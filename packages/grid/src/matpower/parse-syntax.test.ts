// The MATPOWER reader on syntax the shared cases do not use: cell arrays, unknown fields,
// several statements per line, CRLF, version 1 files, Inf, number fidelity, and more
// malformed files with the line (and column) they must name.
import { describe, expect, it } from 'vitest';
import { MatpowerParseError } from '../errors.ts';
import { parseMatpower } from './parse.ts';
import { matpowerToNetwork } from './to-network.ts';
import { rowsOf } from '../test-support/matpower-rows.ts';

const BUS = `mpc.bus = [
  1  3  0   0  0 0 1 1 0 345 1 1.1 0.9;
  2  1  90 30  0 0 1 1 0 345 1 1.1 0.9;
];
`;
const GEN21 = `mpc.gen = [
  1 0 0 300 -300 1.04 100 1 250 10 0 0 0 0 0 0 0 0 0 0 0;
];
`;
const BRANCH = `mpc.branch = [
  1 2 0.01 0.085 0.176 250 250 250 0 0 1 -360 360;
];
`;
const V2 = `function mpc = t\nmpc.version = '2';\nmpc.baseMVA = 100;\n${BUS}${GEN21}${BRANCH}`;

function parseError(text: string): MatpowerParseError {
  try {
    matpowerToNetwork(parseMatpower(text, 'bad.m'));
  } catch (err) {
    if (err instanceof MatpowerParseError) return err;
    throw err;
  }
  throw new Error('expected a MatpowerParseError');
}

describe('parseMatpower: cell arrays', () => {
  it('reads bus_name, genfuel and gentype with quotes, % inside strings and comments', () => {
    const text = `${V2}
mpc.bus_name = {
  'North ''A'' 50% wind';   % a comment after a name
  "South" ...
};
mpc.genfuel = { 'nuclear' };
mpc.gentype = {'ST'};
`;
    const mpc = parseMatpower(text, 'c.m');
    expect(mpc.busName).toEqual(["North 'A' 50% wind", 'South']);
    expect(mpc.cellLines).toEqual({ busName: 15, genFuel: 19, genType: 20 });
    const net = matpowerToNetwork(mpc);
    expect(net.buses.map((b) => b.name)).toEqual(["North 'A' 50% wind", 'South']);
    expect(net.generators[0]).toMatchObject({ technology: 'nuclear', unitType: 'ST' });
  });

  it('rejects a name list of the wrong length at the line of the cell array', () => {
    const err = parseError(`${V2}mpc.bus_name = { 'only one' };\n`);
    expect(err.message).toBe('bad.m:14: mpc.bus_name has 1 entries for 2 buses');
  });

  it('rejects a non-string entry in a name list, naming line and column', () => {
    const err = parseError(`${V2}mpc.genfuel = {\n  'coal';\n  17;\n};\n`);
    expect(err.message).toMatch(/^bad\.m:16: mpc\.genfuel entry 2: expected a quoted string/);
    expect(err.column).toBe(3);
  });

  it('rejects an unclosed string and an unclosed cell array', () => {
    expect(parseError(`${V2}mpc.bus_name = { 'a; 'b' };\n`).message).toMatch(
      /^bad\.m:14: mpc\.bus_name entry 2: expected a quoted string/,
    );
    expect(parseError(`${V2}mpc.bus_name = { 'a' 'b\n};\n`).message).toBe(
      "bad.m:14: string is not closed with ' on its line",
    );
    expect(parseError(`${V2}mpc.bus_name = { 'a' 'b'\n`).message).toBe(
      'bad.m:14: mpc.bus_name: cell array is not closed with "};"',
    );
  });
});

describe('parseMatpower: statements and fields', () => {
  it('keeps unknown numeric fields raw, skips the others, and warns about each', () => {
    const text = `${V2}mpc.reserves = [ 1 2; 3 4 ];
mpc.scale = 2.5;
mpc.notes = { 'a', 3 };
mpc.expr = ones(3, 1) * 2;
mpc.label = 'x';
`;
    const mpc = parseMatpower(text, 'u.m');
    expect(rowsOf(mpc.other?.reserves)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(rowsOf(mpc.other?.scale)).toEqual([[2.5]]);
    expect(Object.keys(mpc.other ?? {})).toEqual(['reserves', 'scale']);
    expect(mpc.warnings).toEqual([
      'u.m:14: mpc.reserves is not used (kept raw in "other")',
      'u.m:15: mpc.scale is not used (kept raw in "other")',
      'u.m:16: mpc.notes (a cell array) is not used',
      'u.m:17: mpc.expr = ones(3, 1) * 2 is not used',
      "u.m:18: mpc.label = 'x' is not used",
    ]);
  });

  it('reads several statements on a line, CRLF line ends and a trailing return', () => {
    const text =
      `function mpc = crlf\r\nmpc.version = '2'; mpc.baseMVA = 50;\r\n${BUS}${GEN21}${BRANCH}return;\r\n`
        .replace(/\r?\n/g, '\r\n')
        .replace('mpc.bus = [\r\n', 'mpc.bus = [ % data\r\n');
    const mpc = parseMatpower(text, 'crlf.m');
    expect(mpc.baseMVA).toBe(50);
    expect(mpc.name).toBe('crlf');
    expect(mpc.bus.lines).toEqual([4, 5]);
    expect(mpc.branch.lines).toEqual([11]);
  });

  it('reads a whole matrix on one line and rows split by ... continuations', () => {
    const text = V2.replace(
      BUS,
      `mpc.bus = [ 1 3 0 0 0 0 1 1 0 345 1 1.1 0.9; 2 1 90 30 ...  split here
  0 0 1 1 0 345 1 1.1 0.9 ];\n`,
    );
    const mpc = parseMatpower(text, 'one.m');
    expect(rowsOf(mpc.bus).map((r) => r.length)).toEqual([13, 13]);
    expect(mpc.bus.lines).toEqual([4, 4]);
    expect(mpc.gen.lines).toEqual([7]);
  });

  it('refuses MATLAB code it cannot evaluate, with its line', () => {
    expect(parseError(`${V2}mpc.bus(:, 9) = 0;\n`).message).toMatch(
      /^bad\.m:14: mpc\.bus: indexed or nested assignments are not supported/,
    );
    expect(parseError(V2.replace('= 100;', '= 2 * 50;')).message).toBe(
      'bad.m:3: mpc.baseMVA: unexpected "* 50;" after the value',
    );
  });

  it('rejects a value followed by stray text, a bad baseMVA and an unknown version', () => {
    expect(parseError(V2.replace("mpc.version = '2';", "mpc.version = '2' x")).message).toBe(
      'bad.m:2: mpc.version: unexpected "x" after the value',
    );
    expect(parseError(V2.replace('mpc.baseMVA = 100;', 'mpc.baseMVA = 0;')).message).toMatch(
      /^bad\.m:\d+: mpc\.baseMVA must be a positive number, got 0$/,
    );
    expect(parseError(V2.replace("mpc.version = '2';", "mpc.version = '3';")).message).toBe(
      'bad.m:2: unsupported MATPOWER case format version "3" (expected "2" or "1")',
    );
  });

  it('rejects a matrix left open at the end of the file with the line that opened it', () => {
    const err = parseError(V2.replace(/\];\n$/, ''));
    expect(err.message).toBe('bad.m:11: mpc.branch: matrix is not closed with "];"');
    expect(err.line).toBe(11);
  });

  it('names a missing matrix', () => {
    expect(parseError(V2.replace(BRANCH, '')).message).toMatch(
      /^bad\.m:\d+: missing mpc\.branch \(reached the end of the file\)$/,
    );
    expect(parseError(V2.replace(BUS, '')).message).toMatch(/missing mpc\.bus/);
  });

  it('rejects a gen row with too few columns and a bad token with its column', () => {
    expect(
      parseError(V2.replace('1.04 100 1 250 10 0 0 0 0 0 0 0 0 0 0 0', '1.04 100 1')).message,
    ).toBe('bad.m:9: mpc.gen row 1 has 8 columns, expected at least 10');
    const err = parseError(V2.replace('0.01 0.085', '0.01 0.0.85'));
    expect(err.message).toBe('bad.m:12: mpc.branch row 1: "0.0.85" is not a number');
    expect(err.column).toBe(12);
  });

  it('rejects NaN in any spelling', () => {
    expect(parseError(V2.replace('90 30', 'nan 30')).message).toBe(
      'bad.m:6: mpc.bus row 2: NaN is not allowed',
    );
    expect(parseError(V2.replace('90 30', '-NaN 30')).message).toMatch(/NaN is not allowed/);
  });
});

describe('parseMatpower: versions and Inf', () => {
  it('keeps Inf limits as Infinity, or replaces them when asked', () => {
    const text = V2.replace('300 -300 1.04 100 1 250 10', 'Inf -inf 1.04 100 1 +Inf 10');
    const mpc = parseMatpower(text, 'inf.m');
    expect(rowsOf(mpc.gen)[0]!.slice(3, 5)).toEqual([Infinity, -Infinity]);
    expect(matpowerToNetwork(mpc).generators[0]).toMatchObject({
      Qmax: Infinity,
      Qmin: -Infinity,
      Pmax: Infinity,
    });
    expect(matpowerToNetwork(mpc, { infinityAs: 1e5 }).generators[0]).toMatchObject({
      Qmax: 1e5,
      Qmin: -1e5,
      Pmax: 1e5,
    });
  });

  it('rejects Inf where a finite value is needed', () => {
    expect(parseError(V2.replace('90 30', 'Inf 30')).message).toBe(
      'bad.m:6: bus 2: column 3 is Infinity, expected a finite number',
    );
  });

  it('pads a version 2 gen matrix of 11 to 20 columns with zeros, and says so', () => {
    const mpc = parseMatpower(V2.replace(' 0 0 0 0 0 0 0 0 0 0 0;', ' 7 8 9;'), 'g.m');
    expect(rowsOf(mpc.gen)[0]).toEqual([
      1, 0, 0, 300, -300, 1.04, 100, 1, 250, 10, 7, 8, 9, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(mpc.warnings).toEqual(['g.m:8: mpc.gen has 13 columns; columns 14–21 set to 0']);
  });

  it('converts the version 1 function form as loadcase does', () => {
    const text = `function [baseMVA, bus, gen, branch, areas, gencost] = old9
baseMVA = 100;
bus = [
  1 3 0 0 0 0 1 1 0 345 1 1.1 0.9;
  2 1 90 30 0 0 1 1 0 345 1 1.1 0.9;
];
gen = [ 1 0 0 300 -300 1.04 100 1 250 10 ];
%% a solved v1 branch: PF QF PT QT in columns 12-15 must not become angmin/angmax
branch = [ 1 2 0.01 0.085 0.176 250 250 250 0 0 1 99 9 -98 -8 ];
areas = [ 1 1 ];
gencost = [ 2 0 0 3 0.1 5 0 ];
return;
`;
    const mpc = parseMatpower(text, 'old9.m');
    expect(mpc.name).toBe('old9');
    expect(mpc.version).toBe('2');
    expect(rowsOf(mpc.gen)[0]).toEqual([
      1,
      0,
      0,
      300,
      -300,
      1.04,
      100,
      1,
      250,
      10,
      ...Array(11).fill(0),
    ]);
    expect(rowsOf(mpc.branch)[0]).toEqual([
      1, 2, 0.01, 0.085, 0.176, 250, 250, 250, 0, 0, 1, -360, 360,
    ]);
    expect(rowsOf(mpc.areas)).toEqual([[1, 1]]);
    expect(mpc.warnings[0]).toMatch(/converted from MATPOWER case format version 1/);
  });

  it("converts mpc.version = '1' and a versionless case with a 10-column gen matrix", () => {
    for (const text of [V2.replace("'2'", "'1'"), V2.replace("mpc.version = '2';\n", '\n')]) {
      const one = text.replace(' 0 0 0 0 0 0 0 0 0 0 0;', ';').replace(' -360 360;', ' 5 6;');
      const mpc = parseMatpower(one, 'v1.m');
      expect(rowsOf(mpc.gen)[0]!.length).toBe(21);
      expect(rowsOf(mpc.branch)[0]!.slice(11)).toEqual([-360, 360]);
    }
  });

  it('reads a version 2 case with a 10-column gen matrix as it is', () => {
    const mpc = parseMatpower(V2.replace(' 0 0 0 0 0 0 0 0 0 0 0;', ';'), 'g10.m');
    expect(rowsOf(mpc.gen)[0]!.length).toBe(10);
    expect(matpowerToNetwork(mpc).generators[0]!.matpowerExtra).toBeUndefined();
    expect(mpc.warnings).toEqual([]);
  });
});

describe('parseMatpower: numbers', () => {
  // a small deterministic PRNG (mulberry32) so a failure can be reproduced
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('reads every decimal form to the same double as Number()', () => {
    const rnd = random(20240601);
    const tokens: string[] = [
      '0',
      '-0',
      '.5',
      '-.5',
      '5.',
      '1e-3',
      '1E+3',
      '007',
      '9007199254740993',
    ];
    for (let k = 0; k < 20000; k++) {
      const digits = Array.from({ length: 1 + Math.floor(rnd() * 19) }, () =>
        Math.floor(rnd() * 10),
      ).join('');
      const dot = Math.floor(rnd() * (digits.length + 1));
      let t = rnd() < 0.7 ? `${digits.slice(0, dot)}.${digits.slice(dot)}` : digits;
      if (t === '.') t = '0';
      if (rnd() < 0.3) t += `e${Math.floor(rnd() * 60) - 30}`;
      if (rnd() < 0.4) t = `-${t}`;
      tokens.push(t);
    }
    const rows: string[] = [];
    for (let i = 0; i < tokens.length; i += 10) rows.push(tokens.slice(i, i + 10).join('\t'));
    while (rows[rows.length - 1]!.split('\t').length < 10) rows[rows.length - 1] += '\t0';
    const mpc = parseMatpower(`${V2}mpc.numbers = [\n${rows.join(';\n')}\n];\n`, 'n.m');
    const got = rowsOf(mpc.other!.numbers!).flat();
    const wrong = tokens.filter((t, i) => !Object.is(got[i], Number(t)));
    expect(wrong).toEqual([]);
  });
});
