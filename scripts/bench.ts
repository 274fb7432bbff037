// `npm run bench`: parse time, AC and DC power-flow solve medians and iterations for every
// MATPOWER case in ../shared/matpower (and any *.m in $FINEST_BENCH_CASES), plus two synthetic
// 10,000-bus networks from case_ACTIVSg2000: five copies tied together (16,046 branches) and
// the same thinned to ACTIVSg10k's 12,706 branches (thin-case.ts). The DC N-1 of both also
// runs through the CLI (`finest n1 CASE.m --json`) for its solve time and peak memory. Then the
// DC OPF of every case with a gencost, beside MATPOWER's rundcopf (bench/dc-opf-bench.ts).
// Then the cold start of `finest` (bench/cold-start.ts, bench-results/cold-start.json).
// Prints tables and writes bench-results/powerflow.json. A benchmark, not a test: it never
// fails on a slow number.
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  existsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  matpowerToNetwork,
  networkToMatpower,
  parseMatpower,
  writeMatpower,
  type Network,
} from '@finest/grid';
import {
  buildPfCase,
  runAcN1,
  runAcN1Sequential,
  runAcPowerFlow,
  runDcN1,
  runDcPowerFlow,
} from '@finest/powerflow';
import {
  benchColdStart,
  coldStartCases,
  formatColdStart,
  standInFrom,
  writeColdStart,
  writeStandIn,
} from './bench/cold-start.ts';
import { benchDcOpf, formatOpfTable } from './bench/dc-opf-bench.ts';
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
  /** the network's internal index (buildPfCase), part of both the AC and the DC times */
  pfcase_ms_median: number;
  ac_ms_median: number;
  ac_iterations: number;
  ac_converged: boolean;
  dc_ms_median: number;
  dc_n1_ms_median?: number;
  dc_n1_contingencies?: number;
  /** `finest n1 CASE.m --json`: median solve_ms and peak RSS of the process (MB) */
  cli_n1_solve_ms_median?: number;
  cli_n1_peak_rss_mb_median?: number;
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
    pfcase_ms_median: round(timeMedian(() => buildPfCase(network))),
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

/** `finest n1` on the network written as a .m file, three times: median solve and peak RSS. */
function cliN1(network: Network): { solveMs: number; peakRssMb: number } | undefined {
  const time = '/usr/bin/time';
  if (!existsSync(time)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'finest-bench-'));
  const file = join(dir, `${network.name}.m`);
  writeFileSync(file, writeMatpower(networkToMatpower(network)));
  const solve: number[] = [];
  const rss: number[] = [];
  for (let k = 0; k < 3; k++) {
    const cli = join(ROOT, 'apps', 'cli', 'bin', 'finest.mjs');
    // run as `npx finest` does: through the bin's shebang and its node flags
    const r = spawnSync(time, ['-f', '%M', cli, 'n1', file, '--json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0) return undefined;
    const report = JSON.parse(r.stdout) as { timing: { solve_ms: number } };
    solve.push(report.timing.solve_ms);
    rss.push(Number(r.stderr.trim().split('\n').pop()) / 1024);
  }
  return { solveMs: round(median(solve)), peakRssMb: Math.round(median(rss)) };
}

function withCliN1(row: Row, network: Network): Row {
  const cli = cliN1(network);
  if (cli) {
    row.cli_n1_solve_ms_median = cli.solveMs;
    row.cli_n1_peak_rss_mb_median = cli.peakRssMb;
  }
  return row;
}

const rows: Row[] = [];
const parsed: { path: string; network: Network }[] = [];
let act2000: Network | undefined;
/** the cases of the cold-start figures: the large ones present, then the 10k stand-in */
const coldCases = coldStartCases(
  [SHARED, process.env.FINEST_BENCH_CASES].filter((d): d is string => !!d),
);
for (const path of caseFiles()) {
  const name = basename(path, '.m');
  const { network, parseMs } = parseTimed(path);
  parsed.push({ path, network });
  if (name === 'case_ACTIVSg2000') act2000 = network;
  rows.push(benchNetwork(name, network, parseMs));
  process.stderr.write(`  ${name} done\n`);
}
if (act2000) {
  const tile = tileNetwork(act2000, 5);
  rows.push(withCliN1(benchNetwork('synthetic10k (5 × case_ACTIVSg2000, tied)', tile, NaN), tile));
  // ACTIVSg10k's shape: 12,706 branches; demand and generation × 0.8 so that AC still solves.
  const thin = standInFrom(tile);
  rows.push(
    withCliN1(benchNetwork('synthetic10k thinned to 12,706 branches, load × 0.8', thin, NaN), thin),
  );
  coldCases.push(writeStandIn(thin, mkdtempSync(join(tmpdir(), 'finest-bench-'))));
  process.stderr.write('  synthetic 10k done\n');
}

// DC OPF of every case with a gencost, beside MATPOWER's rundcopf.
const opfRows = await benchDcOpf(parsed, ROOT, join(SHARED, 'ref'));

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

// A user's first answer: fresh processes of finest --help and finest pf (cold beside warm).
const coldStart = benchColdStart(ROOT, coldCases, join(SHARED, 'ref'));
writeColdStart(ROOT, coldStart);

const header = [
  'case',
  'buses',
  'branches',
  'parse ms',
  'index ms',
  'AC ms',
  'AC it',
  'DC ms',
  'DC N-1 ms',
  'CLI N-1 ms / MB',
  'MATPOWER AC ms (legacy)',
];
const table = rows.map((r) => [
  r.case,
  String(r.buses),
  String(r.branches),
  Number.isNaN(r.parse_ms) ? '-' : r.parse_ms.toFixed(2),
  r.pfcase_ms_median.toFixed(2),
  r.ac_ms_median.toFixed(2),
  `${r.ac_iterations}${r.ac_converged ? '' : '!'}`,
  r.dc_ms_median.toFixed(2),
  r.dc_n1_ms_median === undefined
    ? '-'
    : `${r.dc_n1_ms_median.toFixed(0)} (${r.dc_n1_contingencies})`,
  r.cli_n1_solve_ms_median === undefined
    ? '-'
    : `${r.cli_n1_solve_ms_median.toFixed(0)} / ${r.cli_n1_peak_rss_mb_median}`,
  r.matpower_ac_ms === undefined
    ? '-'
    : `${r.matpower_ac_ms.toFixed(1)} (${r.matpower_ac_legacy_ms?.toFixed(1) ?? '-'})`,
]);
const widths = header.map((h, c) => Math.max(h.length, ...table.map((t) => t[c]!.length)));
const line = (cells: string[]): string =>
  cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ');
console.log(line(header));
for (const t of table) console.log(line(t));
console.log(`\n${formatOpfTable(opfRows)}`);
console.log(`\n${formatColdStart(coldStart)}`);

mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
const out = {
  date: new Date().toISOString(),
  node: process.version,
  repeat: REPEAT,
  goals_ms: {
    case_ACTIVSg2000: { ac: 20, dc: 5, dc_n1: 200 },
    '10k buses': { ac: 60, dc: 10, dc_n1: 2500 },
    'case_ACTIVSg10k, finest opf --dc (whole process)': { dc_opf: 7500 },
    'finest --help (whole process)': { wall: 150 },
    'case_ACTIVSg10k, finest pf --json (whole process)': {
      wall: 600,
      parse: 60,
      cold_solve: '≤ 2 × warm',
    },
  },
  goals_peak_rss_mb: { '10k buses, finest n1': 150 },
  cases: rows,
  ac_n1: acN1,
  dc_opf: opfRows,
  fi_ee_year: year,
  peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
};
writeFileSync(join(ROOT, 'bench-results', 'powerflow.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`\nAC N-1: ${JSON.stringify(acN1)}`);
console.log(`FI–EE, every hour of 2015: ${JSON.stringify(year)}`);
console.log('written bench-results/powerflow.json');
