// The hourly inputs of a snapshot (data/profiles/*.json), validated with zod.
import { z } from 'zod';

const series = z.object({ FI: z.array(z.number()), EE: z.array(z.number()) });

export const HourlyProfileSchema = z.object({
  description: z.string(),
  source: z.string(),
  licence: z.string(),
  unit: z.string(),
  /** UTC time of hour 0 */
  start: z.string(),
  hours: z.int().positive(),
  series,
});

export const DemandAllocationSchema = z.object({
  rule: z.string(),
  source: z.string(),
  /** per country, bus id → share of the country's demand */
  weights: z.record(z.string(), z.record(z.string(), z.number().nonnegative())),
  /** per city: its country, share of the country's demand and the buses that carry it */
  cities: z
    .record(
      z.string(),
      z.object({
        country: z.string(),
        share: z.number().nonnegative(),
        buses: z.array(z.string()),
        rule: z.string(),
        /** the sourced figures the city is calibrated to and compared with */
        record: z
          .object({
            energyGWh: z.number(),
            peak: z.number(),
            peakUnit: z.string(),
            year: z.string(),
            source: z.string(),
          })
          .optional(),
      }),
    )
    .optional(),
});

export type HourlyProfile = z.infer<typeof HourlyProfileSchema>;
export type DemandAllocation = z.infer<typeof DemandAllocationSchema>;

export interface SnapshotInputs {
  /** MW per country and hour */
  demand: HourlyProfile;
  /** per-unit wind capacity factor per country and hour */
  wind: HourlyProfile;
  allocation: DemandAllocation;
}
