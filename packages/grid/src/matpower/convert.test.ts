// MATPOWER case ↔ network mapping on a constructed case that uses what the shared cases do
// not (dcline, areas, Inf limits, -0, quotes in names, out-of-service rows), conversion
// errors with their lines, and networks whose ids are not bus numbers.
import { describe, expect, it } from 'vitest';
import { MatpowerParseError } from '../errors.ts';
import { NetworkSchema, type Network } from '../schema/network.ts';
import { testBranch, testBus, testGenerator } from '../testing/builders.ts';
import { networkToMatpower } from './from-network.ts';
import { parseMatpower } from './parse.ts';
import { matpowerToNetwork } from './to-network.ts';
import { writeMatpower } from './write.ts';
import { rowsOf } from '../test-support/matpower-rows.ts';

const CASE = `function mpc = rich
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [
  30  3  0    0   0  0   2  1.02  0     345  1  1.1  0.9;
  10  2  90   30  0  19  1  1     -0    345  1  1.1  0.9;
  20  1  -0.5 3   1  0   2  0.98  -4.5  138  3  1.05 0.95;
  40  4  0    0   0  0   1  1     0     138  1  1.1  0.9;
];
mpc.gen = [
  30  72.3  27.03  Inf  -Inf  1.04  100  1  250   10  0 0 0 0 0 0 0 0 0 0 0;
  10  163   6.54   300  -300  1.025 100  0  300   10  1 2 3 4 5 6 7 8 9 10 0.5;
];
mpc.branch = [
  30  10  0.01   0.085  0.176  250  250  250  0     0   1  -360  360;
  10  20  0.017  0.092  0.158  0    0    0    1.05  -3  0  -30   30;
  10  20  0.017  0.092  0.158  0    0    0    0     0   1  -360  360;
];
mpc.gencost = [
  2  1500  0  3  0.11  5    150;
  2  2000  0  3  0.085 1.2  600;
];
mpc.dcline = [
  30  20  1  10  8.9  0  0  1.01  1  -50  50  -10  10  -10  10  1  0.01;
];
mpc.areas = [
  2  30;
  7  0;
  1  10;
];
mpc.bus_name = { 'A ''quoted'' 50%'; 'B'; 'C'; 'D' };
mpc.genfuel = { 'coal'; 'hydro' };
mpc.gentype = { 'ST'; 'HY' };
`;

function conversionError(text: string): MatpowerParseError {
  try {
    matpowerToNetwork(parseMatpower(text, 'bad.m'));
  } catch (err) {
    if (err instanceof MatpowerParseError) return err;
    throw err;
  }
  throw new Error('expected a MatpowerParseError');
}

describe('matpowerToNetwork', () => {
  const net = matpowerToNetwork(parseMatpower(CASE, 'rich.m'));

  it('maps buses: ids from numbers, types, areas as text, names', () => {
    expect(net.buses.map((b) => [b.id, b.type, b.area, b.zone, b.name])).toEqual([
      ['30', 'REF', '2', 1, "A 'quoted' 50%"],
      ['10', 'PV', '1', 1, 'B'],
      ['20', 'PQ', '2', 3, 'C'],
      ['40', 'NONE', '1', 1, 'D'],
    ]);
    expect(net.buses[2]).toMatchObject({ Pd: -0.5, Qd: 3, Gs: 1, Vm: 0.98, Va: -4.5, baseKV: 138 });
    expect(Object.is(net.buses[1]!.Va, -0)).toBe(true);
  });

  it('maps areas from mpc.areas first, then other bus areas', () => {
    expect(net.areas).toEqual([
      { id: '2', name: 'Area 2' },
      { id: '7', name: 'Area 7' },
      { id: '1', name: 'Area 1' },
    ]);
  });

  it('maps branches in row order with row ids, kind from the tap ratio and status', () => {
    expect(net.branches.map((b) => [b.id, b.from, b.to, b.kind, b.tap, b.inService])).toEqual([
      ['1', '30', '10', 'line', 0, true],
      ['2', '10', '20', 'transformer', 1.05, false],
      ['3', '10', '20', 'line', 0, true],
    ]);
    expect(net.branches[1]).toMatchObject({ shift: -3, angmin: -30, angmax: 30, rateA: 0 });
  });

  it('maps generators with fuel, type, the extra columns and Inf limits', () => {
    expect(net.generators[0]).toMatchObject({
      id: '1',
      bus: '30',
      Qmax: Infinity,
      Qmin: -Infinity,
      technology: 'coal',
      unitType: 'ST',
      inService: true,
    });
    expect(net.generators[1]).toMatchObject({ id: '2', inService: false, unitType: 'HY' });
    expect(net.generators[1]!.matpowerExtra).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0.5]);
    expect(net.gencost).toEqual([
      [2, 1500, 0, 3, 0.11, 5, 150],
      [2, 2000, 0, 3, 0.085, 1.2, 600],
    ]);
  });

  it('maps dcline rows to HVDC links (P = PF)', () => {
    expect(net.hvdcLinks).toEqual([
      {
        id: 'dc1',
        from: '30',
        to: '20',
        inService: true,
        P: 10,
        Pmin: -50,
        Pmax: 50,
        lossFixed: 1,
        lossFactor: 0.01,
        Vf: 1.01,
        Vt: 1,
        Qminf: -10,
        Qmaxf: 10,
        Qmint: -10,
        Qmaxt: 10,
      },
    ]);
  });

  it('gives a schema-valid network once Inf limits are replaced', () => {
    expect(NetworkSchema.safeParse(net).success).toBe(false);
    const finite = matpowerToNetwork(parseMatpower(CASE, 'rich.m'), { infinityAs: 9999 });
    expect(NetworkSchema.safeParse(finite).success).toBe(true);
  });
});

describe('MATPOWER round trip of a constructed case', () => {
  it('network → case → text → case → network is the identity', () => {
    const first = matpowerToNetwork(parseMatpower(CASE, 'rich.m'));
    const text = writeMatpower(networkToMatpower(first));
    const second = matpowerToNetwork(parseMatpower(text, 'rich.m'));
    expect(second).toEqual(first);
    expect(Object.is(second.buses[1]!.Va, -0)).toBe(true);
  });

  it('case → text → case keeps every matrix, name and raw field', () => {
    const mpc = parseMatpower(`${CASE}mpc.reserves = [ 1 2.5e-7; 3 -Inf ];\n`, 'rich.m');
    const again = parseMatpower(writeMatpower(mpc), 'rich.m');
    for (const f of ['bus', 'gen', 'branch', 'gencost', 'dcline', 'areas'] as const)
      expect(rowsOf(again[f])).toEqual(rowsOf(mpc[f]));
    expect([again.busName, again.genFuel, again.genType]).toEqual([
      mpc.busName,
      mpc.genFuel,
      mpc.genType,
    ]);
    expect(rowsOf(again.other?.reserves)).toEqual([
      [1, 2.5e-7],
      [3, -Infinity],
    ]);
  });

  it('writes column names as far as the rows go', () => {
    const text = writeMatpower(parseMatpower(CASE, 'rich.m'));
    expect(text).toContain(
      '%\tbus_i\ttype\tPd\tQd\tGs\tBs\tarea\tVm\tVa\tbaseKV\tzone\tVmax\tVmin\n',
    );
    expect(text).toContain("mpc.version = '2';");
    expect(text).toContain("\t'A ''quoted'' 50%';\n");
  });
});

describe('networkToMatpower', () => {
  it('numbers buses and areas whose ids are not numbers, keeping the ids as names', () => {
    const net: Network = {
      formatVersion: 1,
      name: '2025 FI-EE',
      baseMVA: 100,
      buses: [
        testBus('FI:1', { type: 'REF', area: 'FI' }),
        testBus('EE:7', { area: 'EE', Pd: 50 }),
      ],
      branches: [testBranch('L1', 'FI:1', 'EE:7')],
      generators: [testGenerator('G1', 'FI:1', { Pmax: 100 })],
      hvdcLinks: [],
      areas: [
        { id: 'FI', name: 'Finland' },
        { id: 'EE', name: 'Estonia' },
      ],
      countries: [],
      datasets: [],
    };
    const mpc = networkToMatpower(net);
    expect(mpc.name).toBe('case_2025_FI_EE');
    expect(rowsOf(mpc.bus).map((r) => [r[0], r[6]])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(rowsOf(mpc.branch)[0]!.slice(0, 2)).toEqual([1, 2]);
    expect(mpc.busName).toEqual(['FI:1', 'EE:7']);
    expect(mpc.areas).toBeUndefined();
    const back = matpowerToNetwork(parseMatpower(writeMatpower(mpc), 'x.m'));
    expect(back.buses.map((b) => [b.id, b.name, b.area])).toEqual([
      ['1', 'FI:1', '1'],
      ['2', 'EE:7', '2'],
    ]);
  });
});

describe('matpowerToNetwork errors name the line of the offending row', () => {
  it.each([
    [
      'a generator at an unknown bus',
      ['  30  72.3', '  31  72.3'],
      /^bad\.m:11: generator 1 refers to bus 31/,
    ],
    [
      'a branch to an unknown bus',
      ['30  10  0.01', '30  11  0.01'],
      /^bad\.m:15: branch 1 refers to bus 11/,
    ],
    [
      'a dcline at an unknown bus',
      ['30  20  1  10', '30  21  1  10'],
      /^bad\.m:24: dcline 1 refers to bus 21/,
    ],
    [
      'a duplicate bus number',
      ['  20  1  -0.5', '  30  1  -0.5'],
      /^bad\.m:7: duplicate bus number 30$/,
    ],
    [
      'a fractional bus number',
      ['  20  1  -0.5', '  20.5  1  -0.5'],
      /^bad\.m:7: bus number must be a positive integer, got 20\.5$/,
    ],
    [
      'a fractional area',
      ['0   2  0.98', '0   2.5  0.98'],
      /^bad\.m:7: bus 20: area \(2\.5\) and zone \(3\) must be integers$/,
    ],
    [
      'a negative rating',
      ['0.085  0.176  250', '0.085  0.176  -250'],
      /^bad\.m:15: branch 1: rating RATE_A is negative \(-250\)$/,
    ],
    [
      'too few fuels',
      ["{ 'coal'; 'hydro' }", "{ 'coal' }"],
      /^bad\.m:32: mpc\.genfuel has 1 entries for 2 generators$/,
    ],
  ])('%s', (_, [from, to], message) => {
    const text = CASE.replace(from!, to!);
    expect(text).not.toBe(CASE);
    expect(conversionError(text).message).toMatch(message);
  });
});
