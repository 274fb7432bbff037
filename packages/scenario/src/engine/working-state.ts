// The mutable state of a run: the balanced starting snapshot of the network (a private copy
// the engine switches elements in and out of), plus what the network cannot hold: each bus's
// share of its country's demand, scheduled unit outputs, derates, demand scaling, and which
// elements protection or a substation trip took out.
import {
  isHeatingSeason,
  snapshotForHour,
  unitCostEurPerMWh,
  type Generator,
  type IslandResult,
  type Network,
  type SnapshotInputs,
} from '@finest/grid';
import type { AcPowerFlowOptions, PfCase } from '@finest/powerflow';
import type { FrameLayout } from '../schema/run.ts';
import type { Scenario } from '../schema/scenario.ts';
import { AREA_DEFAULTS, type AreaModel } from './area-defaults.ts';
import { dimensionFfr } from './ffr-dimensioning.ts';
import { dynamicsOf, type UnitDynamics } from './unit-defaults.ts';

/** the islands of a switching state and what the balance reads of them (balance.ts) */
export interface IslandsNow extends IslandResult {
  /** per island: lowest bus index : number of buses (stays while its buses do) */
  islandKey: string[];
  /** per island: every bus is an external equivalent */
  externalOnly: boolean[];
  /** per island: the area of its first bus */
  areaOfIsland: string[];
  /** per area: the islands with a bus of it, in island order */
  islandsOfArea: Map<string, number[]>;
}

export interface WorkingState {
  net: Network;
  layout: FrameLayout;
  busIndex: Map<string, number>;
  branchIndex: Map<string, number>;
  hvdcIndex: Map<string, number>;
  genIndex: Map<string, number>;
  /** per generator: the index of its bus */
  genBus: Int32Array;
  /** per bus: share of its country's demand (0 for buses without load) */
  demandShare: Float64Array;
  /** per bus: country code ('' for none) and area id */
  busCountry: string[];
  busArea: string[];
  /** per bus: in service (false after a substation trip) and its type before */
  busOn: Uint8Array;
  originalBusType: Network['buses'][number]['type'][];
  /** per generator: scheduled MW, available Pmax (after derates), rated Pmax */
  scheduledMW: Float64Array;
  availableMW: Float64Array;
  ratedMW: Float64Array;
  isWind: Uint8Array;
  /** per generator: ramp of an activated reserve (MW available = MW · min(1, (t − at) / ramp)) */
  reserveRamp: Map<number, { at: number; rampS: number; MW: number }>;
  /** per generator: ramp rate, start-up time, fast response, inertia (unit-defaults.ts) */
  dynamics: UnitDynamics[];
  /** per generator: €/MWh in the merit order of the starting hour (orders commitment, re-dispatch) */
  unitCost: Float64Array;
  /** per generator: 1 while running (synchronised); a cold unit gives nothing */
  committed: Uint8Array;
  /** per generator: s when a cold unit ordered to start synchronises (Infinity: not ordered) */
  startReadyAt: Float64Array;
  /**
   * per generator: MW the unit is set to now; it follows scheduledMW at the unit's ramp rate.
   * The response to imbalances comes on top of it (balance.ts).
   */
  setpointMW: Float64Array;
  /** per generator: MW of response (output − set-point) held at the last sudden change */
  responseBaseMW: Float64Array;
  /** s, time of the last sudden change: fast response is there at once, ramps grow from it
   *  (−Infinity before the first: the starting state is a planned one, every unit at its range) */
  disturbanceAt: number;
  /** per generator: MW produced at the last balanced moment */
  outputMW: Float64Array;
  /** per bus: MW of load disconnected on purpose (system protection, the operator) */
  spsShedMW: Float64Array;
  operatorShedMW: Float64Array;
  /** UFLS: share of the load shed in each sub-island with its own frequency (by island key) */
  islandUflsShare: Map<string, number>;
  /** keys of the sub-islands that have their own frequency model now */
  islandZones: Set<string>;
  /**
   * MW of network losses per island (by island key), from the last AC solution: the units share
   * them as they share any demand, so the power flow's reference (often a tie to the rest of
   * the area) takes only their change, not all of them
   */
  islandLossMW: Map<string, number>;
  /** per branch / link: 1 when out because protection or a substation trip took it out */
  branchTripped: Uint8Array;
  hvdcTripped: Uint8Array;
  /** branches switched out by a substation trip, per bus index */
  substationBranches: Map<number, number[]>;
  /** demand multiplier and MW offset per country (scale-demand events) */
  demandFactor: Map<string, number>;
  demandOffsetMW: Map<string, number>;
  /** frequency model per area id present in the network */
  areaModels: Map<string, AreaModel>;
  /** UFLS: share of each area's load shed (0 … 1) */
  uflsShare: Map<string, number>;
  /** islands of the present topology, and the power-flow structures of the last solve */
  islandCache?: { key: string; signature: Uint8Array; islands: IslandsNow };
  /** how often the islands have changed (names each topology in islandCache.key) */
  topologyChanges: number;
  solverCache?: { key: string; reuse: NonNullable<AcPowerFlowOptions['reuse']> };
  /** the last solve's power-flow index and what it was built for (solve-step.ts) */
  stepCase?: {
    signature: Uint8Array;
    pf: PfCase;
    reuse: NonNullable<AcPowerFlowOptions['reuse']>;
  };
}

const RESERVE_PREFIX = 'reserve:';

/** Id of the generator that stands for an activated reserve plant. */
export const reserveGeneratorId = (name: string, bus: string): string =>
  `${RESERVE_PREFIX}${bus}:${name}`;

export function createWorkingState(
  base: Network,
  profiles: SnapshotInputs,
  scenario: Scenario,
  snapshotHour: number,
): WorkingState {
  const { network } = snapshotForHour(base, profiles, snapshotHour, {
    topology: scenario.topology,
  });
  const net: Network = network;
  // Reserve plants named in the scenario become generators, out of service until activated,
  // so every frame has the same layout.
  for (const e of scenario.events) {
    if (e.type !== 'activate-reserve') continue;
    const id = reserveGeneratorId(e.name, e.bus);
    if (net.generators.some((g) => g.id === id)) continue;
    const reserve: Generator = {
      id,
      name: e.name,
      bus: e.bus,
      Pg: 0,
      Qg: 0,
      Qmax: e.MW / 2,
      Qmin: -e.MW / 2,
      Vg: 1,
      mBase: e.MW,
      inService: false,
      Pmax: e.MW,
      Pmin: 0,
      technology: 'reserve',
    };
    net.generators.push(reserve);
  }
  const busIndex = new Map(net.buses.map((b, i) => [b.id, i]));
  const countryDemand = new Map<string, number>();
  for (const b of net.buses) {
    const c = b.country ?? '';
    countryDemand.set(c, (countryDemand.get(c) ?? 0) + b.Pd);
  }
  const demandShare = Float64Array.from(net.buses, (b) => {
    const total = countryDemand.get(b.country ?? '') ?? 0;
    return total > 0 ? b.Pd / total : 0;
  });
  const areaIds = net.areas
    .map((a) => a.id)
    .filter((a) => AREA_DEFAULTS[a] !== undefined && net.buses.some((b) => b.area === a));
  const areaModels = new Map<string, AreaModel>();
  for (const a of areaIds) {
    const o = scenario.options.frequency?.[a] ?? {};
    const d = structuredClone(AREA_DEFAULTS[a]!);
    if (o.kineticEnergyGWs !== undefined) d.kineticEnergyGWs = o.kineticEnergyGWs;
    if (o.areaLoadMW !== undefined) d.areaLoadMW = o.areaLoadMW;
    if (o.loadDampingPctPerHz !== undefined) d.loadDampingPctPerHz = o.loadDampingPctPerHz;
    if (o.fcrUpMW !== undefined) d.fcrDisturbance.upMW = o.fcrUpMW;
    if (o.fcrDownMW !== undefined) d.fcrDisturbance.downMW = o.fcrDownMW;
    if (o.restorationTimeS !== undefined) d.restorationTimeS = o.restorationTimeS;
    // FFR: as much as the reference incident (the FCR-D up volume is sized for it) needs
    if (d.ffr) d.ffr.MW = o.ffrMW ?? dimensionFfr(d, d.fcrDisturbance.upMW);
    const stages = scenario.options.ufls?.[a];
    if (stages) d.ufls = [...stages].sort((x, y) => y.frequencyHz - x.frequencyHz);
    areaModels.set(a, d);
  }
  const layout: FrameLayout = {
    networkId: scenario.network,
    busIds: net.buses.map((b) => b.id),
    branchIds: net.branches.map((b) => b.id),
    hvdcIds: net.hvdcLinks.map((h) => h.id),
    generatorIds: net.generators.map((g) => g.id),
    areaIds,
  };
  return {
    net,
    layout,
    busIndex,
    branchIndex: new Map(net.branches.map((b, i) => [b.id, i])),
    hvdcIndex: new Map(net.hvdcLinks.map((h, i) => [h.id, i])),
    genIndex: new Map(net.generators.map((g, i) => [g.id, i])),
    genBus: Int32Array.from(net.generators, (g) => busIndex.get(g.bus)!),
    demandShare,
    busCountry: net.buses.map((b) => b.country ?? ''),
    busArea: net.buses.map((b) => b.area),
    busOn: new Uint8Array(net.buses.length).fill(1),
    originalBusType: net.buses.map((b) => b.type),
    scheduledMW: Float64Array.from(net.generators, (g) => (g.inService ? g.Pg : 0)),
    availableMW: Float64Array.from(net.generators, (g) => g.Pmax),
    ratedMW: Float64Array.from(net.generators, (g) => g.Pmax),
    isWind: Uint8Array.from(net.generators, (g) => (g.technology === 'wind' ? 1 : 0)),
    reserveRamp: new Map(),
    topologyChanges: 0,
    dynamics: net.generators.map(dynamicsOf),
    unitCost: Float64Array.from(net.generators, (g) =>
      unitCostEurPerMWh(
        g,
        net.buses[busIndex.get(g.bus)!]?.country ?? '',
        isHeatingSeason(profiles, snapshotHour),
      ),
    ),
    committed: Uint8Array.from(net.generators, (g) =>
      g.inService && (g.Pg > 0 || g.technology === 'wind' || g.technology === 'external') ? 1 : 0,
    ),
    startReadyAt: new Float64Array(net.generators.length).fill(Infinity),
    setpointMW: Float64Array.from(net.generators, (g) => (g.inService ? g.Pg : 0)),
    responseBaseMW: new Float64Array(net.generators.length),
    disturbanceAt: -Infinity,
    outputMW: Float64Array.from(net.generators, (g) => (g.inService ? g.Pg : 0)),
    spsShedMW: new Float64Array(net.buses.length),
    operatorShedMW: new Float64Array(net.buses.length),
    islandUflsShare: new Map(),
    islandZones: new Set(),
    islandLossMW: new Map(),
    branchTripped: new Uint8Array(net.branches.length),
    hvdcTripped: new Uint8Array(net.hvdcLinks.length),
    substationBranches: new Map(),
    demandFactor: new Map(),
    demandOffsetMW: new Map(),
    areaModels,
    uflsShare: new Map(areaIds.map((a) => [a, 0])),
  };
}
