// Part of `npm run bench`, and alone as `npm run bench:cold`: what a user who runs one command
// feels. `finest --help` as fresh processes (min and median wall, beside a bare `node -e ''`,
// which on this machine carries the sandbox's NODE_EXTRA_CA_CERTS load), and `finest pf CASE
// --json` as fresh processes, cold beside warm for each large case:
//
//   wall          the whole process, as `npx finest` runs it (the bin's shebang flags)
//   parse         cold: the first read + parse + conversion in that process (its timing block);
//                 warm: the median of the same in this process after two runs
//   solve         cold: the first solve of the process (timing.solve_ms); warm: the median of
//                 `--repeat 10` in one process. Both do the same work (buildPfCase, Ybus,
//                 ordering, symbolic and numeric LU, flows): nothing is cached between solves,
//                 so the difference is V8 running code not yet optimised.
//
// Cases: case_ACTIVSg10k (the issue-19 goal: wall ≤ 0.6 s, parse ≤ 60 ms, first solve ≤ 2 ×
// warm), case9241pegase and case13659pegase, wherever they are among the bench's case folders
// (../shared/matpower, $FINEST_BENCH_CASES); and always the 10k stand-in, case_ACTIVSg2000 × 5
// tied and thinned to ACTIVSg10k's 12,706 branches (tile-case.ts, thin-case.ts), written as a
// .m file. MATPOWER's figure is its reference file's time when it has one, else, for
// case_ACTIVSg10k only, the 4.2 s of issue 19 (whole runpf in Octave on this machine).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  matpowerToNetwork,
  networkToMatpower,
  parseMatpower,
  writeMatpower,
  type Network,
} from '@finest/grid';
import { thinNetwork } from './thin-case.ts';
import { tileNetwork } from './tile-case.ts';

/** The large cases the cold-start figures are for, when a case folder has them. */
export const COLD_START_CASES = ['case_ACTIVSg10k', 'case9241pegase', 'case13659pegase'];
const STAND_IN = 'synthetic10k-thinned';
/** issue 19: MATPOWER's whole runpf on case_ACTIVSg10k in Octave, on this machine */
const MATPOWER_ACTIVSG10K_MS = 4200;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const round = (x: number): number => Math.round(x * 10) / 10;

function wallMs(cmd: string, args: string[]): { ms: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export interface PfColdStart {
  case: string;
  /** the .m file timed */
  file: string;
  /** what the case is, for the stand-in */
  note?: string;
  runs: number;
  wall_ms: { median: number; min: number };
  parse_ms: { cold_median: number; warm_median: number };
  solve_ms: { cold_median: number; warm_median: number; cold_over_warm: number };
  iterations: number;
  matpower_runpf_ms?: number;
  matpower_source?: string;
}

export interface ColdStart {
  node_bare_ms: { min: number; median: number };
  help_ms: { min: number; median: number; runs: number };
  pf: PfColdStart[];
  /** load average over 1, 5, 15 min when the figures were taken, and the cores */
  load_average: number[];
  cores: number;
}

/**
 * The 10k-bus stand-in for case_ACTIVSg10k, from the 5 × case_ACTIVSg2000 tile: ACTIVSg10k's
 * 12,706 branches, demand and generation × 0.8 so that AC still solves.
 */
export const standInFrom = (tile: Network): Network => thinNetwork(tile, 12706, { loadScale: 0.8 });

/** The stand-in as a .m file in dir. */
export function writeStandIn(standIn: Network, dir: string): string {
  const file = join(dir, `${STAND_IN}.m`);
  writeFileSync(file, writeMatpower(networkToMatpower(standIn)));
  return file;
}

function warmParseMs(path: string): number {
  const text = readFileSync(path, 'utf8');
  const parse = (): unknown => matpowerToNetwork(parseMatpower(text, basename(path)));
  parse();
  parse();
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    parse();
    times.push(performance.now() - t);
  }
  return median(times);
}

function matpowerMs(name: string, refDir: string): { ms: number; source: string } | undefined {
  const ref = join(refDir, `${name}.ac.json`);
  if (existsSync(ref)) {
    const s = (JSON.parse(readFileSync(ref, 'utf8')) as { octave_median_s?: number })
      .octave_median_s;
    if (s !== undefined) return { ms: round(s * 1000), source: `${name}.ac.json octave_median_s` };
  }
  if (name === 'case_ACTIVSg10k')
    return { ms: MATPOWER_ACTIVSG10K_MS, source: 'issue 19: whole runpf in Octave, this machine' };
  return undefined;
}

function benchPf(bin: string, path: string, refDir: string, runs: number): PfColdStart {
  // as `npx finest` runs it: through the bin's shebang and its node flags
  const wall: number[] = [];
  const parse: number[] = [];
  const cold: number[] = [];
  let iterations = 0;
  for (let k = 0; k < runs; k++) {
    const r = wallMs(bin, ['pf', path, '--json']);
    const out = JSON.parse(r.stdout) as {
      iterations: number;
      timing: { parse_ms: number; solve_ms: number };
    };
    wall.push(r.ms);
    parse.push(out.timing.parse_ms);
    cold.push(out.timing.solve_ms);
    iterations = out.iterations;
  }
  const warm = (
    JSON.parse(wallMs(bin, ['pf', path, '--json', '--repeat', '10']).stdout) as {
      solve_ms_median: number;
    }
  ).solve_ms_median;
  const name = basename(path, '.m');
  const matpower = matpowerMs(name, refDir);
  return {
    case: name,
    file: path,
    ...(name === STAND_IN
      ? {
          note: 'case_ACTIVSg2000 × 5 tied, thinned to 12,706 branches, load × 0.8 (not case_ACTIVSg10k)',
        }
      : {}),
    runs,
    wall_ms: { median: round(median(wall)), min: round(Math.min(...wall)) },
    parse_ms: { cold_median: round(median(parse)), warm_median: round(warmParseMs(path)) },
    solve_ms: {
      cold_median: round(median(cold)),
      warm_median: round(warm),
      cold_over_warm: round(median(cold) / warm),
    },
    iterations,
    ...(matpower === undefined
      ? {}
      : { matpower_runpf_ms: matpower.ms, matpower_source: matpower.source }),
  };
}

/** `cases`: the large .m files to time (the stand-in among them). */
export function benchColdStart(root: string, cases: string[], refDir: string): ColdStart {
  const bin = join(root, 'apps', 'cli', 'bin', 'finest.mjs');
  const node = process.execPath;
  wallMs(node, [bin, '--help']); // a stale build is rebuilt here, not in a timed run
  const runs = 15;
  const bare: number[] = [];
  const help: number[] = [];
  for (let k = 0; k < runs; k++) {
    bare.push(wallMs(node, ['-e', '']).ms);
    help.push(wallMs(node, [bin, '--help']).ms);
  }
  return {
    node_bare_ms: { min: round(Math.min(...bare)), median: round(median(bare)) },
    help_ms: { min: round(Math.min(...help)), median: round(median(help)), runs },
    pf: cases.map((path) => benchPf(bin, path, refDir, 5)),
    load_average: loadavg().map((x) => Math.round(x * 100) / 100),
    cores: cpus().length,
  };
}

/** The large cases present in the given folders (first found of each name). */
export function coldStartCases(dirs: string[]): string[] {
  const found = new Map<string, string>();
  for (const dir of dirs)
    for (const f of existsSync(dir) ? readdirSync(dir) : []) {
      const name = basename(f, '.m');
      if (f.endsWith('.m') && COLD_START_CASES.includes(name) && !found.has(name))
        found.set(name, join(dir, f));
    }
  return COLD_START_CASES.filter((c) => found.has(c)).map((c) => found.get(c)!);
}

export function formatColdStart(c: ColdStart): string {
  const lines = [
    `cold start (load average ${c.load_average.join(' / ')} on ${c.cores} cores): finest --help ${c.help_ms.min} ms min / ${c.help_ms.median} ms median of ${c.help_ms.runs} (bare node -e '': ${c.node_bare_ms.min} / ${c.node_bare_ms.median} ms)`,
    'finest pf CASE --json, fresh processes (cold) beside the same in one process (warm), ms:',
  ];
  const header = [
    'case',
    'wall med',
    'wall min',
    'parse cold',
    'parse warm',
    'solve cold',
    'solve warm',
    'cold/warm',
    'it',
    'MATPOWER runpf',
  ];
  const rows = c.pf.map((p) => [
    p.case,
    String(p.wall_ms.median),
    String(p.wall_ms.min),
    String(p.parse_ms.cold_median),
    String(p.parse_ms.warm_median),
    String(p.solve_ms.cold_median),
    String(p.solve_ms.warm_median),
    `${p.solve_ms.cold_over_warm}×`,
    String(p.iterations),
    p.matpower_runpf_ms === undefined ? '-' : String(p.matpower_runpf_ms),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  lines.push(line(header), ...rows.map(line));
  lines.push(
    'goal (issue 19, case_ACTIVSg10k): wall ≤ 600, parse ≤ 60, solve cold ≤ 2 × warm; MATPOWER: case_ACTIVSg10k 4,200 (issue 19), others from ../shared/matpower/ref when present',
  );
  if (!c.pf.some((p) => p.case === 'case_ACTIVSg10k'))
    lines.push(
      'case_ACTIVSg10k is not in the case folders (../shared/matpower, $FINEST_BENCH_CASES): the stand-in row is 5 × case_ACTIVSg2000, not it',
    );
  for (const p of c.pf) if (p.note) lines.push(`${p.case}: ${p.note}`);
  return lines.join('\n');
}

/** bench-results/cold-start.json: the one file these figures are kept in. */
export function writeColdStart(root: string, result: ColdStart): void {
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  const out = { date: new Date().toISOString(), node: process.version, ...result };
  writeFileSync(
    join(root, 'bench-results', 'cold-start.json'),
    `${JSON.stringify(out, null, 2)}\n`,
  );
  console.log('written bench-results/cold-start.json');
}

// `npm run bench:cold`: these figures alone, into bench-results/cold-start.json.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const shared = join(root, '..', 'shared', 'matpower');
  const dirs = [shared, process.env.FINEST_BENCH_CASES].filter((d): d is string => !!d);
  const act2000 = join(shared, 'case_ACTIVSg2000.m');
  const cases = coldStartCases(dirs);
  if (existsSync(act2000)) {
    const net = matpowerToNetwork(
      parseMatpower(readFileSync(act2000, 'utf8'), 'case_ACTIVSg2000.m'),
    );
    const standIn = standInFrom(tileNetwork(net, 5));
    cases.push(writeStandIn(standIn, mkdtempSync(join(tmpdir(), 'finest-cold-'))));
  }
  const result = benchColdStart(root, cases, join(shared, 'ref'));
  console.log(formatColdStart(result));
  writeColdStart(root, result);
}
