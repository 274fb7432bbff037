// Contingency sets (N-k): named groups of elements that fail together — both Estlinks, a
// double-circuit corridor, a substation with everything on it, a unit and a line.
import { z } from 'zod';

export const OutageElementSchema = z.object({
  /** branch (line or transformer), generator, HVDC link, or bus (a substation: every branch
   *  and generator on it fails with it) */
  type: z.enum(['branch', 'generator', 'hvdc', 'bus']),
  /** the element's id in the network (for MATPOWER cases, branch and generator ids are their
   *  1-based row numbers, bus ids the bus numbers) */
  id: z.string().min(1),
});

export const ContingencySchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  elements: z.array(OutageElementSchema).min(1),
});

export const ContingencySetSchema = z.object({
  formatVersion: z.literal(1),
  name: z.string().optional(),
  contingencies: z.array(ContingencySchema).min(1),
});

export type OutageElement = z.infer<typeof OutageElementSchema>;
export type Contingency = z.infer<typeof ContingencySchema>;
export type ContingencySet = z.infer<typeof ContingencySetSchema>;
