// The network model: the one shape every part of FinEst Twin reads (solver, scenario engine,
// server, web). It follows MATPOWER's case format (CASEFORMAT, MATPOWER manual appendix B) so
// that a MATPOWER case maps onto it column for column, and adds what the twin needs: string
// ids, names, countries, synchronous areas, coordinates, technologies, HVDC links and the
// dataset each element came from. Per-unit values are on the network's baseMVA.
import { z } from 'zod';

/** A finite number (zod 4 rejects NaN and ±Infinity for z.number()). */
const num = z.number();
const id = z.string().min(1);

/** MATPOWER bus types: PQ = 1, PV = 2, REF (slack) = 3, NONE (isolated) = 4. */
export const BusTypeSchema = z.enum(['PQ', 'PV', 'REF', 'NONE']);

export const BusSchema = z.object({
  /** unique id: the MATPOWER bus number as text, or a namespaced id such as "FI:6556" */
  id,
  name: z.string().optional(),
  type: BusTypeSchema,
  /** MW, active demand */
  Pd: num,
  /** MVAr, reactive demand */
  Qd: num,
  /** MW demanded by the shunt conductance at V = 1 pu */
  Gs: num,
  /** MVAr injected by the shunt susceptance at V = 1 pu */
  Bs: num,
  /** area id (see Network.areas); MATPOWER's integer area number as text */
  area: id,
  /** MATPOWER loss zone number */
  zone: z.int(),
  /** pu, voltage magnitude (initial value or solution) */
  Vm: num,
  /** degrees, voltage angle (initial value or solution) */
  Va: num,
  /** kV, base voltage */
  baseKV: num,
  /** pu, upper voltage limit */
  Vmax: num,
  /** pu, lower voltage limit */
  Vmin: num,
  /** ISO 3166-1 alpha-2 country code, e.g. "FI", "EE" */
  country: z.string().length(2).optional(),
  /** degrees east (WGS 84) */
  lon: num.optional(),
  /** degrees north (WGS 84) */
  lat: num.optional(),
  /** position in a single-line diagram (CGMES DL), diagram units, y downwards on the page;
   *  for drawing a network that has no lon/lat */
  diagram: z.object({ x: num, y: num }).optional(),
  /** true for an equivalent of an external system (e.g. Sweden SE1), not a real substation */
  external: z.boolean().optional(),
  /** true for an element the source data does not have, added by a documented rule */
  equivalent: z.boolean().optional(),
  /** the rule that derived an equivalent element (length, conductor, rating, why) */
  equivalentRule: z.string().optional(),
  /** id of the dataset this element came from (see Network.datasets) */
  dataset: z.string().optional(),
});

export const BranchSchema = z.object({
  /** unique id */
  id,
  name: z.string().optional(),
  /** id of the from bus */
  from: id,
  /** id of the to bus */
  to: id,
  kind: z.enum(['line', 'transformer']),
  /** pu, series resistance */
  r: num,
  /** pu, series reactance */
  x: num,
  /** pu, total line charging susceptance */
  b: num,
  /** MVA, long-term rating (0 = unlimited) */
  rateA: num.nonnegative(),
  /** MVA, short-term rating (0 = unlimited) */
  rateB: num.nonnegative(),
  /** MVA, emergency rating (0 = unlimited) */
  rateC: num.nonnegative(),
  /** pu, off-nominal turns ratio at the from side; 0 means 1 (a line), as in MATPOWER */
  tap: num,
  /** degrees, phase shift angle (positive = delay at the to side) */
  shift: num,
  inService: z.boolean(),
  /** degrees, minimum angle difference Va(from) - Va(to) */
  angmin: num,
  /** degrees, maximum angle difference Va(from) - Va(to) */
  angmax: num,
  /** km, route length when known */
  lengthKm: num.nonnegative().optional(),
  /** number of parallel circuits this branch stands for, when known */
  circuits: z.int().positive().optional(),
  /** true for an element the source data does not have, added by a documented rule */
  equivalent: z.boolean().optional(),
  /** the rule that derived an equivalent element (length, conductor, rating, why) */
  equivalentRule: z.string().optional(),
  dataset: z.string().optional(),
});

export const GeneratorSchema = z.object({
  /** unique id */
  id,
  name: z.string().optional(),
  /** id of the bus it connects to */
  bus: id,
  /** MW, active output (setpoint or solution) */
  Pg: num,
  /** MVAr, reactive output (setpoint or solution) */
  Qg: num,
  /** MVAr */
  Qmax: num,
  /** MVAr */
  Qmin: num,
  /** pu, voltage magnitude setpoint (at regulatedBus when given) */
  Vg: num,
  /** id of the bus whose voltage Vg holds when it is not the generator's own (remote voltage
   *  control, as CGMES RegulatingControl.Terminal); the power flow then adjusts the unit's own
   *  bus voltage until the regulated bus is at Vg */
  regulatedBus: id.optional(),
  /** MVA, machine base */
  mBase: num,
  inService: z.boolean(),
  /** MW */
  Pmax: num,
  /** MW */
  Pmin: num,
  /** technology or fuel, e.g. "nuclear", "hydro", "wind" (MATPOWER genfuel) */
  technology: z.string().optional(),
  /** MATPOWER gentype code, e.g. "ST", "WT" */
  unitType: z.string().optional(),
  /** MATPOWER gen columns 11–21 (PC1 … APF), kept verbatim for a faithful round trip */
  matpowerExtra: z.array(num).optional(),
  /** combined heat and power: heat-led, so it runs whenever heat is needed (the heating season) */
  chp: z.boolean().optional(),
  /** a reserve plant outside the market: the peak-load (strategic) reserve runs only when the
   *  market cannot cover demand; disturbance and emergency reserves only after a disturbance */
  reserve: z.enum(['peak-load', 'disturbance', 'emergency']).optional(),
  /** why a unit is out of service when the source lists it (e.g. retired since), with the source */
  outOfServiceReason: z.string().optional(),
  dataset: z.string().optional(),
});

export const HvdcLinkSchema = z.object({
  /** unique id */
  id,
  name: z.string().optional(),
  /** id of the from-side bus */
  from: id,
  /** id of the to-side bus */
  to: id,
  inService: z.boolean(),
  /** MW, scheduled transfer leaving the from bus (negative = to → from) */
  P: num,
  /** MW, minimum transfer (negative allows to → from) */
  Pmin: num,
  /** MW, maximum transfer */
  Pmax: num,
  /** MW, constant loss term (MATPOWER dcline LOSS0) */
  lossFixed: num.nonnegative(),
  /** per unit of transfer, proportional loss term (MATPOWER dcline LOSS1) */
  lossFactor: num.nonnegative(),
  /** pu, voltage setpoint at the from side (0 = none) */
  Vf: num,
  /** pu, voltage setpoint at the to side (0 = none) */
  Vt: num,
  /** MVAr, reactive limits of the from and to converters */
  Qminf: num,
  Qmaxf: num,
  Qmint: num,
  Qmaxt: num,
  dataset: z.string().optional(),
});

export const AreaSchema = z.object({
  /** id referenced by Bus.area */
  id,
  name: z.string(),
  /** "synchronous" for a synchronous area (its own frequency), else "control" */
  kind: z.enum(['synchronous', 'control']).optional(),
  /** Hz */
  nominalFrequency: num.positive().optional(),
});

export const CountrySchema = z.object({
  /** ISO 3166-1 alpha-2 */
  code: z.string().length(2),
  name: z.string(),
});

export const DatasetSchema = z.object({
  id,
  name: z.string(),
  /** where it comes from (URL or citation) */
  source: z.string().optional(),
  licence: z.string().optional(),
});

export const NetworkSchema = z.object({
  /** version of this file format */
  formatVersion: z.literal(1),
  name: z.string(),
  description: z.string().optional(),
  /** MVA, system base for per-unit values */
  baseMVA: num.positive(),
  buses: z.array(BusSchema),
  branches: z.array(BranchSchema),
  generators: z.array(GeneratorSchema),
  hvdcLinks: z.array(HvdcLinkSchema),
  areas: z.array(AreaSchema),
  countries: z.array(CountrySchema),
  datasets: z.array(DatasetSchema),
  /** MATPOWER gencost rows, kept verbatim for later OPF work; power flow ignores them */
  gencost: z.array(z.array(num)).optional(),
});

export type BusType = z.infer<typeof BusTypeSchema>;
export type Bus = z.infer<typeof BusSchema>;
export type Branch = z.infer<typeof BranchSchema>;
export type Generator = z.infer<typeof GeneratorSchema>;
export type HvdcLink = z.infer<typeof HvdcLinkSchema>;
export type Area = z.infer<typeof AreaSchema>;
export type Country = z.infer<typeof CountrySchema>;
export type Dataset = z.infer<typeof DatasetSchema>;
export type Network = z.infer<typeof NetworkSchema>;
