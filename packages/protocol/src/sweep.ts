// Sweeps: one incident scenario (or several) run at many hours of the profile year, with seeds
// and variants, and what is learnt from all the runs together. These shapes are shared by the
// sweep engine (@finest/sweep), the CLI (`finest sweep --json`), the server (/api/sweeps and
// the WebSocket) and the web app's sweep view. Browser-safe: zod and the scenario schema only.
import { z } from 'zod';
import { RunKpisSchema } from '@finest/scenario/schema';

const id = z.string().min(1).max(100);

// ── the request ────────────────────────────────────────────────────────────────────────────
// Request bodies are strict: a misspelt field ("axes" for "set") is refused by name, not
// dropped, which would run a different sweep than the one asked for.

/** A variant axis of one scenario field: every value is tried (a cartesian product of axes). */
export const SweepAxisSpecSchema = z.strictObject({
  /** dotted path in the scenario file, e.g. options.protection.delayAt120PctS */
  path: z.string().min(1).max(200),
  /** the values, as JSON (numbers, booleans, strings, objects) */
  values: z.array(z.json()).min(1).max(50),
});
export type SweepAxisSpec = z.infer<typeof SweepAxisSpecSchema>;

/** POST /api/sweeps: what to sweep. Hours and seeds take the CLI's list/range syntax too. */
export const SweepSpecSchema = z.strictObject({
  /** stored or built-in scenario ids */
  scenarioIds: z.array(id).min(1).max(50),
  /** hours of the profile year: "0-8759:24", "497,510", "all", or a list */
  hours: z.union([z.string().min(1).max(2000), z.array(z.int().nonnegative()).min(1).max(8784)]),
  /** seeds: "1-10", "1,2,3" or a list; default each scenario's own options.seed */
  seeds: z
    .union([z.string().min(1).max(2000), z.array(z.int().nonnegative()).min(1).max(10_000)])
    .optional(),
  /** synchronous arrangements to try; default each scenario's own */
  topology: z
    .array(z.enum(['current', 'pre-2025']))
    .min(1)
    .max(2)
    .optional(),
  /** the control-room operator on and/or off (options.operator.enabled); default as written */
  operator: z
    .array(z.enum(['on', 'off']))
    .min(1)
    .max(2)
    .optional(),
  /** further variant axes on any scenario field */
  set: z.array(SweepAxisSpecSchema).max(8).optional(),
  title: z.string().min(1).max(200).optional(),
});
export type SweepSpec = z.infer<typeof SweepSpecSchema>;

// ── one run's result ───────────────────────────────────────────────────────────────────────
export const SweepCountryResultSchema = z.object({
  energyNotServedMWh: z.number(),
  peakShedMW: z.number(),
  peopleAffected: z.number(),
  icsScale: z.int(),
});

/** The KPIs of one run of a sweep that aggregates read, plus the full KPIs. */
export const SweepRunResultSchema = z.object({
  /** the job key: a hash of (network, data, scenario, hour, seed, variant, engine version) */
  key: z.string().regex(/^[0-9a-f]{64}$/),
  scenarioId: z.string(),
  /** the variant's label, e.g. "topology=current, operator=off" ("as written": no axis) */
  variant: z.string(),
  hour: z.int().nonnegative(),
  seed: z.int().nonnegative(),
  status: z.enum(['done', 'failed']),
  /** why the run failed */
  error: z.string().nullable(),
  /** ISO date-time of t = 0 */
  startTime: z.string(),
  /** MWh, summed over the countries */
  energyNotServedMWh: z.number(),
  /** MW, the sum of the countries' peaks (they need not coincide) */
  peakShedMW: z.number(),
  /** Hz, the lowest of any synchronous area; null when the run failed */
  nadirHz: z.number().nullable(),
  nadirArea: z.string().nullable(),
  branchesTripped: z.int(),
  nonConvergedSteps: z.int(),
  countries: z.record(z.string(), SweepCountryResultSchema),
  kpis: RunKpisSchema.nullable(),
});
export type SweepRunResult = z.infer<typeof SweepRunResultSchema>;

/** A run without its full KPIs (result lists, the heatmap). */
export const SweepRunRowSchema = SweepRunResultSchema.omit({ kpis: true });
export type SweepRunRow = z.infer<typeof SweepRunRowSchema>;

// ── aggregates ─────────────────────────────────────────────────────────────────────────────
export const DistributionSchema = z.object({
  /** the mean over the runs that finished */
  expected: z.number(),
  p50: z.number(),
  p95: z.number(),
  max: z.number(),
});

export const SweepWorstRunSchema = z.object({
  hour: z.int(),
  /** ISO date-time of the hour in the profile year */
  time: z.string(),
  seed: z.int(),
  energyNotServedMWh: z.number(),
  peakShedMW: z.number(),
  nadirHz: z.number().nullable(),
  key: z.string(),
});

/** Everything learnt about one scenario in one variant. */
export const SweepGroupSchema = z.object({
  scenarioId: z.string(),
  title: z.string(),
  variant: z.string(),
  /** the values of the variant axes, by axis name */
  variantValues: z.record(z.string(), z.json()),
  runs: z.int(),
  done: z.int(),
  failed: z.int(),
  /** distinct failure reasons with their count and first hours */
  failures: z.array(z.object({ reason: z.string(), count: z.int(), hours: z.array(z.int()) })),
  energyNotServedMWh: DistributionSchema.nullable(),
  energyNotServedByCountryMWh: z.record(z.string(), DistributionSchema),
  hours: z.int(),
  /** hours where any run (any seed) shed load */
  hoursWithShedding: z.int(),
  shareOfHoursWithShedding: z.number(),
  peakShedMW: z.object({ max: z.number(), hour: z.int().nullable(), seed: z.int().nullable() }),
  peakShedByCountryMW: z.record(z.string(), z.number()),
  worstNadir: z
    .object({ hz: z.number(), area: z.string(), hour: z.int(), seed: z.int() })
    .nullable(),
  /** the ten worst runs: most energy not served, then peak shed, then lowest nadir */
  worstHours: z.array(SweepWorstRunSchema),
});
export type SweepGroup = z.infer<typeof SweepGroupSchema>;

export const SweepVariantSchema = z.object({
  label: z.string(),
  values: z.record(z.string(), z.json()),
});

/** What a sweep asked for, once resolved (ids, counts): the identity of its aggregate. */
export const SweepHeadSchema = z.object({
  /** a hash of the sweep's job keys: the same sweep has the same id everywhere */
  id: z.string(),
  title: z.string(),
  scenarios: z.array(z.object({ id: z.string(), title: z.string() })),
  hours: z.array(z.int()),
  /** null: each scenario's own seed */
  seeds: z.array(z.int()).nullable(),
  variants: z.array(SweepVariantSchema),
  jobs: z.int(),
  engineVersion: z.int(),
});
export type SweepHead = z.infer<typeof SweepHeadSchema>;

/** How one invocation ran: differs between runs of the same sweep, never part of its result. */
export const SweepTimingSchema = z.object({
  mode: z.enum(['in-process', 'redis']),
  /** worker threads of this process (redis: local ones; others may have joined) */
  workers: z.int(),
  /** runs computed by this invocation */
  computed: z.int(),
  /** runs found done in the store (an earlier or interrupted invocation) */
  reused: z.int(),
  /** jobs handed out again after a worker died or Redis lost them */
  retried: z.int(),
  wallMs: z.number(),
  runsPerS: z.number(),
});
export type SweepTiming = z.infer<typeof SweepTimingSchema>;

/** `finest sweep --json` and GET /api/sweeps/:id/aggregate. */
export const SweepResultSchema = z.object({
  sweep: SweepHeadSchema,
  complete: z.boolean(),
  aggregates: z.array(SweepGroupSchema),
  timing: SweepTimingSchema.optional(),
});
export type SweepResult = z.infer<typeof SweepResultSchema>;

// ── the server's view ──────────────────────────────────────────────────────────────────────
export const SweepStatusSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

export const SweepInfoSchema = z.object({
  id,
  title: z.string(),
  status: SweepStatusSchema,
  mode: z.enum(['in-process', 'redis']),
  jobs: z.int(),
  /** runs with a result (done or failed) */
  finished: z.int(),
  failed: z.int(),
  /** runs per second lately; 0 when idle */
  rate: z.number(),
  /** s left at that rate; null when unknown */
  etaS: z.number().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
});
export type SweepInfo = z.infer<typeof SweepInfoSchema>;

export const SweepListSchema = z.object({ sweeps: z.array(SweepInfoSchema) });

export const SweepDetailsSchema = z.object({
  info: SweepInfoSchema,
  sweep: SweepHeadSchema,
});

export const SweepCreatedSchema = z.object({ sweep: SweepInfoSchema });

export const SweepRunsSchema = z.object({
  sweepId: z.string(),
  /** profile hour 0 as an ISO date-time (hour h starts h hours later) */
  profileStart: z.string(),
  runs: z.array(SweepRunRowSchema),
});

export const SweepRunParamsSchema = z.object({
  id,
  key: SweepRunResultSchema.shape.key,
});

/** GET /api/sweeps/:id/export.json: the sweep, its aggregate and every run (without KPIs). */
export const SweepExportSchema = z.object({
  info: SweepInfoSchema,
  result: SweepResultSchema,
  profileStart: z.string(),
  runs: z.array(SweepRunRowSchema),
});
