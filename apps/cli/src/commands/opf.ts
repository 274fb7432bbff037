// `finest opf CASE --dc`: the DC optimal power flow of one case (MATPOWER's rundcopf), as JSON
// (arrays in the case file's row order, MATPOWER's units: $/h, MW, $/MWh) or as a readable
// summary: outcome, cost, prices and the branches held at their rating. Only the DC model
// exists; without --dc the command says so rather than guessing. Not successful (infeasible,
// unbounded, a solver that gave up) is exit 1 with the cause; bad input is exit 2.
import { branchLabel, type Network } from '@finest/grid';
import { runDcOpf, type DcOpfResult } from '@finest/powerflow';
import { parseCommandArgs } from '../args.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { loadCase } from '../load-case.ts';
import type { Io } from '../io.ts';
import { round3 } from '../timing.ts';

export async function opfCommand(args: string[], io: Io): Promise<number> {
  const { values, casePath } = parseCommandArgs(args, {
    dc: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  if (!values.dc) {
    throw new CliError(
      'only the DC OPF is available (the AC OPF is not implemented): use finest opf CASE --dc',
    );
  }
  const { network, parseMs } = await loadCase(casePath);
  const result = await runDcOpf(network);
  if (values.json) {
    io.out(JSON.stringify(toJsonReport(result, parseMs)) + '\n');
    if (!result.success) io.err(`finest opf: ${result.reason ?? result.status}\n`);
  } else {
    io.out(formatOpfSummary(network, result, parseMs));
  }
  return result.success ? EXIT.ok : EXIT.notConverged;
}

export function toJsonReport(r: DcOpfResult, parseMs: number): Record<string, unknown> {
  const list = (a: Float64Array): number[] => Array.from(a);
  return {
    success: r.success,
    status: r.status,
    ...(r.reason === undefined ? {} : { reason: r.reason }),
    // JSON has no NaN: an unsolved case has no objective
    objective: Number.isFinite(r.objective) ? r.objective : null,
    Pg: list(r.Pg),
    Pf: list(r.Pf),
    lam_P: list(r.lam_P),
    method: r.method,
    iterations: r.iterations,
    timing: {
      parse_ms: round3(parseMs),
      solve_ms: round3(r.timing.totalMs),
      build_ms: round3(r.timing.buildMs),
      highs_ms: round3(r.timing.solveMs),
    },
  };
}

const fmt = (x: number, digits = 2): string => x.toFixed(digits);

/** branches listed at most */
const LISTED = 10;

export function formatOpfSummary(network: Network, r: DcOpfResult, parseMs: number): string {
  const lines = [`DC optimal power flow: ${network.name}`];
  lines.push(
    `  ${network.buses.length} buses, ${network.branches.length} branches, ${network.generators.length} generators, base ${network.baseMVA} MVA`,
  );
  const timing = `parse ${fmt(parseMs, 1)} ms, solve ${fmt(r.timing.totalMs, 1)} ms (model ${fmt(r.timing.buildMs, 1)} ms, HiGHS ${fmt(r.timing.solveMs, 1)} ms)`;
  if (!r.success) {
    lines.push(`  NOT solved (${r.status}): ${r.reason ?? 'no reason given'}`, `  ${timing}`);
    return lines.join('\n') + '\n';
  }
  lines.push(`  optimal: ${r.method}, ${r.iterations} HiGHS iterations`);
  let generation = 0;
  network.generators.forEach((g, k) => (generation += g.inService ? r.Pg[k]! : 0));
  lines.push(`  objective ${fmt(r.objective)} $/h, generation ${fmt(generation)} MW`);
  let low = Infinity;
  let high = -Infinity;
  network.buses.forEach((b, i) => {
    if (b.type === 'NONE') return;
    low = Math.min(low, r.lam_P[i]!);
    high = Math.max(high, r.lam_P[i]!);
  });
  if (low <= high) lines.push(`  prices (lam_P) ${fmt(low)} … ${fmt(high)} $/MWh`);
  if (r.binding.length === 0) {
    lines.push('  no branch at its rating (RATE_A)');
  } else {
    lines.push(
      `  ${r.binding.length} branch(es) at their rating (RATE_A), flow MW / shadow price $/MWh:`,
    );
    for (const l of Array.from(r.binding).slice(0, LISTED)) {
      const mu = Math.max(r.mu_Sf[l]!, r.mu_St[l]!);
      lines.push(
        `    ${branchLabel(network, l)}  ${fmt(r.Pf[l]!)} of ${fmt(network.branches[l]!.rateA)}  ${fmt(mu)}`,
      );
    }
    if (r.binding.length > LISTED) lines.push(`    … and ${r.binding.length - LISTED} more`);
  }
  lines.push(`  ${timing}`);
  return lines.join('\n') + '\n';
}
