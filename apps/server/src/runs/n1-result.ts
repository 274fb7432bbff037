// A DC N-1 result as the REST API reports it: branches named by id (as `finest n1` labels
// them), the worst outages first.
import type { Network } from '@finest/grid';
import type { DcN1Result } from '@finest/powerflow';
import type { N1Result } from '@finest/protocol';

const WORST = 50;

export function n1Result(
  networkId: string,
  net: Network,
  r: DcN1Result,
  solveMs: number,
): N1Result {
  const id = (l: number): string => net.branches[l]?.id ?? String(l + 1);
  const order = Array.from(r.contingencies.keys()).sort(
    (a, b) => r.maxLoadingPct[b]! - r.maxLoadingPct[a]!,
  );
  return {
    networkId,
    baseConverged: r.baseConverged,
    branchesInService: r.nBranchInService,
    contingencies: r.contingencies.length,
    bridges: r.bridges.map(id),
    monitored: r.nMonitored,
    baseOverloads: r.nBaseOverloads,
    overloadedPairs: r.nOverloadedPairs,
    overloadedPairsNotOverloadedInBase: r.nOverloadedPairsNotOverloadedInBase,
    top: r.top.map((p) => ({
      outage: id(p.contingency),
      monitored: id(p.monitored),
      postFlowMW: p.postFlow,
      loadingPct: p.loadingPct,
    })),
    worstOutages: order.slice(0, WORST).map((k) => ({
      outage: id(r.contingencies[k]!),
      maxLoadingPct: r.maxLoadingPct[k]!,
      overloads: r.overloadCount[k]!,
    })),
    solveMs,
  };
}
