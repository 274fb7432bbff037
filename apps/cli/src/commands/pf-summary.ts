// The readable report of `finest pf` / `finest dcpf`: outcome, balance, worst voltages and
// the most loaded branches.
import type { Network } from '@finest/grid';

/** A solved case as pf and dcpf report it (arrays in the case file's row order). */
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

const fmt = (x: number, digits = 2): string => x.toFixed(digits);

export function formatPfSummary(
  network: Network,
  s: PfSolution,
  method: 'ac' | 'dc',
  timing: { parseMs: number; solveMs: number; medianMs: number | undefined },
): string {
  const lines: string[] = [];
  const title = method === 'ac' ? 'AC power flow (Newton-Raphson)' : 'DC power flow';
  lines.push(`${title}: ${network.name}`);
  lines.push(
    `  ${network.buses.length} buses, ${network.branches.length} branches, ${network.generators.length} generators, base ${s.baseMVA} MVA`,
  );
  const outcome = s.converged ? 'converged' : `NOT converged${s.reason ? ` (${s.reason})` : ''}`;
  const mismatch =
    s.mismatch === undefined ? '' : `, max mismatch ${s.mismatch.toExponential(2)} pu`;
  lines.push(`  ${outcome} in ${s.iterations} iteration(s)${mismatch}`);

  let gen = 0;
  let genQ = 0;
  network.generators.forEach((g, k) => {
    if (!g.inService) return;
    gen += s.Pg[k]!;
    genQ += s.Qg[k]!;
  });
  const load = network.buses.reduce((sum, b) => sum + (b.type === 'NONE' ? 0 : b.Pd), 0);
  let losses = 0;
  for (let l = 0; l < s.Pf.length; l++) losses += s.Pf[l]! + s.Pt[l]!;
  lines.push(
    `  generation ${fmt(gen)} MW${method === 'ac' ? ` / ${fmt(genQ)} MVAr` : ''}, load ${fmt(load)} MW, branch losses ${fmt(losses)} MW`,
  );

  if (method === 'ac') {
    const byVm = network.buses
      .map((b, i) => ({ id: b.id, vm: s.Vm[i]!, va: s.Va[i]! }))
      .filter((_, i) => network.buses[i]!.type !== 'NONE')
      .sort((a, b) => a.vm - b.vm);
    const low = byVm.slice(0, 3).map((b) => `${b.id} ${fmt(b.vm, 4)}`);
    const high = byVm
      .slice(-3)
      .reverse()
      .map((b) => `${b.id} ${fmt(b.vm, 4)}`);
    lines.push(`  lowest voltages (pu):  ${low.join(', ')}`);
    lines.push(`  highest voltages (pu): ${high.join(', ')}`);
  }

  const loaded = network.branches
    .map((br, l) => {
      const sf = Math.hypot(s.Pf[l]!, s.Qf[l]!);
      const st = Math.hypot(s.Pt[l]!, s.Qt[l]!);
      const flow = Math.max(sf, st);
      return { br, flow, loading: br.rateA > 0 ? (100 * flow) / br.rateA : NaN };
    })
    .filter((x) => x.br.inService && x.br.rateA > 0)
    .sort((a, b) => b.loading - a.loading)
    .slice(0, 5);
  if (loaded.length > 0) {
    lines.push('  most loaded branches (against RATE_A):');
    for (const { br, flow, loading } of loaded) {
      lines.push(
        `    ${br.id.padStart(6)}  ${br.from} → ${br.to}  ${fmt(flow)} ${method === 'ac' ? 'MVA' : 'MW'} of ${fmt(br.rateA)}  ${fmt(loading, 1)}%`,
      );
    }
  } else {
    lines.push('  no branch has a RATE_A rating: loading not assessed');
  }
  const median = timing.medianMs === undefined ? '' : `, median ${fmt(timing.medianMs, 3)} ms`;
  lines.push(`  parse ${fmt(timing.parseMs, 1)} ms, solve ${fmt(timing.solveMs, 1)} ms${median}`);
  return lines.join('\n') + '\n';
}
