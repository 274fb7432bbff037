// The incident scenario file (data/scenarios/*.json and user scenarios), version 1: metadata,
// the network and hour it starts from, a timeline of events in seconds, and engine options.
// Browser-safe (zod only): the server, the CLI and the web editor validate with this schema.
import { z } from 'zod';

const id = z.string().min(1).max(120);
/** s from the scenario start */
const at = z.number().finite().nonnegative();

export const ElementRefSchema = z.object({
  kind: z.enum(['branch', 'hvdc', 'generator', 'substation']),
  /** element id in the network (a substation is a bus id) */
  id,
});

const cause = z.string().max(500).optional();

export const TripEventSchema = z.object({
  type: z.literal('trip'),
  at,
  element: ElementRefSchema,
  /** plain words for the event log, e.g. "anchor drag" */
  cause,
});

export const RestoreEventSchema = z.object({
  type: z.literal('restore'),
  at,
  element: ElementRefSchema,
  cause,
});

export const DerateEventSchema = z.object({
  type: z.literal('derate'),
  at,
  generator: id,
  /** MW, the unit's new maximum output (0 … its rated Pmax) */
  PmaxMW: z.number().finite().nonnegative(),
  cause,
});

export const SetHvdcEventSchema = z.object({
  type: z.literal('set-hvdc'),
  at,
  link: id,
  /** MW, positive in the link's from → to direction */
  MW: z.number().finite(),
  cause,
});

export const DemandScopeSchema = z
  .object({
    /** ISO 3166 alpha-2, e.g. FI */
    country: z.string().length(2).optional(),
    /** synchronous area id, e.g. nordic */
    area: id.optional(),
  })
  .refine((s) => (s.country === undefined) !== (s.area === undefined), {
    message: 'name exactly one of country or area',
  });

export const ScaleDemandEventSchema = z
  .object({
    type: z.literal('scale-demand'),
    at,
    scope: DemandScopeSchema,
    /** multiplier on the profile demand, e.g. 1.1 */
    factor: z.number().finite().positive().max(10).optional(),
    /** °C relative to the profile day; demand changes by the scope's temperature sensitivity */
    temperatureDeltaC: z.number().finite().min(-60).max(60).optional(),
    cause,
  })
  .refine((e) => (e.factor === undefined) !== (e.temperatureDeltaC === undefined), {
    message: 'give exactly one of factor or temperatureDeltaC',
  });

export const ActivateReserveEventSchema = z.object({
  type: z.literal('activate-reserve'),
  at,
  /** bus id where the reserve plant feeds in */
  bus: id,
  /** MW made available */
  MW: z.number().finite().positive(),
  /** s to reach full output (0 = at once) */
  rampS: z.number().finite().nonnegative().default(0),
  /** e.g. "Kiisa emergency reserve" */
  name: z.string().min(1).max(200),
  cause,
});

export const RedispatchEventSchema = z.object({
  type: z.literal('redispatch'),
  at,
  generator: id,
  /** MW, the unit's new scheduled output */
  MW: z.number().finite().nonnegative(),
  cause,
});

export const ScenarioEventSchema = z.discriminatedUnion('type', [
  TripEventSchema,
  RestoreEventSchema,
  DerateEventSchema,
  SetHvdcEventSchema,
  ScaleDemandEventSchema,
  ActivateReserveEventSchema,
  RedispatchEventSchema,
]);

/** Per-area overrides of the frequency model (see engine/frequency-defaults.ts). */
export const AreaFrequencyOptionsSchema = z.object({
  /** GWs, kinetic energy of the whole synchronous area */
  kineticEnergyGWs: z.number().positive().optional(),
  /** MW, load of the whole synchronous area (sets load damping and UFLS volumes) */
  areaLoadMW: z.number().positive().optional(),
  /** % of load per Hz */
  loadDampingPctPerHz: z.number().nonnegative().optional(),
  /** MW of frequency containment reserve for disturbances, upward */
  fcrUpMW: z.number().nonnegative().optional(),
  /** MW, downward */
  fcrDownMW: z.number().nonnegative().optional(),
  /** s, time constant of automatic frequency restoration (aFRR) */
  restorationTimeS: z.number().positive().optional(),
  /** MW of fast frequency reserve (Nordic FFR); default: what the hour's inertia needs */
  ffrMW: z.number().nonnegative().optional(),
});

export const UflsStageSchema = z.object({
  /** Hz */
  frequencyHz: z.number().min(45).max(50),
  /** % of the area's load shed at this stage */
  shedPct: z.number().positive().max(100),
});

export const ScenarioOptionsSchema = z.object({
  /** seeds the relay tolerances; a run is a pure function of (network, scenario, seed) */
  seed: z.int().nonnegative().default(1),
  protection: z
    .object({
      enabled: z.boolean().default(true),
      /** s at 120 % loading; the thermal model scales it (see engine/protection.ts) */
      delayAt120PctS: z.number().positive().default(600),
      /** % loading above which a branch trips after instantaneousDelayS */
      instantaneousPct: z.number().min(100).default(200),
      /** s */
      instantaneousDelayS: z.number().nonnegative().default(0.5),
      /** ± % random scatter of relay delays, drawn from the seed */
      delayJitterPct: z.number().min(0).max(50).default(5),
      /**
       * A branch already over its rating in the starting snapshot (a data limitation) is
       * protected at its starting flow instead of tripping at once.
       */
      tolerateBaseOverloads: z.boolean().default(true),
    })
    .prefault({}),
  /** under-frequency load shedding stages per synchronous area id (defaults per area) */
  ufls: z.record(z.string(), z.array(UflsStageSchema)).optional(),
  frequency: z.record(z.string(), AreaFrequencyOptionsSchema).optional(),
  /** s after frequency is back in the normal band before shed load is restored */
  restoreDelayS: z.number().nonnegative().default(900),
  /**
   * The control-room operator: after each sudden change and a delay it re-dispatches units
   * with the DC OPF to relieve overloads before relays act (shedding last, at the value of lost
   * load), then reconnects shed load step by step. Off: nobody acts (compare runs with and
   * without). Defaults and their sources in engine/operator-defaults.ts.
   */
  operator: z
    .object({
      enabled: z.boolean().default(true),
      /** s from a sudden change to the operator's first re-dispatch */
      delayS: z.number().nonnegative().max(86_400).optional(),
      /** s between the operator's reviews while the system is not back to normal */
      reviewS: z.number().positive().max(86_400).optional(),
      /** €/MWh, value of lost load per country (shedding's cost in the re-dispatch) */
      valueOfLostLoadEurPerMWh: z.record(z.string(), z.number().positive()).optional(),
    })
    .prefault({}),
  /** MW per °C of temperature fall, per country (FI default from Fingrid, A37) */
  temperatureSensitivityMWPerC: z.record(z.string(), z.number().nonnegative()).optional(),
});

export const ScenarioSourceSchema = z.object({
  title: z.string().min(1),
  url: z.url().optional(),
  /** row id in ../shared/data/fi-ee-incidents/incidents.csv or power-system-facts/facts.csv */
  ref: z.string().optional(),
});

export const ScenarioStartSchema = z.union([
  z.object({ /** hour of the profile year, 0 … 8759 */ hour: z.int().min(0).max(8783) }),
  z.object({
    /** ISO 8601 date-time with offset; the profile hour is its hour of year */
    time: z.iso.datetime({ offset: true }),
  }),
]);

export const SCENARIO_SCHEMA_VERSION = 1;

export const ScenarioSchema = z
  .object({
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
    /** kebab-case id */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lower-case letters, digits and -'),
    title: z.string().min(1).max(200),
    description: z.string().max(5000).default(''),
    sources: z.array(ScenarioSourceSchema).default([]),
    tags: z.array(z.string().max(40)).max(20).default([]),
    /** network id, e.g. fi-ee */
    network: id.default('fi-ee'),
    /** synchronous arrangement: 'current' (since 2025-02-09) or 'pre-2025' */
    topology: z.enum(['current', 'pre-2025']).default('current'),
    start: ScenarioStartSchema,
    /** s */
    durationS: z
      .number()
      .positive()
      .max(7 * 86_400),
    /** s between regular frames */
    stepS: z.number().positive().max(3600).default(60),
    events: z.array(ScenarioEventSchema).max(10_000).default([]),
    options: ScenarioOptionsSchema.prefault({}),
  })
  .superRefine((s, ctx) => {
    s.events.forEach((e, k) => {
      if (e.at > s.durationS)
        ctx.addIssue({
          code: 'custom',
          path: ['events', k, 'at'],
          message: `event at ${e.at} s is after the end of the scenario (${s.durationS} s)`,
        });
    });
  });

export type ElementRef = z.infer<typeof ElementRefSchema>;
export type ScenarioEvent = z.infer<typeof ScenarioEventSchema>;
export type ScenarioOptions = z.infer<typeof ScenarioOptionsSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
/** A scenario as written in a file, before defaults are filled in. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type OperatorOptions = z.infer<typeof ScenarioOptionsSchema>['operator'];
export type UflsStage = z.infer<typeof UflsStageSchema>;
export type AreaFrequencyOptions = z.infer<typeof AreaFrequencyOptionsSchema>;
