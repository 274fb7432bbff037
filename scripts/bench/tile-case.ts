// Builds a larger test network by tiling copies of a case and joining consecutive copies with
// tie lines, for benchmarks at sizes beyond the cases in ../shared (e.g. 5 × 2,000 = 10,000
// buses). Each copy's reference bus but the first becomes PV, so the result is one island with
// one slack; ties join the highest-voltage bus of each copy at a few points.
import type { Branch, Network } from '@finest/grid';

export function tileNetwork(base: Network, copies: number, tiesPerJoin = 4): Network {
  const buses: Network['buses'] = [];
  const branches: Network['branches'] = [];
  const generators: Network['generators'] = [];
  const idOf = (copy: number, id: string): string => (copy === 0 ? id : `${copy}:${id}`);
  // Tie points: the buses of highest base voltage, spread through the bus list.
  const byKv = [...base.buses].filter((b) => b.type !== 'NONE').sort((a, b) => b.baseKV - a.baseKV);
  const tiePoints = Array.from(
    { length: tiesPerJoin },
    (_, k) => byKv[Math.floor((k * byKv.length) / (4 * tiesPerJoin))]!.id,
  );
  for (let c = 0; c < copies; c++) {
    for (const b of base.buses) {
      buses.push({ ...b, id: idOf(c, b.id), type: c > 0 && b.type === 'REF' ? 'PV' : b.type });
    }
    for (const br of base.branches) {
      branches.push({ ...br, id: idOf(c, br.id), from: idOf(c, br.from), to: idOf(c, br.to) });
    }
    for (const g of base.generators)
      generators.push({ ...g, id: idOf(c, g.id), bus: idOf(c, g.bus) });
    if (c === 0) continue;
    tiePoints.forEach((busId, k) => {
      const tie: Branch = {
        ...base.branches[0]!,
        id: `tie${c}-${k}`,
        from: idOf(c - 1, busId),
        to: idOf(c, tiePoints[(k + 1) % tiePoints.length]!),
        kind: 'line',
        r: 0.002,
        x: 0.02,
        b: 0.05,
        tap: 0,
        shift: 0,
        inService: true,
      };
      branches.push(tie);
    });
  }
  return { ...base, name: `${base.name}x${copies}`, buses, branches, generators };
}
