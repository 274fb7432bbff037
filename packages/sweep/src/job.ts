// One job of a sweep: one run of the engine. This is what travels to a worker thread or, as
// a BullMQ job's data, through Redis to a worker on another machine: the scenario as resolved
// for this hour and variant (a few kB), the seed, and the identities of the data it assumes.
// Workers parse it with this schema; nothing else about the sweep is needed to compute it.
import { z } from 'zod';
import { ScenarioSchema } from '@finest/scenario/schema';

export const SWEEP_JOB_VERSION = 1;

export const SweepJobSchema = z.object({
  v: z.literal(SWEEP_JOB_VERSION),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  scenarioId: z.string(),
  variant: z.string(),
  hour: z.int().nonnegative(),
  seed: z.int().nonnegative(),
  networkId: z.string(),
  networkHash: z.string(),
  dataHash: z.string(),
  engineVersion: z.int(),
  /** the scenario with the variant applied and start = {hour} */
  scenario: ScenarioSchema,
});
export type SweepJob = z.infer<typeof SweepJobSchema>;
