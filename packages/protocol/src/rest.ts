// The REST contract of the server (apps/server), shared with the web app: request bodies,
// query strings and response shapes as zod schemas. The server validates requests and builds
// its OpenAPI description (/openapi.json) from these same schemas.
// Browser-safe: zod and @finest/scenario/schema only (network JSON is typed loosely here, the
// server documents it with @finest/grid's NetworkSchema).
import { z } from 'zod';
import {
  LogEntrySchema,
  RunKpisSchema,
  ScenarioEventSchema,
  ScenarioSchema,
} from '@finest/scenario/schema';
import { RunInfoSchema, RunStatusSchema } from './messages.ts';

/** Ids in URLs: letters, digits, '-' and '_' only, so no id can ever name a path. */
export const IdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
});

// ── errors ─────────────────────────────────────────────────────────────────────────────────
export const ApiIssueSchema = z.object({
  /** where the bad value sits, e.g. "body.events.0.at" */
  path: z.string(),
  message: z.string(),
});
export type ApiIssue = z.infer<typeof ApiIssueSchema>;

/** Every 4xx/5xx body. `code` is stable (FINEST_…); never a stack trace or a server path. */
export const ApiErrorSchema = z.object({
  statusCode: z.int(),
  code: z.string(),
  error: z.string(),
  message: z.string(),
  issues: z.array(ApiIssueSchema).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

// ── health ─────────────────────────────────────────────────────────────────────────────────
export const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  protocolVersion: z.int(),
  /** s since the server started */
  uptimeS: z.number(),
  /** true when POST/PUT/DELETE and WS start/branch need `Authorization: Bearer <token>` */
  writesNeedToken: z.boolean(),
  /** runs being computed or waiting */
  activeRuns: z.int(),
  /** open WebSocket connections */
  viewers: z.int(),
  /** runs being played back to at least one viewer, or kept a while after the last left */
  playbacks: z.int(),
  /** the server process's resident memory and JavaScript heap, MB */
  memoryMB: z.object({ rss: z.number(), heapUsed: z.number() }),
});
export type Health = z.infer<typeof HealthSchema>;

// ── networks ───────────────────────────────────────────────────────────────────────────────
export const NetworkSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  /** bundled with the twin (read-only) or uploaded */
  builtIn: z.boolean(),
  buses: z.int(),
  branches: z.int(),
  generators: z.int(),
  hvdcLinks: z.int(),
  /** ISO 3166 alpha-2 codes present */
  countries: z.array(z.string()),
  /** true when every bus has lon/lat (drawable on the map) */
  hasGeometry: z.boolean(),
  /** ISO date-time of the upload */
  createdAt: z.string().optional(),
});
export type NetworkSummary = z.infer<typeof NetworkSummarySchema>;

export const NetworkListSchema = z.object({ networks: z.array(NetworkSummarySchema) });

/** POST /api/networks as JSON; a text/plain body is the MATPOWER text itself. */
export const NetworkUploadSchema = z.object({
  /** display name, also the base of the new id */
  name: z.string().min(1).max(100),
  /** MATPOWER case file (.m) text */
  text: z.string().min(1),
});
export type NetworkUpload = z.infer<typeof NetworkUploadSchema>;

export const NetworkUploadQuerySchema = z.object({
  /** name for a text/plain upload (default "uploaded") */
  name: z.string().min(1).max(100).optional(),
});

// ── geo ────────────────────────────────────────────────────────────────────────────────────
export const GEO_LAYERS = [
  'land',
  'coastline',
  'borders',
  'countries',
  'helsinki-districts',
  'tallinn-districts',
  // the twin city: real buildings (OSM, City of Helsinki LOD2) and the modelled fabric
  'helsinki-buildings',
  'city-fabric',
] as const;
export const GeoLayerNameSchema = z.enum(GEO_LAYERS);
export type GeoLayerName = z.infer<typeof GeoLayerNameSchema>;

export const GeoLayerListSchema = z.object({
  layers: z.array(z.object({ id: GeoLayerNameSchema, title: z.string(), bytes: z.int() })),
});

/** A GeoJSON FeatureCollection (features are passed through as stored). */
export const GeoJsonSchema = z.looseObject({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()),
});

// ── scenarios ──────────────────────────────────────────────────────────────────────────────
export const ScenarioSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  network: z.string(),
  /** s */
  durationS: z.number(),
  events: z.int(),
  /** from the bundled library (read-only; duplicate it to edit) */
  builtIn: z.boolean(),
  /** ISO date-time of the last save (user scenarios) */
  updatedAt: z.string().optional(),
});
export type ScenarioSummary = z.infer<typeof ScenarioSummarySchema>;

export const ScenarioListSchema = z.object({ scenarios: z.array(ScenarioSummarySchema) });

export const ScenarioEnvelopeSchema = z.object({
  scenario: ScenarioSchema,
  builtIn: z.boolean(),
  updatedAt: z.string().optional(),
});
export type ScenarioEnvelope = z.infer<typeof ScenarioEnvelopeSchema>;

/** optional: a POST without a body copies with the default id and title */
export const DuplicateScenarioSchema = z
  .object({
    /** id of the copy (default: "<id>-copy", numbered when taken) */
    id: ScenarioSchema.shape.id.optional(),
    title: z.string().min(1).max(200).optional(),
  })
  .nullish();

// ── runs ───────────────────────────────────────────────────────────────────────────────────
export const RunKindSchema = z.enum(['scenario', 'n1']);
export type RunKind = z.infer<typeof RunKindSchema>;

// StartRunSchema (POST /api/runs) lives in start-run.ts: the WebSocket `start` shares it.

/** Strict, as every request body: a misspelt field is refused by name, not dropped. */
export const BranchRunSchema = z.strictObject({
  /** s from the parent's start; the what-if equals the parent before it */
  atS: z.number().nonnegative(),
  events: z.array(ScenarioEventSchema).min(1).max(1000),
});
export type BranchRun = z.infer<typeof BranchRunSchema>;

export const RunCreatedSchema = z.object({ run: RunInfoSchema });

export const RunListItemSchema = RunInfoSchema.omit({ layout: true }).extend({
  kind: RunKindSchema,
  /** 0 … 1 computed */
  progress: z.number(),
  /** frames stored */
  ticks: z.int(),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
});
export type RunListItem = z.infer<typeof RunListItemSchema>;

export const RunListSchema = z.object({ runs: z.array(RunListItemSchema) });

/** One line of an N-1 table; branches by id. */
export const N1PairSchema = z.object({
  outage: z.string(),
  monitored: z.string(),
  /** MW after the outage, at the from end */
  postFlowMW: z.number(),
  /** % of RATE_A */
  loadingPct: z.number(),
});

/** DC N-1 screening of a network (as `finest n1 --json` reports it, branches by id). */
export const N1ResultSchema = z.object({
  networkId: z.string(),
  baseConverged: z.boolean(),
  branchesInService: z.int(),
  contingencies: z.int(),
  /** outages that split an island, reported apart */
  bridges: z.array(z.string()),
  monitored: z.int(),
  baseOverloads: z.int(),
  overloadedPairs: z.int(),
  overloadedPairsNotOverloadedInBase: z.int(),
  top: z.array(N1PairSchema),
  /** the outages with the worst post-outage loading first */
  worstOutages: z.array(
    z.object({ outage: z.string(), maxLoadingPct: z.number(), overloads: z.int() }),
  ),
  /** ms */
  solveMs: z.number(),
});
export type N1Result = z.infer<typeof N1ResultSchema>;

export const RunDetailsSchema = z.object({
  run: RunInfoSchema,
  kind: RunKindSchema,
  status: RunStatusSchema,
  progress: z.number(),
  ticks: z.int(),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  /** KPIs so far (final when status is done); null before the first frame and for N-1 */
  kpis: RunKpisSchema.nullable(),
  /** why a run failed */
  error: z.string().optional(),
  /** results of an N-1 run */
  n1: N1ResultSchema.optional(),
});
export type RunDetails = z.infer<typeof RunDetailsSchema>;

export const RunLogSchema = z.object({ runId: z.string(), entries: z.array(LogEntrySchema) });

export const FramesQuerySchema = z.object({
  /** first tick, inclusive */
  from: z.coerce.number().int().nonnegative().optional(),
  /** last tick, inclusive */
  to: z.coerce.number().int().nonnegative().optional(),
  /** binary (default): per frame a u32 little-endian byte length then the frame bytes */
  format: z.enum(['binary', 'json']).optional(),
});

/** A frame as JSON (?format=json and export.json): the typed arrays as number arrays. */
export const FrameJsonSchema = z.object({
  tick: z.int(),
  /** s */
  t: z.number(),
  keyframe: z.boolean(),
  busVm: z.array(z.number()),
  busVa: z.array(z.number()),
  busLoadMW: z.array(z.number()),
  busShedMW: z.array(z.number()),
  branchFlowMW: z.array(z.number()),
  branchLoadingPct: z.array(z.number()),
  branchStatus: z.array(z.int()),
  hvdcMW: z.array(z.number()),
  hvdcStatus: z.array(z.int()),
  generatorMW: z.array(z.number()),
  areaFrequencyHz: z.array(z.number()),
});
export type FrameJson = z.infer<typeof FrameJsonSchema>;

export const FramesJsonSchema = z.object({ runId: z.string(), frames: z.array(FrameJsonSchema) });

export const RunExportSchema = z.object({
  run: RunInfoSchema,
  scenario: ScenarioSchema,
  kpis: RunKpisSchema.nullable(),
  log: z.array(LogEntrySchema),
  frames: z.array(FrameJsonSchema),
});

export const CompareQuerySchema = z.object({
  a: IdParamSchema.shape.id,
  b: IdParamSchema.shape.id,
});

/** b − a of one KPI; null where a run has no value */
export const KpiDifferenceSchema = z.object({
  a: z.number().nullable(),
  b: z.number().nullable(),
  diff: z.number().nullable(),
});

const RunHeadSchema = z.object({ scenarioId: z.string(), title: z.string(), seed: z.int() });

/** As compareRuns (@finest/scenario) computes it. */
export const RunComparisonSchema = z.object({
  a: RunHeadSchema,
  b: RunHeadSchema,
  /** per country, per KPI */
  countries: z.record(z.string(), z.record(z.string(), KpiDifferenceSchema)),
  /** per city, per KPI */
  cities: z.record(z.string(), z.record(z.string(), KpiDifferenceSchema)),
  branchesTrippedOnlyInA: z.array(z.string()),
  branchesTrippedOnlyInB: z.array(z.string()),
});

export const CompareResponseSchema = z.object({
  a: RunListItemSchema,
  b: RunListItemSchema,
  comparison: RunComparisonSchema,
});
export type CompareResponse = z.infer<typeof CompareResponseSchema>;

export const NetworkCreatedSchema = z.object({
  network: NetworkSummarySchema,
  /** findings of the network checker (the network was stored anyway) */
  warnings: z.array(ApiIssueSchema),
});
