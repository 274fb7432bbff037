// `finest n1 CASE --ac [--workers N] [--screen K]`: AC N-1, a Newton solve per outage spread
// over worker threads; with --screen K, only the K outages worst by DC loading.
import { branchLabel, type Network } from '@finest/grid';
import {
  buildPfCase,
  runAcN1,
  runAcPowerFlow,
  runDcN1,
  type AcContingencyOutcome,
} from '@finest/powerflow';
import type { Io } from '../io.ts';
import { createProgressBar } from '../progress.ts';
import { round3 } from '../timing.ts';

export interface AcN1CliOptions {
  json: boolean;
  workers: number | undefined;
  screen: number | undefined;
}

export async function runAcN1Command(
  network: Network,
  parseMs: number,
  opts: AcN1CliOptions,
  io: Io,
): Promise<number> {
  const start = performance.now();
  let branches: number[] | undefined;
  if (opts.screen !== undefined) {
    const dc = runDcN1(network);
    const order = Array.from(dc.contingencies.keys()).sort(
      (a, b) => dc.maxLoadingPct[b]! - dc.maxLoadingPct[a]! || a - b,
    );
    branches = order.slice(0, opts.screen).map((k) => dc.contingencies[k]!);
  }
  const bar = opts.json ? null : createProgressBar('AC N-1');
  const outcomes = await runAcN1(network, {
    ...(opts.workers === undefined ? {} : { workers: opts.workers }),
    ...(branches === undefined ? {} : { branches }),
    ...(bar ? { onProgress: (d: number, t: number) => bar.update(d, t) } : {}),
  });
  bar?.done();
  const solveMs = performance.now() - start;
  const report = { ...baseCase(network), ...acN1Report(outcomes, opts.screen, parseMs, solveMs) };
  io.out(opts.json ? JSON.stringify(report) + '\n' : formatAcN1(network, outcomes, report));
  return 0;
}

const row = (l: number): number => l + 1;

/** The intact network's AC state, so outage findings can be told from existing ones. */
function baseCase(network: Network) {
  const base = runAcPowerFlow(buildPfCase(network));
  const overloaded: number[] = [];
  network.branches.forEach((br, l) => {
    const s = Math.max(Math.hypot(base.Pf[l]!, base.Qf[l]!), Math.hypot(base.Pt[l]!, base.Qt[l]!));
    if (br.inService && br.rateA > 0 && s > br.rateA) overloaded.push(row(l));
  });
  return { base_case_converged: base.converged, base_case_overloaded_branches: overloaded };
}
const finite = (x: number): number | null => (Number.isFinite(x) && x >= 0 ? x : null);

export function acN1Report(
  outcomes: AcContingencyOutcome[],
  screen: number | undefined,
  parseMs: number,
  solveMs: number,
) {
  const notConverged = outcomes.filter((o) => !o.converged);
  return {
    method: 'ac',
    screened_by_dc: screen ?? null,
    n_contingencies: outcomes.length,
    n_islanding: outcomes.filter((o) => o.islanding).length,
    n_converged: outcomes.length - notConverged.length,
    n_not_converged: notConverged.length,
    voltage_collapse_candidates: notConverged.map((o) => row(o.branch)),
    n_with_overloads: outcomes.filter((o) => o.nOverloads > 0).length,
    n_with_voltage_violations: outcomes.filter((o) => o.nVoltageViolations > 0).length,
    lost_load_MW_max: Math.max(0, ...outcomes.map((o) => o.lostLoadMW)),
    contingencies: outcomes.map((o) => ({
      branch: row(o.branch),
      islanding: o.islanding,
      converged: o.converged,
      iterations: o.iterations,
      max_loading_pct: finite(o.maxLoadingPct),
      worst_branch: o.worstBranch >= 0 ? row(o.worstBranch) : null,
      min_vm: finite(o.minVm),
      max_vm: finite(o.maxVm),
      n_overloads: o.nOverloads,
      n_voltage_violations: o.nVoltageViolations,
      lost_load_MW: o.lostLoadMW,
    })),
    timing: { parse_ms: round3(parseMs), solve_ms: round3(solveMs) },
  };
}

function formatAcN1(
  net: Network,
  outcomes: AcContingencyOutcome[],
  r: ReturnType<typeof acN1Report> & ReturnType<typeof baseCase>,
): string {
  const label = (l: number): string => branchLabel(net, l);
  const lines = [
    `AC N-1: ${net.name}${r.screened_by_dc ? ` (the ${r.screened_by_dc} worst outages by DC loading)` : ''}`,
    `  ${r.n_contingencies} outages solved (${r.n_islanding} islanding), ${r.n_not_converged} did not converge`,
    `  ${r.n_with_overloads} outages overload a branch, ${r.n_with_voltage_violations} violate a voltage limit`,
    `  base case: ${r.base_case_converged ? 'converged' : 'NOT converged'}, ${r.base_case_overloaded_branches.length} branch(es) already above RATE_A${r.base_case_overloaded_branches.length > 0 ? ` (${r.base_case_overloaded_branches.slice(0, 10).join(', ')})` : ''}`,
  ];
  if (r.voltage_collapse_candidates.length > 0) {
    lines.push(
      `  voltage-collapse candidates (no convergence): ${r.voltage_collapse_candidates.slice(0, 30).join(', ')}`,
    );
  }
  const worst = [...outcomes]
    .filter((o) => o.converged)
    .sort((a, b) => b.maxLoadingPct - a.maxLoadingPct)
    .slice(0, 15);
  if (worst.length > 0 && worst[0]!.maxLoadingPct >= 0) {
    const w = Math.max(
      20,
      ...worst.flatMap((o) => [label(o.branch).length, label(o.worstBranch).length]),
    );
    lines.push(
      '',
      `  ${'outage'.padEnd(w)} ${'worst branch'.padEnd(w)} loading   min Vm   max Vm  overloads  lost MW`,
    );
    for (const o of worst) {
      lines.push(
        `  ${label(o.branch).padEnd(w)} ${label(o.worstBranch).padEnd(w)} ${o.maxLoadingPct.toFixed(1).padStart(6)}%  ${o.minVm.toFixed(4)}  ${o.maxVm.toFixed(4)}  ${String(o.nOverloads).padStart(9)}  ${o.lostLoadMW.toFixed(1).padStart(7)}`,
      );
    }
  }
  lines.push(
    '',
    `  parse ${r.timing.parse_ms.toFixed(1)} ms, solve ${r.timing.solve_ms.toFixed(1)} ms`,
  );
  return lines.join('\n') + '\n';
}
