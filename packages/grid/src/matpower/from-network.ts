// FinEst network → MATPOWER case, the inverse of matpowerToNetwork. Buses whose ids are not
// positive integers are numbered 1..n in list order (their ids are kept as bus names); areas
// that are not integers are numbered by their position in `areas`.
import type { Network } from '../schema/network.ts';
import type { MatpowerCase, MatrixField } from './case.ts';

const TYPE_CODE = { PQ: 1, PV: 2, REF: 3, NONE: 4 } as const;

const field = (rows: number[][]): MatrixField => ({ rows, lines: rows.map(() => 0), line: 0 });

export function networkToMatpower(net: Network): MatpowerCase {
  const numeric = net.buses.every((b) => /^[1-9]\d*$/.test(b.id));
  const busNumber = new Map(net.buses.map((b, k) => [b.id, numeric ? Number(b.id) : k + 1]));
  const areaNumber = (area: string): number => {
    if (/^-?\d+$/.test(area)) return Number(area);
    return net.areas.findIndex((a) => a.id === area) + 1;
  };
  const bus = net.buses.map((b) => [
    busNumber.get(b.id)!,
    TYPE_CODE[b.type],
    b.Pd,
    b.Qd,
    b.Gs,
    b.Bs,
    areaNumber(b.area),
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
    name: net.name.replace(/\W/g, '_') || 'network',
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
  if (net.gencost) mpc.gencost = field(net.gencost.map((r) => [...r]));
  if (!numeric || net.buses.some((b) => b.name !== undefined))
    mpc.busName = net.buses.map((b) => b.name ?? b.id);
  if (net.generators.some((g) => g.technology !== undefined))
    mpc.genFuel = net.generators.map((g) => g.technology ?? 'unknown');
  if (net.generators.some((g) => g.unitType !== undefined))
    mpc.genType = net.generators.map((g) => g.unitType ?? 'UN');
  return mpc;
}
