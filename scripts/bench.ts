// `npm run bench`: parse time, AC and DC power-flow solve medians and iterations for every
// MATPOWER case in ../shared/matpower (and any *.m in $FINEST_BENCH_CASES), plus a synthetic
// 10,000-bus network tiled from case_ACTIVSg2000. Prints a table and writes
// bench-results/powerflow.json. A benchmark, not a test: it never fails on a slow number.
import { mkdirSync, readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matpowerToNetwork, parseMatpower, type Network } from '@finest/grid';
import {
  buildPfCase,
  runAcN1,
  runAcN1Sequential,
  runAcPowerFlow,
  runDcN1,
  runDcPowerFlow,
} from '@finest/powerflow';
import { tileNetwork } from './bench/tile-case.ts';
import { benchYear } from './bench/year-snapshots.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared', 'matpower');
const REPEAT = Number(process.env.FINEST_BENCH_REPEAT ?? 21);

interface Row {
  case: string;
  buses: number;
  branches: number;
  parse_ms: number;
  ac_ms_median: number;
  ac_iterations: number;
  ac_converged: boolean;
  dc_ms_median: number;
  dc_n1_ms_median?: number;
  dc_n1_contingencies?: number;
  matpower_ac_ms?: number;
  matpower_ac_legacy_ms?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function timeMedian(fn: () => unknown): number {
  fn();
  fn();
  const times: number[] = [];
  for (let k = 0; k < REPEAT; k++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

function benchNetwork(name: string, network: Network, parseMs: number): Row {
  const ac = runAcPowerFlow(buildPfCase(network));
  const row: Row = {
    case: name,
    buses: network.buses.length,
    branches: network.branches.length,
    parse_ms: round(parseMs),
    ac_ms_median: round(timeMedian(() => runAcPowerFlow(buildPfCase(network)))),
    ac_iterations: ac.iterations,
    ac_converged: ac.converged,
    dc_ms_median: round(timeMedian(() => runDcPowerFlow(buildPfCase(network)))),
  };
  if (network.buses.length >= 1000) {
    // DC N-1 of every branch: fewer repeats, it is the long one.
    const times: number[] = [];
    let contingencies = 0;
    for (let k = 0; k < 6; k++) {
      const t = performance.now();
      contingencies = runDcN1(network).contingencies.length;
      times.push(performance.now() - t);
    }
    row.dc_n1_ms_median = round(median(times.slice(1)));
    row.dc_n1_contingencies = contingencies;
  }
  const refPath = join(SHARED, 'ref', `${name}.ac.json`);
  if (existsSync(refPath)) {
    const ref = JSON.parse(readFileSync(refPath, 'utf8')) as {
      octave_median_s?: number;
      octave_legacy_core_median_s?: number;
    };
    if (ref.octave_median_s !== undefined) row.matpower_ac_ms = round(ref.octave_median_s * 1000);
    if (ref.octave_legacy_core_median_s !== undefined)
      row.matpower_ac_legacy_ms = round(ref.octave_legacy_core_median_s * 1000);
  }
  return row;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function caseFiles(): string[] {
  const dirs = [SHARED, process.env.FINEST_BENCH_CASES].filter(
    (d): d is string => !!d && existsSync(d),
  );
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.m'))
      .map((f) => join(d, f)),
  );
}

function parseTimed(path: string): { network: Network; parseMs: number } {
  const text = readFileSync(path, 'utf8');
  const times: number[] = [];
  let network: Network | undefined;
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    network = matpowerToNetwork(parseMatpower(text, basename(path)));
    times.push(performance.now() - t);
  }
  return { network: network!, parseMs: median(times) };
}

const rows: Row[] = [];
let act2000: Network | undefined;
for (const path of caseFiles()) {
  const name = basename(path, '.m');
  const { network, parseMs } = parseTimed(path);
  if (name === 'case_ACTIVSg2000') act2000 = network;
  rows.push(benchNetwork(name, network, parseMs));
  process.stderr.write(`  ${name} done\n`);
}
if (act2000)
  rows.push(
    benchNetwork('synthetic10k (5 × case_ACTIVSg2000, tied)', tileNetwork(act2000, 5), NaN),
  );

// AC N-1: case118 warm in one thread (goal ≤ 50 ms), case_ACTIVSg2000 on 2 workers (≤ 20 s).
const acN1: Record<string, unknown> = {};
{
  const net118 = caseFiles().find((p) => basename(p) === 'case118.m');
  if (net118) {
    const net = parseTimed(net118).network;
    const times: number[] = [];
    for (let k = 0; k < 6; k++) {
      const t = performance.now();
      runAcN1Sequential(net);
      times.push(performance.now() - t);
    }
    acN1.case118_all_outages_ms_median_warm = round(median(times.slice(1)));
  }
  if (act2000) {
    const t = performance.now();
    const outcomes = await runAcN1(act2000, { workers: 2 });
    acN1.case_ACTIVSg2000_all_outages_2_workers_ms = round(performance.now() - t);
    acN1.case_ACTIVSg2000_outages = outcomes.length;
    acN1.case_ACTIVSg2000_not_converged = outcomes.filter((o) => !o.converged).length;
  }
  process.stderr.write(`  AC N-1 ${JSON.stringify(acN1)}\n`);
}

// FI–EE: a snapshot and an AC power flow for each of the 8,760 hours of 2015.
const year = benchYear(ROOT);
process.stderr.write(`  FI–EE year ${JSON.stringify(year)}\n`);

const header = [
  'case',
  'buses',
  'branches',
  'parse ms',
  'AC ms',
  'AC it',
  'DC ms',
  'DC N-1 ms',
  'MATPOWER AC ms (legacy)',
];
const table = rows.map((r) => [
  r.case,
  String(r.buses),
  String(r.branches),
  Number.isNaN(r.parse_ms) ? '-' : r.parse_ms.toFixed(2),
  r.ac_ms_median.toFixed(2),
  `${r.ac_iterations}${r.ac_converged ? '' : '!'}`,
  r.dc_ms_median.toFixed(2),
  r.dc_n1_ms_median === undefined
    ? '-'
    : `${r.dc_n1_ms_median.toFixed(0)} (${r.dc_n1_contingencies})`,
  r.matpower_ac_ms === undefined
    ? '-'
    : `${r.matpower_ac_ms.toFixed(1)} (${r.matpower_ac_legacy_ms?.toFixed(1) ?? '-'})`,
]);
const widths = header.map((h, c) => Math.max(h.length, ...table.map((t) => t[c]!.length)));
const line = (cells: string[]): string =>
  cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ');
console.log(line(header));
for (const t of table) console.log(line(t));

mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
const out = {
  date: new Date().toISOString(),
  node: process.version,
  repeat: REPEAT,
  goals_ms: {
    case_ACTIVSg2000: { ac: 20, dc: 5, dc_n1: 200 },
    '10k buses': { ac: 60, dc: 10, dc_n1: 2500 },
  },
  cases: rows,
  ac_n1: acN1,
  fi_ee_year: year,
  peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
};
writeFileSync(join(ROOT, 'bench-results', 'powerflow.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`\nAC N-1: ${JSON.stringify(acN1)}`);
console.log(`FI–EE, every hour of 2015: ${JSON.stringify(year)}`);
console.log('written bench-results/powerflow.json');
