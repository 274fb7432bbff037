// `finest sweep` options → a sweep definition: scenario files (or library ids, or `library`
// for the whole incident library), hours, seeds and variant axes, each checked with a message
// naming the option. Nothing runs here.
import { existsSync } from 'node:fs';
import { IntSpecError, parseSeedsSpec } from '@finest/protocol';
import { loadScenarioLibrary, parseScenario, type Scenario } from '@finest/scenario';
import {
  axesOf,
  mergeSetOptions,
  parseSetOption,
  type EngineContext,
  type SweepDefinition,
} from '@finest/sweep';
import { CliError } from '../cli-error.ts';
import { parseHoursSpec } from '../hours-spec.ts';
import { readJsonFile } from './run-inputs.ts';

export interface SweepOptionValues {
  hours?: string | undefined;
  seeds?: string | undefined;
  topology?: string | undefined;
  operator?: string | undefined;
  set?: string[] | undefined;
  title?: string | undefined;
}

/** A file, a library scenario id, or `library` (every library scenario). */
export function resolveScenarios(args: readonly string[]): Scenario[] {
  if (args.length === 0)
    throw new CliError(
      'give one or more SCENARIO.json files (or library scenario ids, or "library")',
    );
  let library: Scenario[] | undefined;
  const lib = (): Scenario[] => (library ??= loadScenarioLibrary());
  return args.flatMap((arg): Scenario[] => {
    if (existsSync(arg)) return [parseScenario(readJsonFile(arg), arg)];
    if (arg === 'library') return lib();
    const found = lib().find((s) => s.id === arg);
    if (found) return [found];
    throw new CliError(
      `${arg}: no such file, and not a library scenario id (${lib()
        .map((s) => s.id)
        .join(', ')}, or "library" for all)`,
    );
  });
}

const list = (text: string): string[] => text.split(',').map((s) => s.trim());

export function sweepDefinition(
  scenarioArgs: readonly string[],
  v: SweepOptionValues,
  ctx: EngineContext,
): SweepDefinition {
  if (v.hours === undefined)
    throw new CliError('--hours is required (e.g. 0-8759:24, 497,510, all)');
  const scenarios = resolveScenarios(scenarioArgs);
  const hours = parseHoursSpec(v.hours, ctx.data.profiles.demand.hours);
  let seeds: number[] | null = null;
  if (v.seeds !== undefined) {
    try {
      seeds = parseSeedsSpec(v.seeds);
    } catch (err) {
      if (err instanceof IntSpecError) throw new CliError(`--seeds: ${err.message}`);
      throw err;
    }
  }
  const topology = v.topology === undefined ? undefined : list(v.topology);
  for (const t of topology ?? [])
    if (t !== 'current' && t !== 'pre-2025')
      throw new CliError(`--topology: "${t}" is not current or pre-2025`);
  const operator = v.operator === undefined ? undefined : list(v.operator);
  for (const o of operator ?? [])
    if (o !== 'on' && o !== 'off') throw new CliError(`--operator: "${o}" is not on or off`);
  const axes = axesOf({
    ...(topology ? { topology: topology as ('current' | 'pre-2025')[] } : {}),
    ...(operator ? { operator: operator as ('on' | 'off')[] } : {}),
    set: mergeSetOptions((v.set ?? []).map(parseSetOption)),
  });
  const title =
    v.title ??
    `${scenarios.map((s) => s.id).join(', ')} at ${hours.length} hour${hours.length === 1 ? '' : 's'} (${v.hours})`;
  return { title, scenarios, hours, seeds, axes };
}
