// The bus injections of the HVDC links, as the power flow sees them: fixed active power at
// unity power factor (MATPOWER's toggle_dcline does the same for P). One owner, used when an
// index is built and when a run refreshes a moment's injections.
import type { Network } from '@finest/grid';

/**
 * MW injected at each bus by the in-service HVDC links (negative at the sending end, the
 * converter losses taken at the receiving end), written into `out`.
 */
export function hvdcInjections(
  net: Network,
  busOf: (id: string, what: () => string) => number,
  out: Float64Array,
): void {
  out.fill(0);
  for (const link of net.hvdcLinks) {
    const f = busOf(link.from, () => `HVDC link "${link.id}"`);
    const t = busOf(link.to, () => `HVDC link "${link.id}"`);
    if (!link.inService) continue;
    const loss = link.lossFixed + link.lossFactor * Math.abs(link.P);
    out[f]! -= link.P;
    out[t]! += link.P - Math.sign(link.P) * loss;
  }
}
