// Computes one job: the scenario run to its end (frames are not kept, only the KPIs), reduced
// to the figures aggregates read. A failure of the engine on this input is a result (status
// failed, with the reason): the run is a pure function of its inputs, so trying again would
// fail the same way. A worker with other data or another engine version throws instead, so
// the queue hands the job to a worker that can compute it.
import { createRun, type RunKpis } from '@finest/scenario';
import type { SweepRunResult } from '@finest/protocol';
import type { EngineContext } from './engine-context.ts';
import { SweepDataMismatchError } from './errors.ts';
import type { SweepJob } from './job.ts';

export interface ExecutedJob {
  result: SweepRunResult;
  /** wall time of the run, ms (timing only) */
  runMs: number;
}

/** Throws SweepDataMismatchError when this process cannot compute the job as its key says. */
export function checkJobData(job: SweepJob, ctx: EngineContext): void {
  if (job.engineVersion !== ctx.engineVersion)
    throw new SweepDataMismatchError(
      `job ${job.key.slice(0, 12)} is for engine version ${job.engineVersion}; this worker runs ${ctx.engineVersion}`,
    );
  const net = ctx.networkHash(job.networkId);
  if (net === undefined)
    throw new SweepDataMismatchError(
      `job ${job.key.slice(0, 12)} needs network "${job.networkId}", which this worker does not have`,
    );
  if (net !== job.networkHash)
    throw new SweepDataMismatchError(
      `network "${job.networkId}" of this worker differs from the sweep's (hash ${net.slice(0, 12)}, sweep ${job.networkHash.slice(0, 12)}): use the same data/ on every worker`,
    );
  if (ctx.dataHash !== job.dataHash)
    throw new SweepDataMismatchError(
      `the profiles or city layer of this worker differ from the sweep's (hash ${ctx.dataHash.slice(0, 12)}, sweep ${job.dataHash.slice(0, 12)}): use the same data/ on every worker`,
    );
}

export function executeJob(job: SweepJob, ctx: EngineContext): ExecutedJob {
  checkJobData(job, ctx);
  const t0 = performance.now();
  const head = {
    key: job.key,
    scenarioId: job.scenarioId,
    variant: job.variant,
    hour: job.hour,
    seed: job.seed,
  };
  let kpis: RunKpis;
  let startTime: string;
  try {
    const run = createRun({
      network: ctx.data.networks.get(job.networkId)!,
      profiles: ctx.data.profiles,
      cities: ctx.data.cities,
      scenario: job.scenario,
      seed: job.seed,
    });
    startTime = run.startTime;
    while (run.step());
    kpis = run.kpis();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { result: failedResult(job, reason), runMs: performance.now() - t0 };
  }
  return { result: { ...head, ...summarise(kpis), startTime }, runMs: performance.now() - t0 };
}

/** A run without a result, and why. */
export function failedResult(
  job: Pick<SweepJob, 'key' | 'scenarioId' | 'variant' | 'hour' | 'seed'>,
  reason: string,
): SweepRunResult {
  return {
    key: job.key,
    scenarioId: job.scenarioId,
    variant: job.variant,
    hour: job.hour,
    seed: job.seed,
    status: 'failed',
    error: reason.slice(0, 500),
    startTime: '',
    energyNotServedMWh: 0,
    peakShedMW: 0,
    nadirHz: null,
    nadirArea: null,
    branchesTripped: 0,
    nonConvergedSteps: 0,
    countries: {},
    kpis: null,
  };
}

/** The figures of a run's KPIs that sweeps aggregate. */
export function summarise(
  kpis: RunKpis,
): Omit<SweepRunResult, 'key' | 'scenarioId' | 'variant' | 'hour' | 'seed' | 'startTime'> {
  const countries = Object.fromEntries(
    Object.keys(kpis.countries)
      .sort()
      .map((c) => {
        const k = kpis.countries[c]!;
        return [
          c,
          {
            energyNotServedMWh: k.energyNotServedMWh,
            peakShedMW: k.peakShedMW,
            peopleAffected: k.peopleAffected,
            icsScale: k.icsScale,
          },
        ];
      }),
  );
  let nadirHz: number | null = null;
  let nadirArea: string | null = null;
  for (const area of Object.keys(kpis.areas).sort()) {
    const hz = kpis.areas[area]!.nadirHz;
    if (nadirHz === null || hz < nadirHz) [nadirHz, nadirArea] = [hz, area];
  }
  const sum = (f: (c: (typeof countries)[string]) => number): number =>
    Object.values(countries).reduce((s, c) => s + f(c), 0);
  return {
    status: 'done',
    error: null,
    energyNotServedMWh: sum((c) => c.energyNotServedMWh),
    peakShedMW: sum((c) => c.peakShedMW),
    nadirHz,
    nadirArea,
    branchesTripped: kpis.branchesTripped.length,
    nonConvergedSteps: kpis.nonConvergedSteps,
    countries,
    kpis,
  };
}
