// Benchmark section: a snapshot and an AC power flow for every hour of the 2015 profiles on the
// bundled fi-ee network. Reports non-converged hours, the worst loading, the largest FI–EE
// exchange and the time per hour.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DemandAllocationSchema,
  HourlyProfileSchema,
  snapshotForHour,
  type Network,
  type SnapshotInputs,
} from '@finest/grid';
import { buildPfCase, runAcPowerFlow } from '@finest/powerflow';

export function benchYear(root: string): Record<string, unknown> {
  const read = (f: string): unknown => JSON.parse(readFileSync(join(root, 'data', f), 'utf8'));
  const net = read('networks/fi-ee.json') as Network;
  const inputs: SnapshotInputs = {
    demand: HourlyProfileSchema.parse(read('profiles/demand-2015.json')),
    wind: HourlyProfileSchema.parse(read('profiles/wind-cf-2015.json')),
    allocation: DemandAllocationSchema.parse(read('profiles/demand-allocation.json')),
  };
  const notConverged: number[] = [];
  const overloadedHours = new Map<string, number>();
  let maxExchange = 0;
  let maxLoading = { pct: 0, branch: '', hour: -1 };
  let unservedHours = 0;
  const start = performance.now();
  for (let h = 0; h < inputs.demand.hours; h++) {
    const { network, summary } = snapshotForHour(net, inputs, h);
    maxExchange = Math.max(maxExchange, Math.abs(summary.estlinkMW));
    if (summary.unservedMW.FI! > 0 || summary.unservedMW.EE! > 0) unservedHours++;
    const r = runAcPowerFlow(buildPfCase(network));
    if (!r.converged) {
      notConverged.push(h);
      continue;
    }
    network.branches.forEach((b, l) => {
      if (!b.inService || b.rateA <= 0) return;
      const pct =
        (100 * Math.max(Math.hypot(r.Pf[l]!, r.Qf[l]!), Math.hypot(r.Pt[l]!, r.Qt[l]!))) / b.rateA;
      if (pct > 100) overloadedHours.set(b.id, (overloadedHours.get(b.id) ?? 0) + 1);
      if (pct > maxLoading.pct)
        maxLoading = { pct: Math.round(pct * 10) / 10, branch: b.id, hour: h };
    });
  }
  const ms = performance.now() - start;
  return {
    hours: inputs.demand.hours,
    not_converged: notConverged.length,
    not_converged_hours: notConverged.slice(0, 50),
    hours_with_unserved_demand: unservedHours,
    max_fi_ee_exchange_MW: maxExchange,
    max_loading: maxLoading,
    hours_above_100pct_by_branch: Object.fromEntries([...overloadedHours.entries()].sort()),
    ms_per_hour: Math.round((ms / inputs.demand.hours) * 1000) / 1000,
  };
}
