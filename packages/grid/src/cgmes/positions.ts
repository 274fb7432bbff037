// Positions for the buses a GL or DL profile does not place itself (a three-winding
// transformer's star point, a boundary node, a node no diagram object names): the mean of their
// placed neighbours, round by round so a chain fills in from its placed end, nudged apart so
// that none coincides with another; a bus with no branch at all, the centre of the placed ones.
// All or nothing: when part of the network stays unreached, no bus keeps a position (the web
// app then draws the network schematically) and a warning says why.
import type { Bus } from '../schema/network.ts';
import type { NetworkBuilder } from './builder.ts';

const GOLDEN_ANGLE = 2.399963;

const mean = (ps: [number, number][]): [number, number] => [
  ps.reduce((s, p) => s + p[0], 0) / ps.length,
  ps.reduce((s, p) => s + p[1], 0) / ps.length,
];

/** Every bus's position from those given, or undefined (warned) when some cannot be had. */
export function completePositions(
  b: NetworkBuilder,
  given: Map<Bus, [number, number]>,
  nudge: number,
  source: string,
): Map<Bus, [number, number]> | undefined {
  if (given.size === 0) return undefined;
  const buses = [...b.buses.values()];
  const pos = new Map(given);
  const byId = new Map(buses.map((bus) => [bus.id, bus]));
  const neighbours = new Map<Bus, Bus[]>(buses.map((bus) => [bus, []]));
  for (const e of [...b.branches, ...b.hvdcLinks]) {
    const f = byId.get(e.from);
    const t = byId.get(e.to);
    if (f === undefined || t === undefined || f === t) continue;
    neighbours.get(f)!.push(t);
    neighbours.get(t)!.push(f);
  }
  const nudged = (at: [number, number], k: number): [number, number] => [
    at[0] + nudge * Math.cos(k * GOLDEN_ANGLE),
    at[1] + nudge * Math.sin(k * GOLDEN_ANGLE),
  ];
  for (;;) {
    const round: [Bus, [number, number]][] = [];
    for (const bus of buses) {
      if (pos.has(bus)) continue;
      const placed = neighbours.get(bus)!.flatMap((n) => {
        const p = pos.get(n);
        return p === undefined ? [] : [p];
      });
      if (placed.length > 0) round.push([bus, mean(placed)]);
    }
    if (round.length === 0) break;
    // golden-angle nudges: the buses of one round never line up
    round.forEach(([bus, at], k) => pos.set(bus, nudged(at, k)));
  }
  // a dead, isolated node has no neighbours to go by; it should not cost the rest its positions
  const isolated = buses.filter((bus) => !pos.has(bus) && neighbours.get(bus)!.length === 0);
  if (isolated.length > 0 && isolated.length === buses.length - pos.size) {
    const centre = mean([...pos.values()]);
    isolated.forEach((bus, k) => pos.set(bus, nudged(centre, k)));
    b.warnings.push(
      `${isolated.length} isolated buses not placed by ${source} put at the centre of the others`,
    );
  }
  if (pos.size < buses.length) {
    b.warnings.push(
      `${source} place ${given.size} of ${buses.length} buses and their neighbours reach only ${pos.size}: no bus keeps a position (the network is drawn schematically)`,
    );
    return undefined;
  }
  if (given.size < buses.length)
    b.warnings.push(
      `${buses.length - given.size} buses not placed by ${source} put at their neighbours' mean position`,
    );
  return pos;
}
