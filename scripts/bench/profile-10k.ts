// `npx tsx scripts/bench/profile-10k.ts [ac|dc|n1]`: the 10,000-bus part of `npm run bench`
// alone (case_ACTIVSg2000, its 5 × tile, the tile thinned to 12,706 branches), medians of
// the AC and DC power flows and of the DC N-1, for quick before/after comparisons.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matpowerToNetwork, parseMatpower } from '@finest/grid';
import { buildPfCase, runAcPowerFlow, runDcN1, runDcPowerFlow } from '@finest/powerflow';
import { thinNetwork } from './thin-case.ts';
import { tileNetwork } from './tile-case.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared', 'matpower');
const base = matpowerToNetwork(
  parseMatpower(readFileSync(join(SHARED, 'case_ACTIVSg2000.m'), 'utf8'), 'case_ACTIVSg2000.m'),
);
const tile = tileNetwork(base, 5);
const nets = {
  act2000: base,
  tile10k: tile,
  thin10k: thinNetwork(tile, 12706, { loadScale: 0.8 }),
};
const what = process.argv[2] ?? 'all';

function median(fn: () => unknown, repeat: number): number {
  fn();
  fn();
  const t: number[] = [];
  for (let k = 0; k < repeat; k++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[t.length >> 1]!;
}

for (const [name, net] of Object.entries(nets)) {
  const parts: string[] = [name.padEnd(8)];
  if (what === 'all' || what === 'ac')
    parts.push(`AC ${median(() => runAcPowerFlow(buildPfCase(net)), 21).toFixed(2)} ms`);
  if (what === 'all' || what === 'dc')
    parts.push(`DC ${median(() => runDcPowerFlow(buildPfCase(net)), 21).toFixed(2)} ms`);
  if (what === 'all' || what === 'n1')
    parts.push(`DC N-1 ${median(() => runDcN1(net), 3).toFixed(0)} ms`);
  console.log(parts.join('  '));
}
console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
