// N-k: each contingency of a set (several elements failing together) is applied to the
// network, the islands are re-energised (energise-islands.ts) and the case is solved afresh,
// AC (warm from the base case) or DC. The islands' references pick up lost generation.
import { applyOutages, type Contingency, type Network } from '@finest/grid';
import { runAcPowerFlow } from '../ac/run-ac.ts';
import { runDcPowerFlow } from '../dc/run-dc.ts';
import { buildPfCase } from '../model/pf-case.ts';
import { assessAc } from './ac-n1.ts';
import { energiseIslands } from './energise-islands.ts';

export interface SetOutcome {
  id: string;
  name?: string;
  converged: boolean;
  reason?: string;
  islands: number;
  lostLoadMW: number;
  /** percent of RATE_A (MVA for AC, MW for DC); -1 when no branch is rated */
  maxLoadingPct: number;
  /** 0-based position of the most loaded branch, or -1 */
  worstBranch: number;
  nOverloads: number;
  /** AC only: pu, and buses outside their limits */
  minVm?: number;
  maxVm?: number;
  nVoltageViolations?: number;
}

export function solveOutageSet(
  net: Network,
  sets: readonly Contingency[],
  method: 'ac' | 'dc',
): SetOutcome[] {
  const base = method === 'ac' ? runAcPowerFlow(buildPfCase(net)) : null;
  return sets.map((c) => {
    const outaged = applyOutages(net, c);
    const energised = energiseIslands(outaged, base ?? undefined);
    const { network, islands } = energised;
    // energiseIslands counts islands without generation; the demand of an outaged substation
    // itself is lost too.
    const outagedBuses = new Set(c.elements.filter((e) => e.type === 'bus').map((e) => e.id));
    const lostLoadMW =
      energised.lostLoadMW +
      net.buses.reduce(
        (sum, b) => sum + (outagedBuses.has(b.id) && b.type !== 'NONE' ? b.Pd : 0),
        0,
      );
    const pf = buildPfCase(network);
    const head = {
      id: c.id,
      ...(c.name === undefined ? {} : { name: c.name }),
      islands,
      lostLoadMW,
    };
    if (method === 'ac') {
      const r = runAcPowerFlow(pf);
      const a = assessAc(network, pf, [], r, r.Vm);
      const out: SetOutcome = {
        ...head,
        converged: r.converged,
        maxLoadingPct: a.maxLoadingPct,
        worstBranch: a.worstBranch,
        nOverloads: a.nOverloads,
        minVm: a.minVm,
        maxVm: a.maxVm,
        nVoltageViolations: a.nVoltageViolations,
      };
      if (r.reason !== undefined) out.reason = r.reason;
      return out;
    }
    const r = runDcPowerFlow(pf);
    let maxLoadingPct = -1;
    let worstBranch = -1;
    let nOverloads = 0;
    for (let l = 0; l < pf.nBranch; l++) {
      if (!pf.branchOn[l] || pf.rateA[l]! <= 0) continue;
      const loading = (100 * Math.abs(r.Pf[l]!)) / pf.rateA[l]!;
      if (loading > maxLoadingPct) {
        maxLoadingPct = loading;
        worstBranch = l;
      }
      if (Math.abs(r.Pf[l]!) > pf.rateA[l]!) nOverloads++;
    }
    const out: SetOutcome = {
      ...head,
      converged: r.converged,
      maxLoadingPct,
      worstBranch,
      nOverloads,
    };
    if (r.reason !== undefined) out.reason = r.reason;
    return out;
  });
}
