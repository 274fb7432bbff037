// Reading what `finest run` and `finest compare` are given: a scenario file (validated, with the
// path of every bad field) run on the bundled network it names or on --network FILE, or a run
// saved by `finest run --json`.
import { readFileSync } from 'node:fs';
import {
  loadBundledData,
  parseScenario,
  RunSummarySchema,
  createRun,
  type BundledData,
  type Frame,
  type FrameLayout,
  type LogEntry,
  type RunSummary,
  type Scenario,
} from '@finest/scenario';
import { CliError } from '../cli-error.ts';
import { loadCase } from '../load-case.ts';
import { createProgressBar } from '../progress.ts';

let bundled: BundledData | undefined;
const bundledData = (): BundledData => (bundled ??= loadBundledData());

export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError(`${path}: not valid JSON: ${(err as Error).message}`);
  }
}

export interface RunOptions {
  seed?: number;
  networkPath?: string;
  onStart?: (layout: FrameLayout) => void;
  onStep?: (frame: Frame, log: LogEntry[]) => void;
}

export async function runScenarioFile(
  scenario: Scenario,
  options: RunOptions,
): Promise<{ summary: RunSummary; frames: Frame[] }> {
  const data = bundledData();
  const network = options.networkPath
    ? (await loadCase(options.networkPath)).network
    : data.networks.get(scenario.network);
  if (!network)
    throw new CliError(
      `scenario names network "${scenario.network}", which is not bundled (${[...data.networks.keys()].join(', ')}); give --network FILE`,
    );
  const bar = createProgressBar(`run ${scenario.id}`);
  const run = createRun({
    network,
    profiles: data.profiles,
    cities: data.cities,
    scenario,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  options.onStart?.(run.layout);
  const frames: Frame[] = [];
  for (let r = run.step(); r; r = run.step()) {
    frames.push(r.frame);
    bar.update(Math.round(r.frame.t), Math.round(scenario.durationS));
    options.onStep?.(r.frame, r.log);
  }
  bar.done();
  return { summary: run.summary(), frames };
}

/**
 * A saved run as is, or a scenario run now (with `withoutOperator`, the same scenario with the
 * operator switched off).
 */
export async function summaryFromFile(
  path: string,
  options: RunOptions & { withoutOperator?: boolean },
): Promise<RunSummary> {
  const json = readJsonFile(path);
  const saved = RunSummarySchema.safeParse(json);
  if (saved.success) {
    if (options.withoutOperator)
      throw new CliError(`${path} is a saved run: --without-operator needs a scenario file`);
    return saved.data;
  }
  const scenario = parseScenario(json, path);
  if (options.withoutOperator) {
    scenario.options = {
      ...scenario.options,
      operator: { ...scenario.options.operator, enabled: false },
    };
    scenario.title = `${scenario.title} — without the operator`;
  }
  return (await runScenarioFile(scenario, options)).summary;
}
