// Remote voltage control: a unit whose regulated bus (PfCase.regBus) is not its own holds that
// bus at its Vg. Newton keeps the unit's own bus at a voltage of this module's choosing (the
// bus stays PV); after each converged solve the own-bus voltage moves by the regulated bus's
// error over the sensitivity dV(regulated)/dV(own), estimated by secant from the last two
// solves (1 at the first), until every regulated bus is within TOLERANCE. Units regulating
// the same bus move together. Cases without remote control never construct this.
import type { BusTypes } from '../model/bus-types.ts';
import type { PfCase } from '../model/pf-case.ts';

/** pu, the regulated voltage error accepted */
export const REMOTE_TOLERANCE = 1e-9;
/** outer solves before giving up */
export const REMOTE_MAX_ROUNDS = 40;

interface Group {
  /** the regulated bus */
  reg: number;
  /** the units' own buses (one value for all of them) */
  own: number[];
  gens: number[];
  target: number;
  /** own-bus voltage set now, and the last (own, regulated) pair for the secant */
  v: number;
  last?: { v: number; reg: number };
  slope: number;
}

export class RemoteVoltageControl {
  private readonly groups: Group[];
  private rounds = 0;

  private constructor(groups: Group[]) {
    this.groups = groups;
  }

  /** null when no unit regulates another bus's voltage. */
  static of(pf: PfCase, Vm0: Float64Array): RemoteVoltageControl | null {
    const byReg = new Map<number, Group>();
    for (let k = 0; k < pf.nGen; k++) {
      const reg = pf.regBus[k]!;
      const own = pf.genBus[k]!;
      if (reg === own || !pf.genOn[k]) continue;
      let g = byReg.get(reg);
      if (g === undefined) {
        // Start from the case's own-bus voltage when it has one (an SV start), else Vg.
        const start = Vm0[own]! > 0.5 && Vm0[own]! < 1.5 ? Vm0[own]! : pf.Vg[k]!;
        byReg.set(reg, (g = { reg, own: [], gens: [], target: pf.Vg[k]!, v: start, slope: 1 }));
      }
      if (!g.own.includes(own)) g.own.push(own);
      g.gens.push(k);
    }
    return byReg.size === 0 ? null : new RemoteVoltageControl([...byReg.values()]);
  }

  /** Own-bus voltages of the remote-controlling units (after the local set-points). */
  applySetpoints(types: BusTypes, genOn: Uint8Array, Vm: Float64Array): void {
    const controlled = new Set<number>([...types.ref, ...types.pv]);
    for (const g of this.groups) {
      if (!g.gens.some((k) => genOn[k])) continue;
      for (const i of g.own) if (controlled.has(i)) Vm[i] = g.v;
    }
  }

  /** 'again' after moving a set-point, 'done' when all hold, else why it failed. */
  adjust(genOn: Uint8Array, Vm: Float64Array): 'again' | 'done' | string {
    let moved = false;
    for (const g of this.groups) {
      if (!g.gens.some((k) => genOn[k])) continue;
      const err = g.target - Vm[g.reg]!;
      if (Math.abs(err) <= REMOTE_TOLERANCE) continue;
      if (g.last !== undefined && g.v !== g.last.v) {
        const s = (Vm[g.reg]! - g.last.reg) / (g.v - g.last.v);
        // a slope of the wrong sign or vanishing size is noise: keep the previous one
        if (s > 0.01 && s < 100) g.slope = s;
      }
      g.last = { v: g.v, reg: Vm[g.reg]! };
      g.v += err / g.slope;
      moved = true;
    }
    if (!moved) return 'done';
    if (++this.rounds > REMOTE_MAX_ROUNDS)
      return `remote voltage control did not settle in ${REMOTE_MAX_ROUNDS} rounds`;
    return 'again';
  }
}
