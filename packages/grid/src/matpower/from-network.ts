// FinEst network → MATPOWER case, the inverse of matpowerToNetwork. Buses whose ids are not
// all positive integers are numbered 1..n in list order (their ids are kept as bus names);
// areas likewise, in the order of `areas` then of first use. mpc.areas is written only when the
// area list is not simply the buses' areas in order of first use (its PRICE_REF_BUS column,
// obsolete, is the area's first REF bus, else its first bus, else 0). HVDC links become dcline
// rows with PT, QF, QT = 0 (inputs only).
import type { Network } from '../schema/network.ts';
import { matrixFromRows, type MatpowerCase, type MatrixField } from './case.ts';

const TYPE_CODE = { PQ: 1, PV: 2, REF: 3, NONE: 4 } as const;
const POSITIVE_INT = /^[1-9]\d*$/;

const field = (rows: number[][]): MatrixField => matrixFromRows(rows);

/** A MATLAB function name: letters, digits and _, starting with a letter. */
const matlabName = (name: string): string => {
  const clean = name.replace(/\W/g, '_');
  return /^[A-Za-z]/.test(clean) ? clean : `case_${clean}`;
};

export function networkToMatpower(net: Network): MatpowerCase {
  const numeric = net.buses.every((b) => POSITIVE_INT.test(b.id));
  const busNumber = new Map(net.buses.map((b, k) => [b.id, numeric ? Number(b.id) : k + 1]));
  const usedAreas = [...new Set(net.buses.map((b) => b.area))];
  const allAreas = [...new Set([...net.areas.map((a) => a.id), ...usedAreas])];
  const numericAreas = allAreas.every((a) => /^(?:0|-?[1-9]\d*)$/.test(a));
  const areaNumber = new Map(allAreas.map((a, k) => [a, numericAreas ? Number(a) : k + 1]));
  const bus = net.buses.map((b) => [
    busNumber.get(b.id)!,
    TYPE_CODE[b.type],
    b.Pd,
    b.Qd,
    b.Gs,
    b.Bs,
    areaNumber.get(b.area)!,
    b.Vm,
    b.Va,
    b.baseKV,
    b.zone,
    b.Vmax,
    b.Vmin,
  ]);
  const withExtra = net.generators.some((g) => g.matpowerExtra !== undefined);
  const gen = net.generators.map((g) => {
    const row = [
      busNumber.get(g.bus)!,
      g.Pg,
      g.Qg,
      g.Qmax,
      g.Qmin,
      g.Vg,
      g.mBase,
      g.inService ? 1 : 0,
      g.Pmax,
      g.Pmin,
    ];
    if (withExtra) row.push(...Array.from({ length: 11 }, (_, c) => g.matpowerExtra?.[c] ?? 0));
    return row;
  });
  const branch = net.branches.map((br) => [
    busNumber.get(br.from)!,
    busNumber.get(br.to)!,
    br.r,
    br.x,
    br.b,
    br.rateA,
    br.rateB,
    br.rateC,
    br.tap,
    br.shift,
    br.inService ? 1 : 0,
    br.angmin,
    br.angmax,
  ]);
  const mpc: MatpowerCase = {
    name: matlabName(net.name),
    fileName: `${net.name}.m`,
    version: '2',
    baseMVA: net.baseMVA,
    bus: field(bus),
    gen: field(gen),
    branch: field(branch),
    warnings: [],
  };
  if (net.hvdcLinks.length > 0) {
    mpc.dcline = field(
      net.hvdcLinks.map((h) => [
        busNumber.get(h.from)!,
        busNumber.get(h.to)!,
        h.inService ? 1 : 0,
        h.P,
        0,
        0,
        0,
        h.Vf,
        h.Vt,
        h.Pmin,
        h.Pmax,
        h.Qminf,
        h.Qmaxf,
        h.Qmint,
        h.Qmaxt,
        h.lossFixed,
        h.lossFactor,
      ]),
    );
  }
  if (allAreas.join('\n') !== usedAreas.join('\n')) {
    const priceRef = (area: string): number => {
      const inArea = net.buses.filter((b) => b.area === area);
      const bus = inArea.find((b) => b.type === 'REF') ?? inArea[0];
      return bus === undefined ? 0 : busNumber.get(bus.id)!;
    };
    mpc.areas = field(allAreas.map((a) => [areaNumber.get(a)!, priceRef(a)]));
  }
  if (net.gencost) mpc.gencost = field(net.gencost.map((r) => [...r]));
  if (!numeric || net.buses.some((b) => b.name !== undefined))
    mpc.busName = net.buses.map((b) => b.name ?? b.id);
  if (net.generators.some((g) => g.technology !== undefined))
    mpc.genFuel = net.generators.map((g) => g.technology ?? 'unknown');
  if (net.generators.some((g) => g.unitType !== undefined))
    mpc.genType = net.generators.map((g) => g.unitType ?? 'UN');
  return mpc;
}
