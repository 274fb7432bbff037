// How a branch is named in readable reports: its id when that says more than its row (FinEst
// networks: "L981"), else the 1-based row of the case file (MATPOWER, where id = row).
import type { Network } from '@finest/grid';

export function branchLabel(net: Network, l: number): string {
  const br = net.branches[l]!;
  const name = br.id === String(l + 1) ? String(l + 1) : br.id;
  return `${name} (${br.from}→${br.to})`;
}
