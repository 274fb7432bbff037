// What a run produces: frames (typed arrays, one value per element in the layout's order), the
// sequence-of-events log in plain words, and KPIs per country, city and synchronous area.
// Browser-safe: the log and KPI shapes are zod schemas so saved runs can be read back and
// compared; frames travel as binary (see @finest/protocol).
import { z } from 'zod';
import { ElementRefSchema } from './scenario.ts';

/** The element order of every frame of a run. */
export const FrameLayoutSchema = z.object({
  networkId: z.string(),
  busIds: z.array(z.string()),
  branchIds: z.array(z.string()),
  hvdcIds: z.array(z.string()),
  generatorIds: z.array(z.string()),
  /** synchronous areas with a frequency model */
  areaIds: z.array(z.string()),
});
export type FrameLayout = z.infer<typeof FrameLayoutSchema>;

/** Branch and HVDC status codes in frames. */
export const STATUS = { OUT: 0, IN: 1, TRIPPED: 2 } as const;

export interface Frame {
  /** 0, 1, 2, … in time order */
  tick: number;
  /** s from the scenario start */
  t: number;
  /** true when something happened at this frame (an event, a trip, shedding): never dropped */
  keyframe: boolean;
  /** pu */
  busVm: Float32Array;
  /** degrees */
  busVa: Float32Array;
  /** MW of demand served */
  busLoadMW: Float32Array;
  /** MW of demand shed or lost */
  busShedMW: Float32Array;
  /** MW at the from end */
  branchFlowMW: Float32Array;
  /** % of RATE_A (0 when unrated) */
  branchLoadingPct: Float32Array;
  /** STATUS codes */
  branchStatus: Uint8Array;
  /** MW, positive from → to */
  hvdcMW: Float32Array;
  hvdcStatus: Uint8Array;
  /** MW */
  generatorMW: Float32Array;
  /** Hz, per layout.areaIds */
  areaFrequencyHz: Float32Array;
}

export const LogKindSchema = z.enum([
  'trip',
  'restore',
  'protection-trip',
  'ufls',
  'island',
  'load-shed',
  'load-restored',
  'hvdc',
  'demand',
  'reserve',
  'redispatch',
  /** an action of the control-room operator (re-dispatch, disconnection, reconnection) */
  'operator',
  'derate',
  'frequency',
  'warning',
  'info',
]);

export const LogEntrySchema = z.object({
  /** s from the scenario start */
  t: z.number(),
  /** local wall-clock time HH:MM:SS (Europe/Helsinki) */
  clock: z.string(),
  kind: LogKindSchema,
  text: z.string(),
  element: ElementRefSchema.optional(),
  country: z.string().optional(),
  /** synchronous area (FrameLayout.areaIds) the entry is about */
  area: z.string().optional(),
  /** MW involved (lost, shed, restored, set) */
  MW: z.number().optional(),
  /** Hz: the frequency that set it off (a UFLS stage, an island's collapse) */
  Hz: z.number().optional(),
  /** % of the branch's rating (an overload, a protection trip) */
  loadingPct: z.number().optional(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;
export type LogKind = z.infer<typeof LogKindSchema>;

export const CountryKpisSchema = z.object({
  /** synchronous area the country's main island belongs to */
  area: z.string(),
  energyNotServedMWh: z.number(),
  peakShedMW: z.number(),
  /** peak demand of the country in the run, MW */
  peakDemandMW: z.number(),
  /** people in supply areas with load shed, at the worst moment (estimated) */
  peopleAffected: z.number(),
  branchesTripped: z.number(),
  /** s from the first shedding until all shed load is back; null when nothing was shed */
  timeToRestoreS: z.number().nullable(),
  /** false when load was still shed at the end of the run */
  restored: z.boolean(),
  frequencyNadirHz: z.number(),
  frequencyZenithHz: z.number(),
  maxRocofHzPerS: z.number(),
  /** ENTSO-E Incident Classification Scale, estimated: 0 anomaly … 3 blackout */
  icsScale: z.int().min(0).max(3),
  icsReason: z.string(),
});

export const CityKpisSchema = z.object({
  country: z.string(),
  population: z.number(),
  energyNotServedMWh: z.number(),
  peakShedMW: z.number(),
  peakPeopleAffected: z.number(),
  districtsAffected: z.array(z.string()),
});

export const AreaKpisSchema = z.object({
  nadirHz: z.number(),
  nadirAtS: z.number(),
  zenithHz: z.number(),
  maxRocofHzPerS: z.number(),
  uflsStagesTriggered: z.int(),
});

export const RunKpisSchema = z.object({
  durationS: z.number(),
  countries: z.record(z.string(), CountryKpisSchema),
  cities: z.record(z.string(), CityKpisSchema),
  areas: z.record(z.string(), AreaKpisSchema),
  /** ids in trip order */
  branchesTripped: z.array(z.string()),
  /** power flows that did not converge (DC estimate used) */
  nonConvergedSteps: z.int(),
});
export type CountryKpis = z.infer<typeof CountryKpisSchema>;
export type CityKpis = z.infer<typeof CityKpisSchema>;
export type AreaKpis = z.infer<typeof AreaKpisSchema>;
export type RunKpis = z.infer<typeof RunKpisSchema>;

/** A finished run without its frames: what compare and the store read. */
export const RunSummarySchema = z.object({
  scenarioId: z.string(),
  title: z.string(),
  networkId: z.string(),
  seed: z.int(),
  /** ISO date-time of t = 0 */
  startTime: z.string(),
  frameCount: z.int(),
  kpis: RunKpisSchema,
  log: z.array(LogEntrySchema),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;
