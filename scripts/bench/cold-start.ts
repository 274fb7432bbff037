// Part of `npm run bench`: what a user who runs one command feels. `finest --help` as fresh
// processes (min and median wall, beside a bare `node -e ''`, which on this machine carries the
// sandbox's NODE_EXTRA_CA_CERTS load), and `finest pf CASE --json` as fresh processes: wall,
// the parse and the first (cold) solve the command reports, beside the warm solve (median of
// `--repeat 10` in one process) and MATPOWER's whole runpf when the reference has its time.
// The case is case_ACTIVSg10k from ../shared/matpower when present, else the given stand-in
// (the 10k synthetic network written as a .m file).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const round = (x: number): number => Math.round(x * 10) / 10;

function wallMs(cmd: string, args: string[]): { ms: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export interface ColdStart {
  node_bare_ms: { min: number; median: number };
  help_ms: { min: number; median: number; runs: number };
  pf?: {
    case: string;
    runs: number;
    wall_ms_median: number;
    wall_ms_min: number;
    parse_ms_median: number;
    cold_solve_ms_median: number;
    warm_solve_ms_median: number;
    matpower_runpf_ms?: number;
  };
}

export function benchColdStart(
  root: string,
  casePath: string | undefined,
  refDir: string,
): ColdStart {
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
  const out: ColdStart = {
    node_bare_ms: { min: round(Math.min(...bare)), median: round(median(bare)) },
    help_ms: { min: round(Math.min(...help)), median: round(median(help)), runs },
  };
  if (casePath === undefined || !existsSync(casePath)) return out;
  const wall: number[] = [];
  const parse: number[] = [];
  const cold: number[] = [];
  for (let k = 0; k < 5; k++) {
    const r = wallMs(node, [bin, 'pf', casePath, '--json']);
    const t = (JSON.parse(r.stdout) as { timing: { parse_ms: number; solve_ms: number } }).timing;
    wall.push(r.ms);
    parse.push(t.parse_ms);
    cold.push(t.solve_ms);
  }
  const warm = JSON.parse(
    wallMs(node, [bin, 'pf', casePath, '--json', '--repeat', '10']).stdout,
  ) as {
    solve_ms_median: number;
  };
  const name = basename(casePath, '.m');
  const ref = join(refDir, `${name}.ac.json`);
  const octave = existsSync(ref)
    ? (JSON.parse(readFileSync(ref, 'utf8')) as { octave_median_s?: number }).octave_median_s
    : undefined;
  out.pf = {
    case: name,
    runs: 5,
    wall_ms_median: round(median(wall)),
    wall_ms_min: round(Math.min(...wall)),
    parse_ms_median: round(median(parse)),
    cold_solve_ms_median: round(median(cold)),
    warm_solve_ms_median: round(warm.solve_ms_median),
    ...(octave === undefined ? {} : { matpower_runpf_ms: round(octave * 1000) }),
  };
  return out;
}

export function formatColdStart(c: ColdStart): string {
  const lines = [
    `cold start: finest --help ${c.help_ms.min} ms min / ${c.help_ms.median} ms median of ${c.help_ms.runs} (bare node -e '': ${c.node_bare_ms.min} / ${c.node_bare_ms.median} ms)`,
  ];
  if (c.pf)
    lines.push(
      `finest pf ${c.pf.case} --json, fresh process ×${c.pf.runs}: wall ${c.pf.wall_ms_min} min / ${c.pf.wall_ms_median} median ms; parse ${c.pf.parse_ms_median} ms; solve cold ${c.pf.cold_solve_ms_median} ms | warm ${c.pf.warm_solve_ms_median} ms` +
        (c.pf.matpower_runpf_ms === undefined
          ? '; MATPOWER runpf (Octave): 4,200 ms for case_ACTIVSg10k (issue 19)'
          : `; MATPOWER runpf (Octave) ${c.pf.matpower_runpf_ms} ms`),
    );
  return lines.join('\n');
}
