// `finest year [--topology current|pre-2025] [--hours SPEC] [--json]`: the base case through the
// 2015 profile year (snapshot + AC power flow each hour, packages/scenario/src/year-scan.ts):
// hours converged, hours with a branch above its rating, the ten most loaded branches, and
// each city's peak load and annual energy beside the sourced record it is calibrated to.
import { TOPOLOGIES, type TopologyName } from '@finest/grid';
import { loadBundledData, scanYear, type YearScan } from '@finest/scenario';
import { parseCommandArgs } from '../args.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { parseHoursSpec } from '../hours-spec.ts';
import type { Io } from '../io.ts';
import { createProgressBar } from '../progress.ts';

type Record_ = { energyGWh: number; peak: number; peakUnit: string; year: string; source: string };

export function yearCommand(args: string[], io: Io): number {
  const { values, casePath } = parseCommandArgs(args, {
    topology: { type: 'string', default: 'current' },
    hours: { type: 'string', default: 'all' },
    json: { type: 'boolean', default: false },
  });
  if (casePath !== undefined)
    throw new CliError(`year scans the bundled fi-ee network; unexpected argument "${casePath}"`);
  const topology = values.topology as TopologyName;
  if (!TOPOLOGIES.includes(topology))
    throw new CliError(
      `--topology expects one of ${TOPOLOGIES.join(', ')}, got "${values.topology}"`,
    );
  const data = loadBundledData();
  const hours = parseHoursSpec(values.hours!, data.profiles.demand.hours);
  const bar = createProgressBar('year');
  const scan = scanYear(data.networks.get('fi-ee')!, data.profiles, data.cities, {
    topology,
    hours,
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.done();
  const records = data.profiles.allocation.cities ?? {};
  const cities = scan.cities.map((c) => ({ ...c, record: records[c.name]?.record ?? null }));
  if (values.json) {
    io.out(`${JSON.stringify({ ...scan, cities }, null, 2)}\n`);
  } else io.out(human(scan, cities));
  return scan.notConvergedHours.length > 0 ? EXIT.notConverged : EXIT.ok;
}

function human(
  scan: YearScan,
  cities: (YearScan['cities'][number] & { record: Record_ | null })[],
): string {
  const n = (x: number, d = 0): string =>
    x.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
  const lines = [
    `year scan of ${scan.network} (${scan.topology}), ${scan.hours} hours of the 2015 profiles`,
    `  converged                ${scan.converged} of ${scan.hours}${scan.notConvergedHours.length ? ` (not: ${scan.notConvergedHours.slice(0, 20).join(', ')})` : ''}`,
    `  hours with a branch >100% ${scan.hoursWithOverload}`,
    `  hours with unserved demand ${scan.hoursWithUnservedDemand}`,
    `  largest Estlink schedule  ${n(scan.maxEstlinkMW)} MW`,
    '',
    '  country   energy (GWh)   peak (MW)   peak hour',
    ...Object.entries(scan.countries).map(
      ([c, v]) =>
        `  ${c.padEnd(8)}${n(v.energyGWh, 1).padStart(14)}${n(v.peakMW).padStart(12)}${String(v.peakHour).padStart(12)}`,
    ),
    '',
    '  most loaded branches        max %   at hour   hours >100%',
    ...scan.mostLoaded.map(
      (b) =>
        `  ${b.id.padEnd(24)}${n(b.maxLoadingPct, 1).padStart(9)}${String(b.maxAtHour).padStart(10)}${String(b.hoursOver100).padStart(14)}   ${b.name}`,
    ),
    '',
    '  city       peak (MW)  at                         energy (GWh)   record',
    ...cities.map(
      (c) =>
        `  ${c.name.padEnd(10)}${n(c.peakMW).padStart(10)}  ${c.peakTime.padEnd(26)}${n(c.energyGWh, 1).padStart(13)}   ${c.record ? `${n(c.record.energyGWh)} GWh, peak ${n(c.record.peak)} ${c.record.peakUnit} (${c.record.year})` : '—'}`,
    ),
    '',
    `  ${n(scan.timing.msPerHour, 1)} ms per hour, ${n(scan.timing.totalMs / 1000, 1)} s`,
  ];
  return `${lines.join('\n')}\n`;
}
