// `finest n1 CASE --set SET.json [--ac] [--json]`: N-k contingencies read from a zod-validated
// file (every bad field reported with its path), each solved afresh.
import { readFileSync } from 'node:fs';
import { ContingencySetSchema, formatPath, type Network } from '@finest/grid';
import { solveOutageSet } from '@finest/powerflow';
import { CliError } from '../cli-error.ts';
import type { Io } from '../io.ts';
import { round3 } from '../timing.ts';

export function readContingencySet(path: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  const parsed = ContingencySetSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new CliError(`${path}: invalid contingency set: ${issues.join('; ')}`);
  }
  return parsed.data;
}

export function runSetCommand(
  network: Network,
  parseMs: number,
  path: string,
  ac: boolean,
  json: boolean,
  io: Io,
): number {
  const set = readContingencySet(path);
  const start = performance.now();
  const outcomes = solveOutageSet(network, set.contingencies, ac ? 'ac' : 'dc');
  const solveMs = performance.now() - start;
  const rows = outcomes.map((o) => ({
    id: o.id,
    ...(o.name === undefined ? {} : { name: o.name }),
    converged: o.converged,
    islands: o.islands,
    lost_load_MW: o.lostLoadMW,
    max_loading_pct: o.maxLoadingPct >= 0 ? o.maxLoadingPct : null,
    worst_branch: o.worstBranch >= 0 ? network.branches[o.worstBranch]!.id : null,
    n_overloads: o.nOverloads,
    ...(o.minVm === undefined
      ? {}
      : { min_vm: o.minVm, max_vm: o.maxVm, n_voltage_violations: o.nVoltageViolations }),
  }));
  if (json) {
    io.out(
      JSON.stringify({
        method: ac ? 'ac' : 'dc',
        set: set.name ?? null,
        contingencies: rows,
        timing: { parse_ms: round3(parseMs), solve_ms: round3(solveMs) },
      }) + '\n',
    );
  } else {
    const lines = [
      `${ac ? 'AC' : 'DC'} N-k: ${set.name ?? path} on ${network.name}`,
      '  contingency            solved  islands  lost MW  worst loading  overloads',
    ];
    for (const r of rows) {
      lines.push(
        `  ${(r.name ?? r.id).slice(0, 22).padEnd(22)} ${(r.converged ? 'yes' : 'NO').padStart(6)}  ${String(r.islands).padStart(7)}  ${r.lost_load_MW.toFixed(1).padStart(7)}  ${(r.max_loading_pct === null ? '-' : `${r.max_loading_pct.toFixed(1)}% (${r.worst_branch})`).padStart(13)}  ${String(r.n_overloads).padStart(9)}`,
      );
    }
    io.out(lines.join('\n') + '\n');
  }
  return outcomes.every((o) => o.converged) ? 0 : 1;
}
