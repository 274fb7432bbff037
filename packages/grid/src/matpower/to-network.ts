// MATPOWER case → FinEst network, column for column (MATPOWER manual, tables B-1 to B-3):
// bus ids are the bus numbers as text (numbers need not be consecutive), branches and
// generators keep file row order with ids "1", "2", ... (their 1-based row), a branch with a
// non-zero tap ratio is a transformer, dcline rows become HVDC links ("dc1", ...), gencost is
// kept verbatim, areas come from mpc.areas (then any other bus area) or else from the buses in
// order of first use. Result columns beyond the input columns (OPF/PF results) are ignored.
// Generator and dcline limits, branch ratings (+Inf) and branch angle limits may be ±Inf
// (MATPOWER: no limit; its OPF leaves RATE_A ≥ 1e10 unconstrained); they stay ±Infinity unless
// `infinityAs` is given, since NetworkSchema and JSON only hold finite numbers.
import type { Branch, Bus, BusType, Generator, HvdcLink, Network } from '../schema/network.ts';
import { MatpowerParseError } from '../errors.ts';
import type { MatpowerCase, StringCellField } from './case.ts';

const BUS_TYPES: Record<number, BusType> = { 1: 'PQ', 2: 'PV', 3: 'REF', 4: 'NONE' };
/** gen columns that may be ±Inf: QMAX, QMIN, PMAX, PMIN (0-based) */
const GEN_LIMITS = [3, 4, 8, 9];
/** branch columns that may be Inf: RATE_A, RATE_B, RATE_C (0-based; a negative one is refused) */
const BRANCH_RATINGS = [5, 6, 7];
/** dcline columns that may be ±Inf: PMIN … QMAXT (0-based) */
const DCLINE_LIMITS = [9, 10, 11, 12, 13, 14];

export interface MatpowerToNetworkOptions {
  /**
   * MW/MVAr (or MVA, degrees) magnitude that replaces ±Inf generator and dcline limits, branch
   * ratings and angle limits (e.g. 1e5), so that the network passes NetworkSchema and survives
   * JSON; default: keep ±Infinity, as MATPOWER does
   */
  infinityAs?: number;
}

export function matpowerToNetwork(
  mpc: MatpowerCase,
  options: MatpowerToNetworkOptions = {},
): Network {
  const file = mpc.fileName;
  checkCellLength(mpc, 'busName', 'bus_name', mpc.bus.rows.length, 'buses');
  checkCellLength(mpc, 'genFuel', 'genfuel', mpc.gen.rows.length, 'generators');
  checkCellLength(mpc, 'genType', 'gentype', mpc.gen.rows.length, 'generators');
  const cap = options.infinityAs;
  const limit = (v: number): number =>
    cap === undefined || Number.isFinite(v) ? v : v > 0 ? cap : -cap;
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
    if (!Number.isInteger(r[6]!) || !Number.isInteger(r[10]!))
      throw new MatpowerParseError(
        file,
        line,
        `bus ${num}: area (${r[6]}) and zone (${r[10]}) must be integers`,
      );
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
    finiteRow(r, 10, file, line, what, GEN_LIMITS);
    const g: Generator = {
      id: String(k + 1),
      bus: busRef(r[0]!, line, what),
      Pg: r[1]!,
      Qg: r[2]!,
      Qmax: limit(r[3]!),
      Qmin: limit(r[4]!),
      Vg: r[5]!,
      mBase: r[6]!,
      inService: r[7]! > 0,
      Pmax: limit(r[8]!),
      Pmin: limit(r[9]!),
    };
    // parseMatpower leaves 10 or at least 21 columns; 11–21 are PC1 … APF
    if (r.length > 10) g.matpowerExtra = r.slice(10, 21).map(limit);
    const fuel = mpc.genFuel?.[k];
    if (fuel !== undefined) g.technology = fuel;
    const type = mpc.genType?.[k];
    if (type !== undefined) g.unitType = type;
    return g;
  });

  const branches: Branch[] = mpc.branch.rows.map((r, k) => {
    const line = mpc.branch.lines[k]!;
    const what = `branch ${k + 1}`;
    finiteRow(r, 11, file, line, what, BRANCH_RATINGS);
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
      rateA: limit(r[5]!),
      rateB: limit(r[6]!),
      rateC: limit(r[7]!),
      tap: r[8]!,
      shift: r[9]!,
      inService: r[10]! > 0,
      angmin: limit(r[11] ?? -360),
      angmax: limit(r[12] ?? 360),
    };
  });

  const hvdcLinks: HvdcLink[] = (mpc.dcline?.rows ?? []).map((r, k) => {
    const line = mpc.dcline!.lines[k]!;
    const what = `dcline ${k + 1}`;
    finiteRow(r, 17, file, line, what, DCLINE_LIMITS);
    return {
      id: `dc${k + 1}`,
      from: busRef(r[0]!, line, what),
      to: busRef(r[1]!, line, what),
      inService: r[2]! > 0,
      P: r[3]!,
      Pmin: limit(r[9]!),
      Pmax: limit(r[10]!),
      lossFixed: r[15]!,
      lossFactor: r[16]!,
      Vf: r[7]!,
      Vt: r[8]!,
      Qminf: limit(r[11]!),
      Qmaxf: limit(r[12]!),
      Qmint: limit(r[13]!),
      Qmaxt: limit(r[14]!),
    };
  });

  // mpc.areas: [AREA_I, PRICE_REF_BUS]; the price reference bus is obsolete (v1 OPF) and dropped
  const areaIds = [
    ...new Set([...(mpc.areas?.rows ?? []).map((r) => String(r[0]!)), ...buses.map((b) => b.area)]),
  ];
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
      {
        id: `matpower:${mpc.name}`,
        name: `MATPOWER case ${mpc.name}`,
        source: mpc.fileName.replace(/^.*[\\/]/, ''),
      },
    ],
  };
  if (mpc.gencost) {
    // cost coefficients and breakpoints have no meaning at infinity: say where, not "null" later
    const { rows, lines } = mpc.gencost;
    rows.forEach((r, k) => finiteRow(r, r.length, file, lines[k]!, `gencost row ${k + 1}`));
    network.gencost = rows.map((r) => [...r]);
  }
  return network;
}

/** A cell array of names must have one entry per row of its matrix. */
function checkCellLength(
  mpc: MatpowerCase,
  key: StringCellField,
  field: string,
  rows: number,
  what: string,
): void {
  const values = mpc[key];
  if (values === undefined || values.length === rows) return;
  throw new MatpowerParseError(
    mpc.fileName,
    mpc.cellLines?.[key] ?? 0,
    `mpc.${field} has ${values.length} entries for ${rows} ${what}`,
  );
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
