// Reactive-limit violations after a solve, by MATPOWER's runpf rules (pf.enforce_q_lims): every
// generator beyond a limit ('simultaneous'), or only the worst one ('one-at-a-time'); when all
// the remaining voltage-controlling units exceed the same kind of limit, the case is infeasible.
import { PQ, type PfCase } from '../model/pf-case.ts';

/** Generators beyond a reactive limit, MATPOWER's runpf rules; 'infeasible' when all are. */
export function findQViolations(
  pf: PfCase,
  state: { genOn: Uint8Array; Qg: Float64Array },
  busType: Int8Array,
  mode: 'simultaneous' | 'one-at-a-time',
): number[] | 'infeasible' {
  const over: number[] = [];
  const under: number[] = [];
  let remaining = 0;
  for (let k = 0; k < pf.nGen; k++) {
    if (!state.genOn[k]) continue;
    const t = busType[pf.genBus[k]!];
    if (t !== PQ) remaining++;
    if (state.Qg[k]! > pf.Qmax[k]!) over.push(k);
    else if (state.Qg[k]! < pf.Qmin[k]!) under.push(k);
  }
  const all = [...over, ...under];
  if (all.length > 0 && all.length === remaining && (over.length === 0 || under.length === 0)) {
    return 'infeasible';
  }
  if (mode === 'simultaneous' || all.length === 0) return all.sort((a, b) => a - b);
  let worst = all[0]!;
  let worstAmount = -Infinity;
  for (const k of all) {
    const amount =
      state.Qg[k]! > pf.Qmax[k]! ? state.Qg[k]! - pf.Qmax[k]! : pf.Qmin[k]! - state.Qg[k]!;
    if (amount > worstAmount) {
      worst = k;
      worstAmount = amount;
    }
  }
  return [worst];
}
