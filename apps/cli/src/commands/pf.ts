// `finest pf` and `finest dcpf`: solve one case and print the solution as MATPOWER reports it
// (arrays in the case file's row order) or as a readable summary.
import type { Network } from '@finest/grid';
import { buildPfCase, runAcPowerFlow, runDcPowerFlow } from '@finest/powerflow';
import { parseCommandArgs } from '../args.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { loadCase } from '../load-case.ts';
import type { Io } from '../main.ts';
import { medianTime, round3 } from '../timing.ts';
import { formatPfSummary } from './pf-summary.ts';

export interface PfSolution {
  converged: boolean;
  iterations: number;
  mismatch?: number;
  reason?: string;
  baseMVA: number;
  Vm: Float64Array;
  Va: Float64Array;
  Pf: Float64Array;
  Qf: Float64Array;
  Pt: Float64Array;
  Qt: Float64Array;
  Pg: Float64Array;
  Qg: Float64Array;
}

export function parseRepeat(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`--repeat expects a positive integer, got "${value}"`);
  return n;
}

export function pfCommand(method: 'ac' | 'dc', args: string[], io: Io): number {
  const { values, casePath } = parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    repeat: { type: 'string' },
    'enforce-q-limits': { type: 'boolean', default: false },
  });
  if (method === 'dc' && values['enforce-q-limits'])
    throw new CliError('--enforce-q-limits applies to the AC power flow (pf) only');
  const repeat = parseRepeat(values.repeat);
  const { network, parseMs } = loadCase(casePath);
  const enforceQ = values['enforce-q-limits'] === true;

  const solve = (): PfSolution => solveNetwork(network, method, enforceQ);
  const start = performance.now();
  const solution = solve();
  const solveMs = performance.now() - start;
  const medianMs = repeat > 0 ? medianTime(repeat, solve) : undefined;

  if (values.json) {
    io.out(JSON.stringify(toJsonReport(network, solution, parseMs, solveMs, medianMs)) + '\n');
  } else {
    io.out(formatPfSummary(network, solution, method, { parseMs, solveMs, medianMs }));
  }
  return solution.converged ? EXIT.ok : EXIT.notConverged;
}

export function solveNetwork(network: Network, method: 'ac' | 'dc', enforceQ = false): PfSolution {
  const pf = buildPfCase(network);
  if (method === 'ac') {
    return runAcPowerFlow(pf, enforceQ ? { enforceQLimits: 'simultaneous' } : {});
  }
  const dc = runDcPowerFlow(pf);
  const zeros = (n: number): Float64Array => new Float64Array(n);
  return { ...dc, Qf: zeros(pf.nBranch), Qt: zeros(pf.nBranch), Qg: zeros(pf.nGen) };
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
