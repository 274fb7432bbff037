// Benchmark section: the DC OPF (packages/powerflow/src/opf) on every MATPOWER case with a
// gencost, beside MATPOWER's own rundcopf (time_s and objective from ../shared/matpower/ref/
// <case>.dcopf.json where there is one). Per case: the solve's median over a few warm runs,
// the first (cold) run, which loads HiGHS and compiles its Wasm, and for cases of 1,000 buses or
// more the wall time of `finest opf CASE --dc --json` as a user runs it, node start included.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Network } from '@finest/grid';
import { loadHighs, runDcOpfWith } from '@finest/powerflow';

export interface OpfRow {
  case: string;
  buses: number;
  success: boolean;
  /** 'ptdf (k limit rows, r rounds)' or 'angles' */
  method: string;
  /** $/h */
  objective: number;
  /** MW: the largest excess of a flow over its RATE_A */
  max_violation_mw: number;
  /** ms: first run in the process (HiGHS loaded and compiled), then the median of warm runs */
  cold_ms: number;
  ms_median: number;
  /** ms: `finest opf CASE --dc --json`, the whole process */
  cli_wall_ms?: number;
  matpower_objective?: number;
  /** |ours − MATPOWER| / |MATPOWER| */
  objective_rel_diff?: number;
  /** MATPOWER's rundcopf, the whole call, once (ref file's time_s) */
  matpower_ms?: number;
  matpower_solver?: string;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

export async function benchDcOpf(
  cases: readonly { path: string; network: Network }[],
  root: string,
  refDir: string,
): Promise<OpfRow[]> {
  const rows: OpfRow[] = [];
  let cold = true;
  for (const { path, network } of cases) {
    if (network.gencost === undefined) continue;
    const name = basename(path, '.m');
    const t0 = performance.now();
    const highs = await loadHighs();
    const first = runDcOpfWith(highs, network);
    const coldMs = performance.now() - t0;
    const repeats = network.buses.length >= 5000 ? 3 : 7;
    const times: number[] = [];
    for (let k = 0; k < repeats; k++) {
      const t = performance.now();
      runDcOpfWith(highs, network);
      times.push(performance.now() - t);
    }
    const row: OpfRow = {
      case: name,
      buses: network.buses.length,
      success: first.success,
      method: first.method,
      objective: first.objective,
      max_violation_mw: first.maxViolation,
      // only the first case in the process pays for loading HiGHS
      cold_ms: round(cold ? coldMs : NaN),
      ms_median: round(median(times)),
    };
    cold = false;
    if (network.buses.length >= 1000) {
      const wall = cliWall(root, path);
      if (wall !== undefined) row.cli_wall_ms = wall;
    }
    const refPath = join(refDir, `${name}.dcopf.json`);
    if (existsSync(refPath)) {
      const ref = JSON.parse(readFileSync(refPath, 'utf8')) as {
        objective: number;
        time_s: number;
        solver: string;
      };
      row.matpower_objective = ref.objective;
      row.objective_rel_diff = Math.abs(first.objective - ref.objective) / Math.abs(ref.objective);
      row.matpower_ms = round(ref.time_s * 1000);
      row.matpower_solver = ref.solver;
    }
    rows.push(row);
    process.stderr.write(`  DC OPF ${name} done\n`);
  }
  return rows;
}

function cliWall(root: string, path: string): number | undefined {
  const cli = join(root, 'apps', 'cli', 'bin', 'finest.mjs');
  const t = performance.now();
  const r = spawnSync(cli, ['opf', path, '--dc', '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 27,
  });
  const wall = performance.now() - t;
  return r.status === 0 ? Math.round(wall) : undefined;
}

export function formatOpfTable(rows: readonly OpfRow[]): string {
  const header = [
    'DC OPF case',
    'buses',
    'objective $/h',
    'vs MATPOWER',
    'max viol MW',
    'cold ms',
    'ms',
    'CLI ms',
    'MATPOWER ms',
    'method',
  ];
  const table = rows.map((r) => [
    r.case,
    String(r.buses),
    r.success ? r.objective.toFixed(2) : 'FAILED',
    r.objective_rel_diff === undefined ? '-' : r.objective_rel_diff.toExponential(1),
    r.max_violation_mw.toExponential(1),
    Number.isNaN(r.cold_ms) ? '-' : r.cold_ms.toFixed(0),
    r.ms_median.toFixed(1),
    r.cli_wall_ms === undefined ? '-' : String(r.cli_wall_ms),
    r.matpower_ms === undefined ? '-' : `${r.matpower_ms.toFixed(0)} (${r.matpower_solver})`,
    r.method,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((t) => t[c]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((x, c) =>
        c === 0 || c === cells.length - 1 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!),
      )
      .join('  ');
  return [line(header), ...table.map(line)].join('\n');
}
