// Islands of the internal index: connected components of the buses that are not isolated
// (type NONE), joined by in-service branches. HVDC links do not join islands (they are fixed
// injections). Union–find with path halving over the branch arrays, so it costs one pass over
// the branches and needs no adjacency index. Islands are numbered in the order of their first
// bus, so the numbering is deterministic.
import { NONE, type PfCase } from './pf-case.ts';

export interface PfIslands {
  readonly count: number;
  /** per bus, its island (0 … count-1), or -1 for an isolated (NONE) bus */
  readonly islandOf: Int32Array;
}

export function findPfIslands(pf: PfCase): PfIslands {
  const { nBus: n, nBranch, from, to, branchOn, busType } = pf;
  // a local copy: an imported binding read in a loop is checked at every read (5× slower here)
  const none = NONE;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  for (let l = 0; l < nBranch; l++) {
    let a = from[l]!;
    let b = to[l]!;
    // buildPfCase switches off branches at NONE buses; a case edited since may not have.
    if (!branchOn[l] || busType[a] === none || busType[b] === none) continue;
    while (parent[a] !== a) a = parent[a] = parent[parent[a]!]!;
    while (parent[b] !== b) b = parent[b] = parent[parent[b]!]!;
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
  }
  // A parent is always below its child (unions hang the higher root under the lower one, and
  // halving only skips up the path), so a root is its island's lowest bus, and the island of
  // a bus's parent is known when the bus is reached: one pass numbers the islands by their
  // first bus.
  const islandOf = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (busType[i] === none) continue;
    const p = parent[i]!;
    islandOf[i] = p === i ? count++ : islandOf[p]!;
  }
  return { count, islandOf };
}
