// `finest pf` and `finest dcpf`: solve one case and print the solution as MATPOWER reports it
// (arrays in the case file's row order) or as a readable summary. `pf --time-limit MS` bounds
// the Newton solve (checked once per iteration); past it the case is reported not converged.
import { compareWithSv, type CgmesImport, type Network } from '@finest/grid';
import { buildPfCase, runAcPowerFlow, runDcPowerFlow } from '@finest/powerflow';
import { parseCommandArgs, parseMilliseconds, parsePositiveInt } from '../args.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { loadCase } from '../load-case.ts';
import type { Io } from '../io.ts';
import { medianTime, round3 } from '../timing.ts';
import { formatPfSummary, type PfSolution } from './pf-summary.ts';

export async function pfCommand(method: 'ac' | 'dc', args: string[], io: Io): Promise<number> {
  const { values, casePath } = parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    repeat: { type: 'string' },
    'enforce-q-limits': { type: 'boolean', default: false },
    'time-limit': { type: 'string' },
  });
  for (const option of ['enforce-q-limits', 'time-limit'] as const) {
    if (method === 'dc' && values[option] !== undefined && values[option] !== false)
      throw new CliError(`--${option} applies to the AC power flow (pf) only`);
  }
  const repeat = parsePositiveInt('--repeat', values.repeat) ?? 0;
  const timeLimitMs = parseMilliseconds('--time-limit', values['time-limit']);
  const { network, parseMs, cgmes } = await loadCase(casePath);
  const enforceQ = values['enforce-q-limits'] === true;

  const solve = (): PfSolution => solveNetwork(network, method, enforceQ, timeLimitMs);
  const start = performance.now();
  const solution = solve();
  const solveMs = performance.now() - start;
  const medianMs = repeat > 0 ? medianTime(repeat, solve) : undefined;

  if (values.json) {
    const report = toJsonReport(network, solution, parseMs, solveMs, medianMs);
    io.out(
      JSON.stringify(cgmes === undefined ? report : withCgmes(report, network, solution, cgmes)) +
        '\n',
    );
  } else {
    io.out(formatPfSummary(network, solution, method, { parseMs, solveMs, medianMs }));
  }
  return solution.converged ? EXIT.ok : EXIT.notConverged;
}

export function solveNetwork(
  network: Network,
  method: 'ac' | 'dc',
  enforceQ = false,
  timeLimitMs?: number,
): PfSolution {
  const pf = buildPfCase(network);
  if (method === 'ac') {
    return runAcPowerFlow(pf, {
      ...(enforceQ ? { enforceQLimits: 'simultaneous' as const } : {}),
      ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
    });
  }
  const { mismatch, ...dc } = runDcPowerFlow(pf);
  const zeros = (n: number): Float64Array => new Float64Array(n);
  return {
    ...dc,
    // an unsolved DC case has no residual to print
    ...(Number.isNaN(mismatch) ? {} : { mismatch }),
    Qf: zeros(pf.nBranch),
    Qt: zeros(pf.nBranch),
    Qg: zeros(pf.nGen),
  };
}

/** A bus id printed as MATPOWER's bus number when it is one, else as text. */
const busIdOut = (id: string): number | string => (/^\d+$/.test(id) ? Number(id) : id);

export function toJsonReport(
  network: Network,
  s: PfSolution,
  parseMs: number,
  solveMs: number,
  medianMs: number | undefined,
): Record<string, unknown> {
  const list = (a: Float64Array): number[] => Array.from(a);
  return {
    converged: s.converged,
    iterations: s.iterations,
    baseMVA: s.baseMVA,
    bus_id: network.buses.map((b) => busIdOut(b.id)),
    Vm: list(s.Vm),
    Va: list(s.Va),
    Pf: list(s.Pf),
    Qf: list(s.Qf),
    Pt: list(s.Pt),
    Qt: list(s.Qt),
    Pg: list(s.Pg),
    Qg: list(s.Qg),
    timing: { parse_ms: round3(parseMs), solve_ms: round3(solveMs) },
    ...(medianMs === undefined ? {} : { solve_ms_median: round3(medianMs) }),
  };
}

/**
 * A CGMES model's report: bus ids are TopologicalNode mRIDs (bus_id), with their nominal kV
 * (base_kv) and names, and, when the model has an SV profile and the flow converged, how far
 * the solution is from the SV state (|V| relative, angle in degrees from a common node).
 */
function withCgmes(
  report: Record<string, unknown>,
  network: Network,
  s: PfSolution,
  cgmes: CgmesImport,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...report,
    format: `CGMES ${cgmes.version}`,
    bus_name: network.buses.map((b) => b.name ?? b.id),
    base_kv: network.buses.map((b) => b.baseKV),
    branch_id: network.branches.map((b) => b.id),
    gen_id: network.generators.map((g) => g.id),
    warnings: cgmes.warnings,
  };
  if (cgmes.sv.size > 0 && s.converged) {
    const cmp = compareWithSv(network, cgmes.sv, s.Vm, s.Va);
    out.sv_comparison = {
      reference_bus: cmp.reference,
      buses: cmp.perBus.length,
      max_dv_rel: cmp.worstDv,
      max_dangle_deg: cmp.worstAngle,
    };
  }
  return out;
}
