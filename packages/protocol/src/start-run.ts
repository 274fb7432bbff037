// What starts a run, the same over REST (POST /api/runs) and the WebSocket (`start`): a stored
// scenario or an inline one — exactly one of them — on an optional network, with an optional
// seed. One schema, so both doors refuse the same bodies with the same words. Strict: a
// misspelt field is refused by name, not dropped (a dropped "sead" would run another seed).
import { ScenarioSchema } from '@finest/scenario/schema';
import { z } from 'zod';

export const StartRunSchema = z
  .strictObject({
    /** a stored scenario (built-in or user) … */
    scenarioId: z.string().min(1).max(100).optional(),
    /** … or an inline one */
    scenario: ScenarioSchema.optional(),
    /** network id (default: the scenario's network) */
    networkId: z.string().min(1).max(100).optional(),
    /** overrides the scenario's options.seed */
    seed: z.int().nonnegative().optional(),
  })
  .refine((b) => (b.scenarioId === undefined) !== (b.scenario === undefined), {
    message: 'give exactly one of scenarioId or scenario',
  });
export type StartRun = z.infer<typeof StartRunSchema>;

/** The WebSocket `start` message: a StartRun with its type and whether to play at once. */
export const StartMessageSchema = StartRunSchema.safeExtend({
  type: z.literal('start'),
  /** play at once (default true) */
  autoplay: z.boolean().optional(),
});
