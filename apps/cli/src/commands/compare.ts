// `finest compare A.json B.json [--json] [--seed N]`: per-country (and per-city) differences of
// two runs, each given as a scenario file (run now) or a run saved with `finest run --json`.
// `finest compare SCENARIO.json --without-operator`: the scenario as it is (A) against the same
// scenario with nobody in the control room (B).
import { compareRuns, prepareEngine, type RunComparison } from '@finest/scenario';
import { parseCommandLine, parseNonNegativeInt } from '../args.ts';
import { CliError, EXIT } from '../cli-error.ts';
import type { Io } from '../io.ts';
import { summaryFromFile } from './run-inputs.ts';

export async function compareCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(args, {
    json: { type: 'boolean', default: false },
    seed: { type: 'string' },
    'without-operator': { type: 'boolean', default: false },
  });
  const withoutOperator = parsed.values['without-operator'];
  const [a, second, ...rest] = parsed.positionals;
  const b = withoutOperator ? a : second;
  if (a === undefined || b === undefined || rest.length > 0 || (withoutOperator && second))
    throw new CliError(
      'give two files: A.json B.json (scenarios or saved runs), or one scenario with --without-operator',
    );
  const seed = parseNonNegativeInt('--seed', parsed.values.seed);
  const options = seed === undefined ? {} : { seed };
  await prepareEngine();
  const cmp = compareRuns(
    await summaryFromFile(a, options),
    await summaryFromFile(b, { ...options, withoutOperator }),
  );
  io.out(parsed.values.json ? `${JSON.stringify(cmp, null, 2)}\n` : formatComparison(cmp));
  return EXIT.ok;
}

const fmt = (v: number | null): string =>
  v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(3);
const signed = (v: number | null): string => (v === null ? '—' : `${v > 0 ? '+' : ''}${fmt(v)}`);

export function formatComparison(c: RunComparison): string {
  const out = [
    `A: ${c.a.title} (${c.a.scenarioId}, seed ${c.a.seed})`,
    `B: ${c.b.title} (${c.b.scenarioId}, seed ${c.b.seed})`,
    '',
  ];
  const table = (
    name: string,
    kpis: Record<string, { a: number | null; b: number | null; diff: number | null }>,
  ): void => {
    out.push(name);
    const keys = Object.keys(kpis);
    const w = Math.max(...keys.map((k) => k.length));
    out.push(
      `  ${''.padEnd(w)}  ${'A'.padStart(12)}  ${'B'.padStart(12)}  ${'B − A'.padStart(12)}`,
    );
    for (const k of keys) {
      const d = kpis[k]!;
      const mark = d.diff !== null && Math.abs(d.diff) > 1e-9 ? '  *' : '';
      out.push(
        `  ${k.padEnd(w)}  ${fmt(d.a).padStart(12)}  ${fmt(d.b).padStart(12)}  ${signed(d.diff).padStart(12)}${mark}`,
      );
    }
    out.push('');
  };
  for (const [country, kpis] of Object.entries(c.countries)) table(country, kpis);
  for (const [city, kpis] of Object.entries(c.cities)) table(city, kpis);
  out.push(`branches tripped only in A: ${c.branchesTrippedOnlyInA.join(', ') || 'none'}`);
  out.push(`branches tripped only in B: ${c.branchesTrippedOnlyInB.join(', ') || 'none'}`);
  return `${out.join('\n')}\n`;
}
