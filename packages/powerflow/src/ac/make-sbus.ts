// Complex bus power injections (pu), MATPOWER's makeSbus.m for constant-power loads:
//   Sbus = Cg (Pg + j Qg) / baseMVA - (Pd + j Qd) / baseMVA  (+ HVDC injections)
import type { PfCase } from '../model/pf-case.ts';

export interface ComplexVector {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

export function makeSbus(pf: PfCase, Pd = pf.Pd, Qd = pf.Qd, genOn = pf.genOn): ComplexVector {
  const re = new Float64Array(pf.nBus);
  const im = new Float64Array(pf.nBus);
  const base = pf.baseMVA;
  for (let k = 0; k < pf.nGen; k++) {
    if (!genOn[k]) continue;
    const i = pf.genBus[k]!;
    re[i]! += pf.Pg[k]! / base;
    im[i]! += pf.Qg[k]! / base;
  }
  for (let i = 0; i < pf.nBus; i++) {
    re[i]! += (pf.Phvdc[i]! - Pd[i]!) / base;
    im[i]! -= Qd[i]! / base;
  }
  return { re, im };
}
