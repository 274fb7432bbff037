// MATPOWER case → FinEst network, column for column (MATPOWER manual, tables B-1 to B-3):
// bus ids are the bus numbers as text (numbers need not be consecutive), branches and
// generators keep file row order with ids "1", "2", ... (their 1-based row), a branch with a
// non-zero tap ratio is a transformer, dcline rows become HVDC links, gencost is kept verbatim.
// Result columns beyond the input columns (OPF/PF results) are ignored.
import type { Branch, Bus, BusType, Generator, HvdcLink, Network } from '../schema/network.ts';
import { MatpowerParseError } from '../errors.ts';
import type { MatpowerCase } from './case.ts';

const BUS_TYPES: Record<number, BusType> = { 1: 'PQ', 2: 'PV', 3: 'REF', 4: 'NONE' };

export function matpowerToNetwork(mpc: MatpowerCase): Network {
  const file = mpc.fileName;
  const busIds = new Set<string>();
  const buses: Bus[] = mpc.bus.rows.map((r, k) => {
    const line = mpc.bus.lines[k]!;
    const num = r[0]!;
    if (!Number.isInteger(num) || num <= 0)
      throw new MatpowerParseError(file, line, `bus number must be a positive integer, got ${num}`);
    const id = String(num);
    if (busIds.has(id)) throw new MatpowerParseError(file, line, `duplicate bus number ${num}`);
    busIds.add(id);
    const type = BUS_TYPES[r[1]!];
    if (!type)
      throw new MatpowerParseError(
        file,
        line,
        `bus ${num} has type ${r[1]}, expected 1 (PQ), 2 (PV), 3 (REF) or 4 (isolated)`,
      );
    finiteRow(r, 13, file, line, `bus ${num}`);
    const bus: Bus = {
      id,
      type,
      Pd: r[2]!,
      Qd: r[3]!,
      Gs: r[4]!,
      Bs: r[5]!,
      area: String(r[6]!),
      zone: r[10]!,
      Vm: r[7]!,
      Va: r[8]!,
      baseKV: r[9]!,
      Vmax: r[11]!,
      Vmin: r[12]!,
    };
    const name = mpc.busName?.[k];
    if (name !== undefined) bus.name = name;
    return bus;
  });
  const busRef = (v: number, line: number, what: string): string => {
    const id = String(v);
    if (!busIds.has(id))
      throw new MatpowerParseError(
        file,
        line,
        `${what} refers to bus ${v}, which is not in mpc.bus`,
      );
    return id;
  };

  const generators: Generator[] = mpc.gen.rows.map((r, k) => {
    const line = mpc.gen.lines[k]!;
    const what = `generator ${k + 1}`;
    finiteRow(r, 10, file, line, what, [3, 4, 8, 9]);
    const g: Generator = {
      id: String(k + 1),
      bus: busRef(r[0]!, line, what),
      Pg: r[1]!,
      Qg: r[2]!,
      Qmax: r[3]!,
      Qmin: r[4]!,
      Vg: r[5]!,
      mBase: r[6]!,
      inService: r[7]! > 0,
      Pmax: r[8]!,
      Pmin: r[9]!,
    };
    if (r.length > 10) g.matpowerExtra = r.slice(10, 21);
    const fuel = mpc.genFuel?.[k];
    if (fuel !== undefined) g.technology = fuel;
    const type = mpc.genType?.[k];
    if (type !== undefined) g.unitType = type;
    return g;
  });

  const branches: Branch[] = mpc.branch.rows.map((r, k) => {
    const line = mpc.branch.lines[k]!;
    const what = `branch ${k + 1}`;
    finiteRow(r, 11, file, line, what);
    for (const c of [5, 6, 7]) {
      if (r[c]! < 0)
        throw new MatpowerParseError(
          file,
          line,
          `${what}: rating ${['RATE_A', 'RATE_B', 'RATE_C'][c - 5]} is negative (${r[c]})`,
        );
    }
    return {
      id: String(k + 1),
      from: busRef(r[0]!, line, what),
      to: busRef(r[1]!, line, what),
      kind: r[8] !== 0 ? 'transformer' : 'line',
      r: r[2]!,
      x: r[3]!,
      b: r[4]!,
      rateA: r[5]!,
      rateB: r[6]!,
      rateC: r[7]!,
      tap: r[8]!,
      shift: r[9]!,
      inService: r[10]! > 0,
      angmin: r[11] ?? -360,
      angmax: r[12] ?? 360,
    };
  });

  const hvdcLinks: HvdcLink[] = (mpc.dcline?.rows ?? []).map((r, k) => {
    const line = mpc.dcline!.lines[k]!;
    const what = `dcline ${k + 1}`;
    finiteRow(r, 17, file, line, what, [9, 10, 11, 12, 13, 14]);
    return {
      id: `dc${k + 1}`,
      from: busRef(r[0]!, line, what),
      to: busRef(r[1]!, line, what),
      inService: r[2]! > 0,
      P: r[3]!,
      Pmin: r[9]!,
      Pmax: r[10]!,
      lossFixed: r[15]!,
      lossFactor: r[16]!,
      Vf: r[7]!,
      Vt: r[8]!,
      Qminf: r[11]!,
      Qmaxf: r[12]!,
      Qmint: r[13]!,
      Qmaxt: r[14]!,
    };
  });

  const areaIds = [...new Set(buses.map((b) => b.area))];
  const network: Network = {
    formatVersion: 1,
    name: mpc.name,
    baseMVA: mpc.baseMVA,
    buses,
    branches,
    generators,
    hvdcLinks,
    areas: areaIds.map((id) => ({ id, name: `Area ${id}` })),
    countries: [],
    datasets: [
      { id: `matpower:${mpc.name}`, name: `MATPOWER case ${mpc.name}`, source: mpc.fileName },
    ],
  };
  if (mpc.gencost) network.gencost = mpc.gencost.rows.map((r) => [...r]);
  return network;
}

/** Rejects ±Inf in the first `width` columns except those listed (limits may be infinite). */
function finiteRow(
  row: number[],
  width: number,
  file: string,
  line: number,
  what: string,
  infOk: number[] = [],
): void {
  for (let c = 0; c < width && c < row.length; c++) {
    if (!Number.isFinite(row[c]!) && !infOk.includes(c)) {
      throw new MatpowerParseError(
        file,
        line,
        `${what}: column ${c + 1} is ${row[c]}, expected a finite number`,
      );
    }
  }
}
