// The aggregate of a sweep in words, per scenario and variant: runs and failures, energy not
// served (expected, p50, p95, max; per country), hours with shedding, peak shed, the worst
// frequency nadir and the ten worst hours.
import type { SweepGroup, SweepResult } from '@finest/protocol';

const n = (x: number, d = 0): string =>
  x.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
const pct = (x: number): string => `${n(100 * x, 1)} %`;
const when = (iso: string): string => iso.replace(':00.000Z', 'Z').replace('T', ' ');

export function formatSweep(r: SweepResult): string {
  const s = r.sweep;
  const seeds = s.seeds ? `${s.seeds.length} seed${s.seeds.length === 1 ? '' : 's'}` : 'own seed';
  const out = [
    `sweep ${s.id}: ${s.title}`,
    `  ${s.scenarios.length} scenario${s.scenarios.length === 1 ? '' : 's'} × ${s.variants.length} variant${s.variants.length === 1 ? '' : 's'} × ${s.hours.length} hours × ${seeds} = ${n(s.jobs)} runs (engine version ${s.engineVersion})`,
  ];
  if (r.timing) {
    const t = r.timing;
    out.push(
      `  ${t.mode}, ${t.workers} local worker${t.workers === 1 ? '' : 's'}: ${n(t.computed)} computed, ${n(t.reused)} already stored${t.retried ? `, ${t.retried} handed out again` : ''}; ${n(t.wallMs / 1000, 1)} s, ${n(t.runsPerS, 2)} runs/s`,
    );
  }
  if (!r.complete)
    out.push('  INCOMPLETE: some runs have no result yet; run the same command again to resume');
  for (const g of r.aggregates) out.push('', ...group(g));
  return `${out.join('\n')}\n`;
}

function group(g: SweepGroup): string[] {
  const lines = [`${g.scenarioId} · ${g.variant}`];
  lines.push(`  runs                     ${n(g.runs)} (${n(g.done)} done, ${n(g.failed)} failed)`);
  for (const f of g.failures)
    lines.push(
      `    ${n(f.count)} failed: ${f.reason} (hours ${f.hours.join(', ')}${f.count > f.hours.length ? ', …' : ''})`,
    );
  const e = g.energyNotServedMWh;
  if (e) {
    lines.push(
      `  energy not served (MWh)  expected ${n(e.expected, 1)}  p50 ${n(e.p50, 1)}  p95 ${n(e.p95, 1)}  max ${n(e.max, 1)}`,
    );
    for (const [c, d] of Object.entries(g.energyNotServedByCountryMWh))
      lines.push(
        `    ${c.padEnd(22)} expected ${n(d.expected, 1)}  p50 ${n(d.p50, 1)}  p95 ${n(d.p95, 1)}  max ${n(d.max, 1)}`,
      );
  }
  lines.push(
    `  hours with shedding      ${n(g.hoursWithShedding)} of ${n(g.hours)} (${pct(g.shareOfHoursWithShedding)})`,
  );
  const p = g.peakShedMW;
  lines.push(
    `  peak shed (MW)           ${n(p.max)}${p.hour !== null ? ` at hour ${p.hour}, seed ${p.seed}` : ''}  (${Object.entries(
      g.peakShedByCountryMW,
    )
      .map(([c, mw]) => `${c} ${n(mw)}`)
      .join(', ')})`,
  );
  if (g.worstNadir)
    lines.push(
      `  worst frequency nadir    ${g.worstNadir.hz.toFixed(3)} Hz (${g.worstNadir.area}) at hour ${g.worstNadir.hour}, seed ${g.worstNadir.seed}`,
    );
  if (g.worstHours.length) {
    lines.push(
      '  worst hours              hour  time (UTC)          seed   ENS (MWh)  peak shed (MW)  nadir (Hz)',
    );
    for (const w of g.worstHours)
      lines.push(
        `                           ${String(w.hour).padStart(4)}  ${when(w.time).padEnd(18)}${String(w.seed).padStart(6)}${n(w.energyNotServedMWh, 1).padStart(12)}${n(w.peakShedMW).padStart(16)}${(w.nadirHz?.toFixed(3) ?? '—').padStart(12)}`,
      );
  }
  return lines;
}
