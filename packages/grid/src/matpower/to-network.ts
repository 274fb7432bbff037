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
import { rowCount, type MatpowerCase, type StringCellField } from './case.ts';

const BUS_TYPES: Record<number, BusType> = { 1: 'PQ', 2: 'PV', 3: 'REF', 4: 'NONE' };
/** gen columns that may be ±Inf: QMAX, QMIN, PMAX, PMIN (0-based) */
const GEN_LIMITS = [3, 4, 8, 9];
/** branch columns that may be Inf: RATE_A, RATE_B, RATE_C (0-based; a negative one is refused) */
const BRANCH_RATINGS = [5, 6, 7];
/** dcline columns that may be ±Inf: PMIN … QMAXT (0-based) */
const DCLINE_LIMITS = [9, 10, 11, 12, 13, 14];
const NO_LIMITS: readonly number[] = [];

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
  checkCellLength(mpc, 'busName', 'bus_name', rowCount(mpc.bus), 'buses');
  checkCellLength(mpc, 'genFuel', 'genfuel', rowCount(mpc.gen), 'generators');
  checkCellLength(mpc, 'genType', 'gentype', rowCount(mpc.gen), 'generators');
  const cap = options.infinityAs;
  const limit = (v: number): number =>
    cap === undefined || Number.isFinite(v) ? v : v > 0 ? cap : -cap;
  const buses = readBuses(mpc);
  const busIds = new Set(buses.map((b) => b.id));
  const busRef: BusRef = (v, line, what, index) => {
    const id = String(v);
    if (!busIds.has(id))
      throw new MatpowerParseError(
        mpc.fileName,
        line,
        `${what} ${index} refers to bus ${v}, which is not in mpc.bus`,
      );
    return id;
  };
  const generators = readGenerators(mpc, busRef, limit);
  const branches = readBranches(mpc, busRef, limit);
  const hvdcLinks = readDclines(mpc, busRef, limit);

  // mpc.areas: [AREA_I, PRICE_REF_BUS]; the price reference bus is obsolete (v1 OPF) and dropped
  const areaIds = new Set<string>();
  if (mpc.areas)
    for (let k = 0; k < rowCount(mpc.areas); k++)
      areaIds.add(String(mpc.areas.values[k * mpc.areas.width]!));
  for (const b of buses) areaIds.add(b.area);
  const network: Network = {
    formatVersion: 1,
    name: mpc.name,
    baseMVA: mpc.baseMVA,
    buses,
    branches,
    generators,
    hvdcLinks,
    areas: [...areaIds].map((id) => ({ id, name: `Area ${id}` })),
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
    const { values: v, width: w, lines } = mpc.gencost;
    network.gencost = lines.map((line, k) => {
      finiteRow(v, k * w, w, NO_LIMITS, mpc.fileName, line, 'gencost row', k + 1);
      return Array.from(v.subarray(k * w, (k + 1) * w));
    });
  }
  return network;
}

// One function per matrix, each one loop over its rows read in place (row k starts at
// values[k·width]): V8 optimises each loop on its own, instead of recompiling one long function
// at every next loop it reaches; and messages are made only when there is an error.

/** The bus id of a bus number, or an error naming the element (`${what} ${index}`). */
type BusRef = (busNumber: number, line: number, what: string, index: number) => string;

function readBuses(mpc: MatpowerCase): Bus[] {
  const file = mpc.fileName;
  const { values: v, width: w, lines } = mpc.bus;
  const names = mpc.busName;
  const seen = new Set<number>();
  const buses = new Array<Bus>(lines.length);
  for (let k = 0, o = 0; k < lines.length; k++, o += w) {
    const line = lines[k]!;
    const num = v[o]!;
    if (!Number.isInteger(num) || num <= 0)
      throw new MatpowerParseError(file, line, `bus number must be a positive integer, got ${num}`);
    if (seen.has(num)) throw new MatpowerParseError(file, line, `duplicate bus number ${num}`);
    seen.add(num);
    const type = BUS_TYPES[v[o + 1]!];
    if (!type)
      throw new MatpowerParseError(
        file,
        line,
        `bus ${num} has type ${v[o + 1]}, expected 1 (PQ), 2 (PV), 3 (REF) or 4 (isolated)`,
      );
    finiteRow(v, o, 13, NO_LIMITS, file, line, 'bus', num);
    if (!Number.isInteger(v[o + 6]!) || !Number.isInteger(v[o + 10]!))
      throw new MatpowerParseError(
        file,
        line,
        `bus ${num}: area (${v[o + 6]}) and zone (${v[o + 10]}) must be integers`,
      );
    const bus: Bus = {
      id: String(num),
      type,
      Pd: v[o + 2]!,
      Qd: v[o + 3]!,
      Gs: v[o + 4]!,
      Bs: v[o + 5]!,
      area: String(v[o + 6]!),
      zone: v[o + 10]!,
      Vm: v[o + 7]!,
      Va: v[o + 8]!,
      baseKV: v[o + 9]!,
      Vmax: v[o + 11]!,
      Vmin: v[o + 12]!,
    };
    const name = names?.[k];
    if (name !== undefined) bus.name = name;
    buses[k] = bus;
  }
  return buses;
}

function readGenerators(
  mpc: MatpowerCase,
  busRef: BusRef,
  limit: (v: number) => number,
): Generator[] {
  const { values: v, width: w, lines } = mpc.gen;
  const generators = new Array<Generator>(lines.length);
  for (let k = 0, o = 0; k < lines.length; k++, o += w) {
    const line = lines[k]!;
    finiteRow(v, o, Math.min(10, w), GEN_LIMITS, mpc.fileName, line, 'generator', k + 1);
    const g: Generator = {
      id: String(k + 1),
      bus: busRef(v[o]!, line, 'generator', k + 1),
      Pg: v[o + 1]!,
      Qg: v[o + 2]!,
      Qmax: limit(v[o + 3]!),
      Qmin: limit(v[o + 4]!),
      Vg: v[o + 5]!,
      mBase: v[o + 6]!,
      inService: v[o + 7]! > 0,
      Pmax: limit(v[o + 8]!),
      Pmin: limit(v[o + 9]!),
    };
    // parseMatpower leaves 10 or at least 21 columns; 11–21 are PC1 … APF
    if (w > 10) g.matpowerExtra = Array.from(v.subarray(o + 10, o + Math.min(21, w)), limit);
    const fuel = mpc.genFuel?.[k];
    if (fuel !== undefined) g.technology = fuel;
    const type = mpc.genType?.[k];
    if (type !== undefined) g.unitType = type;
    generators[k] = g;
  }
  return generators;
}

function readBranches(mpc: MatpowerCase, busRef: BusRef, limit: (v: number) => number): Branch[] {
  const { values: v, width: w, lines } = mpc.branch;
  const branches = new Array<Branch>(lines.length);
  for (let k = 0, o = 0; k < lines.length; k++, o += w) {
    const line = lines[k]!;
    finiteRow(v, o, Math.min(11, w), BRANCH_RATINGS, mpc.fileName, line, 'branch', k + 1);
    for (let c = 5; c <= 7; c++) {
      if (v[o + c]! < 0)
        throw new MatpowerParseError(
          mpc.fileName,
          line,
          `branch ${k + 1}: rating ${['RATE_A', 'RATE_B', 'RATE_C'][c - 5]} is negative (${v[o + c]})`,
        );
    }
    branches[k] = {
      id: String(k + 1),
      from: busRef(v[o]!, line, 'branch', k + 1),
      to: busRef(v[o + 1]!, line, 'branch', k + 1),
      kind: v[o + 8] !== 0 ? 'transformer' : 'line',
      r: v[o + 2]!,
      x: v[o + 3]!,
      b: v[o + 4]!,
      rateA: limit(v[o + 5]!),
      rateB: limit(v[o + 6]!),
      rateC: limit(v[o + 7]!),
      tap: v[o + 8]!,
      shift: v[o + 9]!,
      inService: v[o + 10]! > 0,
      angmin: limit(w > 11 ? v[o + 11]! : -360),
      angmax: limit(w > 12 ? v[o + 12]! : 360),
    };
  }
  return branches;
}

function readDclines(mpc: MatpowerCase, busRef: BusRef, limit: (v: number) => number): HvdcLink[] {
  if (!mpc.dcline) return [];
  const { values: v, width: w, lines } = mpc.dcline;
  const links = new Array<HvdcLink>(lines.length);
  for (let k = 0, o = 0; k < lines.length; k++, o += w) {
    const line = lines[k]!;
    finiteRow(v, o, Math.min(17, w), DCLINE_LIMITS, mpc.fileName, line, 'dcline', k + 1);
    links[k] = {
      id: `dc${k + 1}`,
      from: busRef(v[o]!, line, 'dcline', k + 1),
      to: busRef(v[o + 1]!, line, 'dcline', k + 1),
      inService: v[o + 2]! > 0,
      P: v[o + 3]!,
      Pmin: limit(v[o + 9]!),
      Pmax: limit(v[o + 10]!),
      lossFixed: v[o + 15]!,
      lossFactor: v[o + 16]!,
      Vf: v[o + 7]!,
      Vt: v[o + 8]!,
      Qminf: limit(v[o + 11]!),
      Qmaxf: limit(v[o + 12]!),
      Qmint: limit(v[o + 13]!),
      Qmaxt: limit(v[o + 14]!),
    };
  }
  return links;
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

/** Rejects ±Inf in the first `width` columns of the row at `offset` except those listed. */
function finiteRow(
  values: Float64Array,
  offset: number,
  width: number,
  infOk: readonly number[],
  file: string,
  line: number,
  what: string,
  index: number,
): void {
  for (let c = 0; c < width; c++) {
    const x = values[offset + c]!;
    if (!Number.isFinite(x) && !infOk.includes(c)) {
      throw new MatpowerParseError(
        file,
        line,
        `${what} ${index}: column ${c + 1} is ${x}, expected a finite number`,
      );
    }
  }
}
