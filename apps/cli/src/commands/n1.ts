// `finest n1 CASE [--json] [--csv FILE]`: DC N-1 screening of every in-service branch outage
// (with --ac: AC N-1, n1-ac.ts; with --set: N-k contingency sets, n1-set.ts).
// Output fields use 1-based case-file row numbers, as MATPOWER reports them.
import { writeFileSync } from 'node:fs';
import { branchLabel, type Network } from '@finest/grid';
import { runDcN1, type BranchPair, type DcN1Result } from '@finest/powerflow';
import { parseCommandArgs, parsePositiveInt } from '../args.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { loadCase } from '../load-case.ts';
import type { Io } from '../io.ts';
import { createProgressBar } from '../progress.ts';
import { round3 } from '../timing.ts';
import { runAcN1Command } from './n1-ac.ts';
import { runSetCommand } from './n1-set.ts';

export async function n1Command(args: string[], io: Io): Promise<number> {
  const { values, casePath } = parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    csv: { type: 'string' },
    ac: { type: 'boolean', default: false },
    workers: { type: 'string' },
    screen: { type: 'string' },
    set: { type: 'string' },
  });
  const workers = parsePositiveInt('--workers', values.workers);
  const screen = parsePositiveInt('--screen', values.screen);
  if (!values.ac && (workers !== undefined || screen !== undefined))
    throw new CliError('--workers and --screen apply to --ac only');
  if (values.ac && values.csv !== undefined)
    throw new CliError('--csv applies to the DC screening only');
  const { network, parseMs } = await loadCase(casePath);
  if (values.set !== undefined) {
    return runSetCommand(
      network,
      parseMs,
      values.set,
      values.ac === true,
      values.json === true,
      io,
    );
  }
  if (values.ac)
    return runAcN1Command(network, parseMs, { json: values.json === true, workers, screen }, io);
  const bar = values.json ? null : createProgressBar('N-1');
  const start = performance.now();
  const result = runDcN1(network, {
    collectOverloads: values.csv !== undefined,
    ...(bar ? { onProgress: (done: number, total: number) => bar.update(done, total) } : {}),
  });
  const solveMs = performance.now() - start;
  bar?.done();
  if (!result.baseConverged)
    throw new CliError(
      'the base-case DC power flow has no solution (island without a reference bus?)',
      EXIT.notConverged,
    );

  if (values.csv !== undefined) writeCsv(values.csv, network, result.overloads ?? []);
  if (values.json) {
    io.out(JSON.stringify(n1Report(network, result, parseMs, solveMs)) + '\n');
  } else {
    io.out(formatN1Table(network, result, parseMs, solveMs));
  }
  return EXIT.ok;
}

const row = (l: number): number => l + 1;

export function n1Report(
  net: Network,
  r: DcN1Result,
  parseMs: number,
  solveMs: number,
): Record<string, unknown> {
  return {
    n_branch_in_service: r.nBranchInService,
    n_bridges_excluded: r.bridges.length,
    bridge_branches: r.bridges.map(row),
    n_contingencies: r.contingencies.length,
    n_monitored_rate_a_gt_0: r.nMonitored,
    n_base_case_overloads: r.nBaseOverloads,
    n_overloaded_pairs: r.nOverloadedPairs,
    n_overloaded_pairs_gt_100_0001pct: r.nOverloadedPairsAbove100_0001,
    n_overloaded_pairs_on_branches_not_overloaded_in_base_case:
      r.nOverloadedPairsNotOverloadedInBase,
    top20_loading: r.top.map((p) => ({
      contingency_branch: row(p.contingency),
      monitored_branch: row(p.monitored),
      post_flow_MW: p.postFlow,
      loading_pct: p.loadingPct,
    })),
    timing: { parse_ms: round3(parseMs), solve_ms: round3(solveMs) },
  };
}

function writeCsv(path: string, net: Network, pairs: BranchPair[]): void {
  const lines = [
    'contingency_branch,contingency_id,monitored_branch,monitored_id,post_flow_MW,rate_a_MVA,loading_pct',
  ];
  for (const p of pairs) {
    const c = net.branches[p.contingency]!;
    const m = net.branches[p.monitored]!;
    lines.push(
      [
        row(p.contingency),
        csvText(c.id),
        row(p.monitored),
        csvText(m.id),
        p.postFlow,
        m.rateA,
        p.loadingPct,
      ].join(','),
    );
  }
  try {
    writeFileSync(path, lines.join('\n') + '\n');
  } catch (err) {
    throw new CliError(
      `cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

const csvText = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function formatN1Table(net: Network, r: DcN1Result, parseMs: number, solveMs: number): string {
  const label = (l: number): string => branchLabel(net, l);
  const out = [
    `DC N-1 screening: ${net.name}`,
    `  ${r.nBranchInService} branches in service: ${r.contingencies.length} outages screened, ${r.bridges.length} islanding outages (bridges) reported apart`,
    `  ${r.nMonitored} branches monitored (RATE_A > 0); ${r.nBaseOverloads} overloaded in the base case`,
    `  ${r.nOverloadedPairs} overloaded (outage, branch) pairs; ${r.nOverloadedPairsNotOverloadedInBase} on branches not overloaded in the base case`,
  ];
  if (r.top.length > 0) {
    const w = Math.max(
      20,
      ...r.top.flatMap((p) => [label(p.contingency).length, label(p.monitored).length]),
    );
    out.push('', `  rank  ${'outage'.padEnd(w)} ${'monitored'.padEnd(w)} post flow MW   loading`);
    r.top.forEach((p, i) => {
      out.push(
        `  ${String(i + 1).padStart(4)}  ${label(p.contingency).padEnd(w)} ${label(p.monitored).padEnd(w)} ${p.postFlow.toFixed(2).padStart(12)}   ${p.loadingPct.toFixed(2).padStart(7)}%`,
      );
    });
  } else {
    out.push('  no branch has RATE_A > 0: loadings not assessed');
  }
  if (r.bridges.length > 0) {
    const shown = r.bridges.slice(0, 20).map(row).join(', ');
    out.push(
      '',
      `  islanding outages (rows): ${shown}${r.bridges.length > 20 ? `, … (${r.bridges.length} in all)` : ''}`,
    );
  }
  out.push('', `  parse ${parseMs.toFixed(1)} ms, solve ${solveMs.toFixed(1)} ms`);
  return out.join('\n') + '\n';
}
