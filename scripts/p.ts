import { readFileSync } from 'node:fs';
import { matpowerToNetwork, parseMatpower } from '@finest/grid';
import { runAcN1Sequential } from '../packages/powerflow/src/contingency/ac-n1.ts';
for (const c of ['case118', 'case_ACTIVSg2000']) {
  const net = matpowerToNetwork(parseMatpower(readFileSync(`../shared/matpower/${c}.m`, 'utf8'), 'x.m'));
  for (let r = 0; r < 2; r++) {
    const s = performance.now();
    const { outcomes, context } = runAcN1Sequential(net);
    const t = performance.now() - s;
    const isl = outcomes.filter((o) => o.islanding);
    console.log(c, t.toFixed(0), 'ms', outcomes.length, 'nonconv', outcomes.filter((o) => !o.converged).length, 'islanding', isl.length, 'stats', JSON.stringify(context.solver.stats));
  }
}
