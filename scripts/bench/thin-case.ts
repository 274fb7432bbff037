// Thins a network to a given number of branches while keeping it one island, for a benchmark
// case shaped like ACTIVSg10k (10,000 buses, 12,706 branches: 1.27 branches per bus, where the
// 5 × case_ACTIVSg2000 tile has 1.6). Lines are taken out, least-loaded first (base-case DC
// flow), only while both ends stay joined by another path of at most `detour` branches, so
// meshed areas lose redundancy and radial ones are left alone (no new bridges). Demand and
// generation are then scaled by `loadScale`, as a lighter grid of this shape would carry less.
// Deterministic.
import type { Network } from '@finest/grid';
import { buildPfCase, runDcPowerFlow } from '@finest/powerflow';

export function thinNetwork(
  net: Network,
  branches: number,
  options: { detour?: number; loadScale?: number } = {},
): Network {
  const detour = options.detour ?? 6;
  const loadScale = options.loadScale ?? 1;
  const pf = buildPfCase(net);
  const nb = pf.nBus;
  const nl = pf.nBranch;
  // Adjacency of the in-service branches.
  const start = new Int32Array(nb + 1);
  for (let l = 0; l < nl; l++) {
    if (!pf.branchOn[l]) continue;
    start[pf.from[l]! + 1]!++;
    start[pf.to[l]! + 1]!++;
  }
  for (let i = 0; i < nb; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, nb);
  const edge = new Int32Array(start[nb]!);
  for (let l = 0; l < nl; l++) {
    if (!pf.branchOn[l]) continue;
    edge[fill[pf.from[l]!]!++] = l;
    edge[fill[pf.to[l]!]!++] = l;
  }
  const flow = runDcPowerFlow(pf).Pf;
  const candidates: number[] = [];
  for (let l = 0; l < nl; l++) {
    if (pf.branchOn[l] && net.branches[l]!.kind === 'line') candidates.push(l);
  }
  candidates.sort((a, b) => Math.abs(flow[a]!) - Math.abs(flow[b]!) || a - b);
  const drop = new Uint8Array(nl);
  const depth = new Int32Array(nb).fill(-1);
  const queue = new Int32Array(nb);
  // Is there a path from f to t of at most `detour` branches without l (and the dropped)?
  const joined = (l: number): boolean => {
    const f = pf.from[l]!;
    const t = pf.to[l]!;
    let head = 0;
    let tail = 0;
    queue[tail++] = f;
    depth[f] = 0;
    let found = false;
    while (head < tail && !found) {
      const v = queue[head++]!;
      if (depth[v]! >= detour) continue;
      for (let p = start[v]!; p < start[v + 1]!; p++) {
        const e = edge[p]!;
        if (e === l || drop[e]) continue;
        const w = pf.from[e] === v ? pf.to[e]! : pf.from[e]!;
        if (depth[w]! >= 0) continue;
        if (w === t) {
          found = true;
          break;
        }
        depth[w] = depth[v]! + 1;
        queue[tail++] = w;
      }
    }
    for (let k = 0; k < tail; k++) depth[queue[k]!] = -1;
    return found;
  };
  let left = nl;
  for (const l of candidates) {
    if (left <= branches) break;
    if (!joined(l)) continue;
    drop[l] = 1;
    left--;
  }
  if (left > branches) {
    throw new Error(`thinNetwork: only ${nl - left} of ${nl - branches} lines could be dropped`);
  }
  return {
    ...net,
    name: `${net.name}-${branches}br`,
    buses: net.buses.map((b) => ({ ...b, Pd: b.Pd * loadScale, Qd: b.Qd * loadScale })),
    branches: net.branches.filter((_, l) => !drop[l]),
    generators: net.generators.map((g) => ({ ...g, Pg: g.Pg * loadScale, Qg: g.Qg * loadScale })),
  };
}
