// Planning a sweep: every (scenario, variant) resolved and checked against the network, every
// (hour, seed) given its job key — all before anything is computed or enqueued, so a bad sweep
// is refused whole with a message naming what is wrong. The plan keeps one resolved scenario
// per (scenario, variant) and builds each job's payload only when it is handed out, so a
// sweep of 79,000 runs holds 79,000 keys, not 79,000 scenarios.
import { z } from 'zod';
import { parseScenario, ScenarioValidationError, createRun, type Scenario } from '@finest/scenario';
import { ScenarioSchema } from '@finest/scenario/schema';
import type { SweepHead } from '@finest/protocol';
import { variantsOf, type Axis, type JsonValue, type Variant } from './axes.ts';
import { sha256 } from './canonical.ts';
import type { EngineContext } from './engine-context.ts';
import { SweepSpecError } from './errors.ts';
import { SWEEP_JOB_VERSION, type SweepJob } from './job.ts';
import { jobKey, scenarioDigest } from './job-key.ts';
import { droppedPart, setAtPath } from './set-path.ts';

const JsonSchema = z.json() as z.ZodType<JsonValue>;

/** A sweep as stored: enough to plan it again (resume after a restart). */
export const SweepDefinitionSchema = z.object({
  title: z.string(),
  scenarios: z.array(ScenarioSchema).min(1),
  hours: z.array(z.int().nonnegative()).min(1),
  /** null: each scenario's own options.seed */
  seeds: z.array(z.int().nonnegative()).min(1).nullable(),
  axes: z.array(
    z.object({
      name: z.string(),
      path: z.string(),
      values: z.array(z.object({ label: z.string(), value: JsonSchema })).min(1),
    }),
  ),
});
export type SweepDefinition = z.infer<typeof SweepDefinitionSchema>;

/** One scenario in one variant, resolved. */
export interface PlannedCell {
  scenarioIndex: number;
  variant: Variant;
  scenario: Scenario;
  networkId: string;
  networkHash: string;
  digest: string;
  /** the seeds its jobs use */
  seeds: number[];
}

/** A job of the plan without its payload. */
export interface PlannedJob {
  /** position in the plan (scenario, then variant, then hour, then seed) */
  seq: number;
  key: string;
  cell: number;
  hour: number;
  seed: number;
}

export interface SweepPlan {
  id: string;
  definition: SweepDefinition;
  head: SweepHead;
  cells: PlannedCell[];
  jobs: PlannedJob[];
  /** ISO date-time of profile hour 0 */
  profileStart: string;
  dataHash: string;
  /** the payload a worker receives */
  payload(job: PlannedJob): SweepJob;
}

/** Most jobs one sweep may hold (79,000 runs is the whole library over the year). */
export const MAX_JOBS = 1_000_000;

/** Plans a sweep; the engine must be prepared (bundledEngineContext does it). */
export function planSweep(def: SweepDefinition, ctx: EngineContext): SweepPlan {
  const hoursInYear = ctx.data.profiles.demand.hours;
  def.hours.forEach((h, k) => {
    if (h >= hoursInYear)
      throw new SweepSpecError(
        `hours.${k}`,
        `hour ${h} is outside the profile (0–${hoursInYear - 1})`,
      );
  });
  const ids = def.scenarios.map((s) => s.id);
  const dupId = ids.find((x, i) => ids.indexOf(x) !== i);
  if (dupId !== undefined)
    throw new SweepSpecError('scenarios', `scenario "${dupId}" is given twice`);
  const variants = variantsOf(def.axes as Axis[]);
  const perCell = def.hours.length * (def.seeds?.length ?? 1);
  const total = def.scenarios.length * variants.length * perCell;
  if (total > MAX_JOBS)
    throw new SweepSpecError(
      '',
      `the sweep has ${total.toLocaleString('en-GB')} runs; at most ${MAX_JOBS.toLocaleString('en-GB')} in one sweep`,
    );

  const cells: PlannedCell[] = [];
  def.scenarios.forEach((base, si) => {
    for (const variant of variants) cells.push(resolveCell(base, si, variant, def, ctx));
  });

  const jobs: PlannedJob[] = [];
  cells.forEach((cell, c) => {
    for (const hour of def.hours)
      for (const seed of cell.seeds)
        jobs.push({
          seq: jobs.length,
          cell: c,
          hour,
          seed,
          key: jobKey({
            networkHash: cell.networkHash,
            dataHash: ctx.dataHash,
            scenarioDigest: cell.digest,
            hour,
            seed,
            variant: cell.variant.values,
            engineVersion: ctx.engineVersion,
          }),
        });
  });
  const id = `sw-${sha256(jobs.map((j) => j.key).join('\n')).slice(0, 24)}`;
  const head: SweepHead = {
    id,
    title: def.title,
    scenarios: def.scenarios.map((s) => ({ id: s.id, title: s.title })),
    hours: [...def.hours],
    seeds: def.seeds ? [...def.seeds] : null,
    variants: variants.map((v) => ({ label: v.label, values: v.values })),
    jobs: jobs.length,
    engineVersion: ctx.engineVersion,
  };
  const dataHash = ctx.dataHash;
  return {
    id,
    definition: def,
    head,
    cells,
    jobs,
    profileStart: ctx.data.profiles.demand.start,
    dataHash,
    payload(job) {
      const cell = cells[job.cell]!;
      return {
        v: SWEEP_JOB_VERSION,
        key: job.key,
        scenarioId: cell.scenario.id,
        variant: cell.variant.label,
        hour: job.hour,
        seed: job.seed,
        networkId: cell.networkId,
        networkHash: cell.networkHash,
        dataHash,
        engineVersion: ctx.engineVersion,
        scenario: { ...cell.scenario, start: { hour: job.hour } },
      };
    },
  };
}

function resolveCell(
  base: Scenario,
  scenarioIndex: number,
  variant: Variant,
  def: SweepDefinition,
  ctx: EngineContext,
): PlannedCell {
  const where = `scenario "${base.id}"${variant.assignments.length ? ` (${variant.label})` : ''}`;
  let raw: unknown = base;
  for (const { path, value } of variant.assignments) {
    try {
      raw = setAtPath(raw, path, value);
    } catch (err) {
      throw new SweepSpecError(`set`, `${where}: cannot set ${path}: ${(err as Error).message}`);
    }
  }
  let scenario: Scenario;
  try {
    scenario = parseScenario(raw, where);
  } catch (err) {
    if (err instanceof ScenarioValidationError)
      throw new SweepSpecError(`scenarios.${scenarioIndex}`, err.message);
    throw err;
  }
  for (const { path, value } of variant.assignments) {
    const dropped = droppedPart(scenario, path, value);
    if (dropped !== null)
      throw new SweepSpecError(
        'set',
        `${where}: ${dropped === path ? path : `${dropped} (in ${path})`} is not a field of a scenario`,
      );
  }
  const networkHash = ctx.networkHash(scenario.network);
  if (networkHash === undefined)
    throw new SweepSpecError(
      `scenarios.${scenarioIndex}`,
      `${where} names network "${scenario.network}", which is not available (${[...ctx.data.networks.keys()].join(', ')})`,
    );
  // the engine's own checks (elements named by events exist, …) at the first hour, so a
  // variant that breaks the scenario is refused now rather than failing every run
  try {
    createRun({
      network: ctx.data.networks.get(scenario.network)!,
      profiles: ctx.data.profiles,
      cities: ctx.data.cities,
      scenario: { ...scenario, start: { hour: def.hours[0]! } },
    });
  } catch (err) {
    throw new SweepSpecError(
      `scenarios.${scenarioIndex}`,
      `${where} cannot be run: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return {
    scenarioIndex,
    variant,
    scenario,
    networkId: scenario.network,
    networkHash,
    digest: scenarioDigest(scenario as unknown as Record<string, unknown>),
    seeds: def.seeds ?? [scenario.options.seed],
  };
}
