// Benchmark section: a snapshot and an AC power flow for every hour of the 2015 profiles on the
// bundled fi-ee network (the `finest year` scan, packages/scenario/src/year-scan.ts). Reports
// non-converged hours, overloaded hours, the worst loading, the largest FI–EE exchange and the
// time per hour.
import { loadBundledData, scanYear } from '@finest/scenario';

export function benchYear(root: string): Record<string, unknown> {
  const data = loadBundledData(`${root}/data/`);
  const scan = scanYear(data.networks.get('fi-ee')!, data.profiles, data.cities, { top: 1 });
  const worst = scan.mostLoaded[0];
  return {
    hours: scan.hours,
    not_converged: scan.hours - scan.converged,
    not_converged_hours: scan.notConvergedHours.slice(0, 50),
    hours_with_unserved_demand: scan.hoursWithUnservedDemand,
    hours_with_a_branch_above_100pct: scan.hoursWithOverload,
    max_fi_ee_exchange_MW: scan.maxEstlinkMW,
    max_loading: worst
      ? { pct: worst.maxLoadingPct, branch: worst.id, hour: worst.maxAtHour }
      : null,
    ms_per_hour: scan.timing.msPerHour,
  };
}
