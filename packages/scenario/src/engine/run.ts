// The incident engine: advances a scenario through time and yields frames. At each moment:
// apply the events due (scenario events, protection trips, restoration) → islands → balance
// per island and synchronous area → power flow → protection → frame. Between moments the
// frequency of each synchronous area is integrated (frequency.ts) and the branches' thermal
// budgets advance (protection.ts). Frames come every stepS seconds, at every event, and densely
// for a few minutes after each sudden change, so frequency transients are visible.
// A run is a pure function of (network, profiles, scenario, seed).
import type { Network, SnapshotInputs } from '@finest/grid';
import { loadedHighs, type Highs } from '@finest/powerflow';
import {
  STATUS,
  type Frame,
  type FrameLayout,
  type LogEntry,
  type RunKpis,
  type RunSummary,
} from '../schema/run.ts';
import type { Scenario, ScenarioEvent } from '../schema/scenario.ts';
import { applyEvent } from './apply-event.ts';
import { balanceAt, type Balance } from './balance.ts';
import type { CityLayer } from './city-layer.ts';
import { clockText, profileKnotsWithin, scenarioClock } from './clock.ts';
import {
  initialFrequencyState,
  integrateFrequency,
  restoreUfls,
  type FrequencyState,
} from './frequency.ts';
import {
  collapses,
  createIslandZone,
  refreshIslandReserves,
  type IslandZone,
} from './island-frequency.ts';
import { createKpiTracker } from './kpi-tracker.ts';
import { dcLimitsMW, shareWithinLimits, withLossLoads } from './network-sharing.ts';
import { operatorReview, type OperatorSettings } from './operator.ts';
import { schemeForTrip, type SchemeAction } from './system-protection.ts';
import { OPERATOR_DEFAULTS } from './operator-defaults.ts';
import { branchLabel, busLabel, formatMW } from './names.ts';
import { createProtection, heatBranches, timeToTrip } from './protection.ts';
import { seededRandom } from './rng.ts';
import { solveStep, type StepFlows } from './solve-step.ts';
import {
  advanceSetpoints,
  commitForStart,
  holdResponse,
  nextSynchronisation,
} from './unit-dispatch.ts';
import { validateAgainstNetwork } from './validate.ts';
import { createWorkingState } from './working-state.ts';

export interface EngineInputs {
  /** the base network without dispatch, e.g. data/networks/fi-ee.json */
  network: Network;
  profiles: SnapshotInputs;
  cities?: CityLayer;
  scenario: Scenario;
  /** overrides scenario.options.seed */
  seed?: number;
  /** the HiGHS runtime (default: the one `prepareEngine()` loaded) */
  highs?: Highs;
}

/** The engine needs HiGHS (the network-aware sharing, the operator): load it once first. */
export class EngineNotReadyError extends Error {
  readonly code = 'FINEST_ENGINE_NOT_READY';
  constructor() {
    super(
      'scenario engine: the HiGHS solver is not loaded; call `await prepareEngine()` from @finest/scenario once before createRun/runScenario, or pass `highs`',
    );
    this.name = 'EngineNotReadyError';
  }
}

export interface ScenarioRun {
  readonly layout: FrameLayout;
  readonly scenario: Scenario;
  readonly seed: number;
  /** ISO date-time of t = 0 */
  readonly startTime: string;
  readonly durationS: number;
  readonly done: boolean;
  /** 0 … 1 by simulated time */
  readonly progress: number;
  /** the next frame and the log entries up to it; null after the last frame */
  step(): { frame: Frame; log: LogEntry[] } | null;
  kpis(): RunKpis;
  summary(): RunSummary;
}

/** s after a sudden change at which frames are added, so transients are drawn. */
const TRANSIENT_FRAMES = [
  0.5, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 90, 120, 150, 180, 240, 300,
  420, 600,
];
const EPS = 1e-9;

export function createRun(inputs: EngineInputs): ScenarioRun {
  const { scenario, profiles } = inputs;
  validateAgainstNetwork(scenario, inputs.network);
  const highs = inputs.highs ?? loadedHighs();
  if (!highs) throw new EngineNotReadyError();
  const options = scenario.options;
  const seed = inputs.seed ?? options.seed;
  const clock = scenarioClock(scenario, profiles.demand);
  const s = createWorkingState(inputs.network, profiles, scenario, clock.snapshotHour);
  const { net } = s;
  const nBus = net.buses.length;
  const nBr = net.branches.length;
  const random = seededRandom(seed);
  const protection = createProtection(
    nBr,
    (l) => net.branches[l]!.rateA > 0,
    options.protection,
    random,
  );
  const freq = new Map<string, FrequencyState>(
    [...s.areaModels.keys()].map((a) => [a, initialFrequencyState()]),
  );
  const kpi = createKpiTracker(s, inputs.cities ?? []);
  const events: ScenarioEvent[] = scenario.events
    .map((e, k) => ({ e, k }))
    .sort((a, b) => a.e.at - b.e.at || a.k - b.k)
    .map(({ e }) => e);
  const duration = scenario.durationS;
  const hourAt = (t: number): number => clock.startHour + t / 3600;

  let t = 0;
  let tick = 0;
  let cursor = 0;
  let done = false;
  let nextRegular = 0;
  const transient: number[] = [];
  const tripDue = new Float64Array(nBr).fill(Infinity);
  const overloaded = new Uint8Array(nBr);
  const restoreDue = new Map<string, number>([...freq.keys()].map((a) => [a, Infinity]));
  /** sub-islands with their own frequency, by island key; and those whose frequency collapsed */
  const zones = new Map<string, IslandZone>();
  const collapsed: { zone: IslandZone; at: number; minHz: number; maxHz: number }[] = [];
  const pending: LogEntry[] = [];
  const log: LogEntry[] = [];
  let balance: Balance | null = null;
  let flows: StepFlows | null = null;
  let wasConverged = true;
  /** the last sudden change for which a sharing within the ratings was found impossible */
  let sharingFailedAt = -Infinity;
  /** the network-aware correction of the response in use (MW per unit), and when it holds */
  let steer: { key: string; delta: Float64Array } | null = null;
  const corrected = (b: Balance, delta: Float64Array): Balance => ({
    ...b,
    generatorMW: Float64Array.from(b.generatorMW, (P, k) => P + delta[k]!),
  });
  const operator: OperatorSettings & { enabled: boolean } = {
    enabled: options.operator.enabled,
    delayS: options.operator.delayS ?? OPERATOR_DEFAULTS.delayS,
    reviewS: options.operator.reviewS ?? OPERATOR_DEFAULTS.reviewS,
    horizonS: OPERATOR_DEFAULTS.horizonS,
    valueOfLostLoad: (c) =>
      options.operator.valueOfLostLoadEurPerMWh?.[c] ?? OPERATOR_DEFAULTS.valueOfLostLoadEurPerMWh,
  };
  /** s of the operator's next review (Infinity: none due) */
  let operatorDue = Infinity;
  /** system protection actions set off and not yet done */
  const schemes: SchemeAction[] = [];
  let shedByCountry = new Map<string, number>();

  const note = (at: number, entry: Omit<LogEntry, 't' | 'clock'>): void => {
    const full: LogEntry = { t: at, clock: clockText(clock, at), ...entry };
    pending.push(full);
    log.push(full);
  };
  const live = (): { hvdcMW: Float64Array; generatorMW: Float64Array } => ({
    hvdcMW: balance?.hvdcMW ?? new Float64Array(net.hvdcLinks.length),
    generatorMW: flows?.Pg ?? new Float64Array(net.generators.length),
  });
  const addTransient = (from: number): void => {
    for (const dt of TRANSIENT_FRAMES) {
      const at = from + dt;
      if (at > duration + EPS) break;
      if (!transient.some((x) => Math.abs(x - at) < 1e-6)) transient.push(at);
    }
    transient.sort((a, b) => a - b);
  };

  /** Balance, power flow and protection at the present moment. */
  const balanceNow = (): Balance => balanceAt(s, profiles, hourAt(t), t);

  /** Balance (or the one just computed for this moment), power flow and protection now. */
  /**
   * Keeps one frequency zone per sub-island: new ones start from what their units gave just
   * before, gone ones are dropped. True when the set changed (the balance must be redone: a
   * sub-island with a zone carries its shortfall in frequency).
   */
  const syncZones = (b: Balance): boolean => {
    let changed = false;
    const present = new Set<string>();
    b.islandKey.forEach((key, k) => {
      if (!b.subIsland[k]) return;
      present.add(key);
      if (zones.has(key)) return;
      // the area it broke away from: that of its largest load or unit
      const i = b.islandOf.findIndex((x) => x === k);
      const area = s.busArea[i]!;
      const areaModel = s.areaModels.get(area);
      if (!areaModel) return;
      let netBefore = b.islandNetMW[k]!;
      net.generators.forEach((g, u) => {
        if (b.islandOf[s.busIndex.get(g.bus)!] === k)
          netBefore += s.outputMW[u]! - b.setpointMW[u]!;
      });
      const zone = createIslandZone(s, b, k, area, areaModel, netBefore);
      zones.set(key, zone);
      s.islandZones.add(key);
      changed = true;
      note(t, {
        kind: 'island',
        text: `${islandName(zone)} runs as an island on its own frequency: ${formatMW(zone.model.areaLoadMW)} of load, ${zone.units.length} units running (${zone.model.kineticEnergyGWs.toFixed(1)} GWs), ${formatMW(zone.state.disturbance)} ${zone.state.disturbance >= 0 ? 'short' : 'surplus'}`,
      });
    });
    for (const key of [...zones.keys()]) {
      if (present.has(key)) continue;
      zones.delete(key);
      s.islandZones.delete(key);
      s.islandUflsShare.delete(key);
      restoreDue.delete(`island:${key}`);
      changed = true;
    }
    return changed;
  };
  /**
   * Each island's losses in the AC solution: its units' output plus what HVDC brings in, less
   * the load served (computed afresh each time, so it cannot run away).
   */
  const learnLosses = (b: Balance, f: StepFlows): void => {
    const loss = new Float64Array(b.islandKey.length);
    for (let k = 0; k < net.generators.length; k++) {
      const isl = b.islandOfUnit[k]!;
      loss[isl] = loss[isl]! + f.Pg[k]!;
    }
    net.hvdcLinks.forEach((h, k) => {
      const from = b.islandOf[s.busIndex.get(h.from)!]!;
      const to = b.islandOf[s.busIndex.get(h.to)!]!;
      loss[from] = loss[from]! - b.hvdcMW[k]!;
      loss[to] = loss[to]! + b.hvdcMW[k]!;
    });
    for (let i = 0; i < nBus; i++) loss[b.islandOf[i]!] = loss[b.islandOf[i]!]! - b.servedMW[i]!;
    const next = new Map<string, number>();
    b.islandKey.forEach((key, k) => {
      if (b.energised[k]) next.set(key, Math.max(0, loss[k]!));
    });
    s.islandLossMW = next;
  };
  const islandName = (z: IslandZone): string => {
    // the bus with the most load names the island
    let best = z.buses[0]!;
    for (const i of z.buses) if (s.demandShare[i]! > s.demandShare[best]!) best = i;
    return `the ${z.buses.length}-substation island around ${busLabel(net, best)}`;
  };

  const settle = (computed?: Balance): void => {
    balance = computed ?? balanceNow();
    if (syncZones(balance)) balance = balanceNow();
    const unsteered = balance;
    // the response overloads a branch: steer it to the units that relieve it, if any can. The
    // correction found stays in use while the topology and the running units do (re-solved
    // only when it no longer keeps the branches within their ratings)
    const key = `${s.disturbanceAt}|${s.islandCache?.key ?? ''}|${s.committed.join('')}`;
    if (steer && steer.key === key) balance = corrected(balance, steer.delta);
    flows = solveStep(s, balance, flows && flows.converged ? flows : null);
    if (Number.isFinite(s.disturbanceAt) && newOverload(flows.loading)) {
      const shared = shareWithinLimits(highs, {
        pf: withLossLoads(flows.pf, balance.islandOf, balance.islandLossMW),
        setpointMW: balance.setpointMW,
        sharedMW: balance.generatorMW,
        bounds: balance.bounds,
        limitsMW: dcLimitsMW(flows.pf, protection.ratingScale, flows.Pf, flows.loading),
        islandOfUnit: balance.islandOfUnit,
        residualMW: balance.islandResidualMW,
      });
      if (shared.ok) {
        const delta = Float64Array.from(
          shared.generatorMW,
          (P, k) => P - unsteered.generatorMW[k]!,
        );
        steer = { key, delta };
        balance = { ...balance, generatorMW: shared.generatorMW };
        flows = solveStep(s, balance, flows.converged ? flows : null);
      } else if (sharingFailedAt !== s.disturbanceAt) {
        sharingFailedAt = s.disturbanceAt;
        note(t, {
          kind: 'info',
          text: `no sharing of the response keeps every branch within its rating (${shared.reason})`,
        });
      }
    }
    s.outputMW.set(balance.generatorMW);
    for (const zone of zones.values()) refreshIslandReserves(s, balance, zone);
    if (flows.converged) learnLosses(balance, flows);
    if (!flows.converged) {
      kpi.nonConverged();
      if (wasConverged)
        note(t, {
          kind: 'warning',
          text: 'AC power flow did not converge (voltage-collapse risk); DC flows shown until it does',
        });
    } else if (!wasConverged) note(t, { kind: 'info', text: 'AC power flow converges again' });
    wasConverged = flows.converged;
    // shedding not caused by UFLS (dead islands, island deficits), per country
    const now = new Map<string, number>();
    for (let i = 0; i < nBus; i++) {
      const c = s.busCountry[i]!;
      if (!c) continue;
      const mw = balance.deficitShedMW[i]! + balance.lostMW[i]! + balance.controlledShedMW[i]!;
      // every country gets its entry (a return to 0 MW is news); zeros add nothing after that
      if (mw === 0 && now.has(c)) continue;
      now.set(c, (now.get(c) ?? 0) + mw);
    }
    for (const [c, mw] of now) {
      const before = shedByCountry.get(c) ?? 0;
      if (mw > before + 1)
        note(t, {
          kind: 'load-shed',
          text: `${c}: ${formatMW(mw)} of load without supply`,
          country: c,
          MW: mw,
        });
      else if (mw < before - 1)
        note(t, {
          kind: 'load-restored',
          text:
            mw > 1
              ? `${c}: supply back to part of the load, ${formatMW(mw)} still without`
              : `${c}: all load supplied again`,
          country: c,
          MW: before - mw,
        });
    }
    shedByCountry = now;
    // protection: when will each overloaded branch trip if nothing changes?
    for (let l = 0; l < nBr; l++) {
      const on = net.branches[l]!.inService;
      const dt = on ? timeToTrip(protection, l, flows.loading[l]!, options.protection) : Infinity;
      tripDue[l] = options.protection.enabled ? t + dt : Infinity;
      const over = on && flows.loading[l]! * 100 > 100 * protection.ratingScale[l]! + EPS;
      if (over && !overloaded[l])
        note(t, {
          kind: 'warning',
          text: `${branchLabel(net, l, s.busIndex)} overloaded at ${(100 * flows.loading[l]!).toFixed(0)} %${dt <= duration && options.protection.enabled ? `; protection trips it in ${dt.toFixed(0)} s unless relieved` : ''}`,
          element: { kind: 'branch', id: net.branches[l]!.id },
          loadingPct: 100 * flows.loading[l]!,
        });
      overloaded[l] = over ? 1 : 0;
    }
    // the operator answers disturbances; a planned shortage (a cold spell beyond the capacity
    // in the snapshot) is the market's and stays as the starting state shed it
    if (
      operator.enabled &&
      operatorDue === Infinity &&
      Number.isFinite(s.disturbanceAt) &&
      !isNormal()
    )
      operatorDue = t + operator.delayS;
  };

  /**
   * Back to a secure schedule: nothing above its protected rating, no load held off on
   * purpose, every tie within its traded range. (A unit still starting brings a review when it
   * synchronises.)
   */
  const isNormal = (): boolean => {
    const b = balance!;
    if (newOverload(flows!.loading)) return false;
    for (let i = 0; i < nBus; i++) if (b.controlledShedMW[i]! > 0.5) return false;
    for (let k = 0; k < net.generators.length; k++) {
      const g = net.generators[k]!;
      const P = b.generatorMW[k]!;
      if (g.technology === 'external' && g.inService && (P > g.Pmax + 1 || P < g.Pmin - 1))
        return false;
    }
    return true;
  };

  /** a branch in service above the rating protection holds it to */
  const newOverload = (loading: Float64Array): boolean => {
    for (let l = 0; l < nBr; l++)
      if (net.branches[l]!.inService && loading[l]! > protection.ratingScale[l]! + 1e-6)
        return true;
    return false;
  };

  // typed-array constructors and plain loops: Float32Array.from with a map function goes
  // through the iterator protocol, which cost more than the power flow on a large frame
  const frame = (): Frame => {
    const index = tick++;
    const b = balance!;
    const f = flows!;
    const busShed = new Float32Array(nBus);
    const busVm = new Float32Array(nBus);
    const busVa = new Float32Array(nBus);
    for (let i = 0; i < nBus; i++) {
      busShed[i] = b.uflsShedMW[i]! + b.deficitShedMW[i]! + b.lostMW[i]! + b.controlledShedMW[i]!;
      if (s.busOn[i] === 1 && b.energised[b.islandOf[i]!] === true) {
        busVm[i] = f.Vm[i]!;
        busVa[i] = f.Va[i]!;
      }
    }
    const branchLoadingPct = new Float32Array(nBr);
    const branchStatus = new Uint8Array(nBr);
    for (let l = 0; l < nBr; l++) {
      branchLoadingPct[l] = 100 * f.loading[l]!;
      branchStatus[l] = statusOf(net.branches[l]!.inService, s.branchTripped[l]!);
    }
    const nLink = net.hvdcLinks.length;
    const hvdcStatus = new Uint8Array(nLink);
    for (let k = 0; k < nLink; k++)
      hvdcStatus[k] = statusOf(net.hvdcLinks[k]!.inService, s.hvdcTripped[k]!);
    const areaIds = s.layout.areaIds;
    const areaFrequencyHz = new Float32Array(areaIds.length);
    areaIds.forEach((a, j) => {
      areaFrequencyHz[j] = s.areaModels.get(a)!.nominalHz + freq.get(a)!.df;
    });
    return {
      tick: index,
      t,
      keyframe: pending.length > 0 || index === 0,
      busVm,
      busVa,
      busLoadMW: new Float32Array(b.servedMW),
      busShedMW: busShed,
      branchFlowMW: new Float32Array(f.Pf),
      branchLoadingPct,
      branchStatus,
      hvdcMW: new Float32Array(b.hvdcMW),
      hvdcStatus,
      generatorMW: new Float32Array(f.Pg),
      areaFrequencyHz,
    };
  };

  const emit = (): { frame: Frame; log: LogEntry[] } => {
    kpi.observe(t, balance!);
    const out = { frame: frame(), log: pending.splice(0) };
    return out;
  };

  /** A step change of supply − demand between two balances of one moment, for the frequency models. */
  const disturb = (
    beforeAreas: Map<string, number>,
    beforeIslands: Map<string, number>,
    after: Balance,
  ): void => {
    for (const [area, st] of freq) {
      const dP = (beforeAreas.get(area) ?? 0) - (after.areaNetMW.get(area) ?? 0);
      if (Math.abs(dP) > 0.1) st.disturbance += dP;
    }
    // a sub-island that stays what it was sees its own change of supply − demand
    for (const zone of zones.values()) {
      const kb = beforeIslands.get(zone.key);
      const ka = after.islandKey.indexOf(zone.key);
      if (kb === undefined || ka < 0) continue;
      const dP = kb - after.islandNetMW[ka]!;
      if (Math.abs(dP) > 0.1) zone.state.disturbance += dP;
    }
  };
  const islandNets = (b: Balance): Map<string, number> =>
    new Map(b.islandKey.map((key, k) => [key, b.islandNetMW[k]!]));

  /**
   * Hands the load UFLS shed to the operator: the same MW stay off, now held by the operator
   * (who reconnects them as capacity allows), and the shedding relays are armed again. The
   * frequency models see no change: their disturbance drops by what UFLS held.
   */
  const takeOverUfls = (b: Balance): boolean => {
    let any = false;
    for (let i = 0; i < nBus; i++) {
      if (b.uflsShedMW[i]! <= 0) continue;
      s.operatorShedMW[i] = s.operatorShedMW[i]! + b.uflsShedMW[i]!;
      any = true;
    }
    if (!any) return false;
    // the stages that acted stay used: their relays re-arm once frequency is back in its band
    const handOver = (st: FrequencyState): void => {
      st.disturbance -= st.ufls;
      st.ufls = 0;
    };
    for (const [area, st] of freq) {
      if (st.ufls <= 0) continue;
      handOver(st);
      s.uflsShare.set(area, 0);
    }
    for (const zone of zones.values()) {
      if (zone.state.ufls <= 0) continue;
      handOver(zone.state);
      s.islandUflsShare.set(zone.key, 0);
    }
    settle();
    return true;
  };

  /** The operator's review, when due: re-dispatch, disconnect, reconnect; then when to look again. */
  const review = (): void => {
    if (!operator.enabled || t < operatorDue - EPS) return;
    operatorDue = Infinity;
    for (const [area, st] of freq)
      if (st.ufls <= 0 && Math.abs(st.df) < s.areaModels.get(area)!.standardBandHz) st.stages = 0;
    for (const z of zones.values())
      if (z.state.ufls <= 0 && Math.abs(z.state.df) < z.model.standardBandHz) z.state.stages = 0;
    // load that UFLS disconnected is now the operator's to reconnect, block by block
    let b = balance!;
    if (takeOverUfls(b)) b = balance!;
    const f = flows!;
    const limits = dcLimitsMW(f.pf, protection.ratingScale, f.Pf, f.loading);
    const result = operatorReview(s, b, f.pf, limits, highs, operator, t);
    for (const entry of result.entries) note(t, entry);
    if (result.shedChanged) {
      const after = balanceNow();
      disturb(b.areaNetMW, islandNets(b), after);
      addTransient(t);
      settle(after);
    }
    if (!isNormal()) operatorDue = t + operator.reviewS;
  };

  /** Integrates frequency and heats branches from t to `to`. */
  const advance = (to: number): void => {
    const dt = to - t;
    if (dt <= 0) return;
    const synchronised = advanceSetpoints(s, t, dt);
    for (const entry of synchronised) note(to, entry);
    // the operator looks again when a unit it started is there
    if (synchronised.length > 0 && operator.enabled) operatorDue = Math.min(operatorDue, to);
    for (const [area, st] of freq) {
      const m = s.areaModels.get(area)!;
      const stagesBefore = st.stages;
      const trace = integrateFrequency(m, st, dt);
      kpi.frequency(area, t, trace);
      for (const u of trace.ufls) {
        kpi.uflsStage(area);
        note(t + u.after, {
          kind: 'ufls',
          text: `${area}: frequency below ${u.frequencyHz.toFixed(2)} Hz, under-frequency load shedding stage ${u.stage + 1} (${m.ufls[u.stage]!.shedPct} % of load)`,
          area,
          MW: u.shedMW,
          Hz: u.frequencyHz,
        });
      }
      if (st.stages !== stagesBefore) s.uflsShare.set(area, Math.min(1, st.ufls / m.areaLoadMW));
    }
    for (const zone of zones.values()) {
      const m = zone.model;
      const st = zone.state;
      const stagesBefore = st.stages;
      const trace = integrateFrequency(m, st, dt);
      for (const u of trace.ufls)
        note(t + u.after, {
          kind: 'ufls',
          text: `${islandName(zone)}: frequency below ${u.frequencyHz.toFixed(2)} Hz, under-frequency load shedding stage ${u.stage + 1} (${m.ufls[u.stage]!.shedPct} % of the island's load)`,
          MW: u.shedMW,
          Hz: u.frequencyHz,
        });
      if (st.stages !== stagesBefore)
        s.islandUflsShare.set(zone.key, Math.min(1, st.ufls / m.areaLoadMW));
      if (collapses(trace.minHz, trace.maxHz))
        collapsed.push({ zone, at: t + trace.minAfter, minHz: trace.minHz, maxHz: trace.maxHz });
    }
    if (flows) heatBranches(protection, flows.loading, (l) => net.branches[l]!.inService, dt);
    t = to;
  };

  const first = (): { frame: Frame; log: LogEntry[] } => {
    while (cursor < events.length && events[cursor]!.at <= 0) {
      const eff = applyEvent(s, events[cursor++]!, live(), options.temperatureSensitivityMWPerC, 0);
      for (const entry of eff.entries) note(0, entry);
    }
    // the starting state is planned, and so is the demand of the hours ahead: the market's
    // schedule (day-ahead, hour by hour) commits cold units in merit order where the running
    // ones fall short of the demand the profile plans for any moment of the run, not only its
    // first, and (once the first solution has found them) the losses. Units committed for a
    // later peak run lower until it comes (the balance shares the demand among running units).
    const knots = profileKnotsWithin(clock, duration);
    let committed = 0;
    let peakAt = 0;
    for (let pass = 0; pass < 2; pass++) {
      const start = pass === 0 ? balanceNow() : balance!;
      const short = new Map<number, number>();
      let worst = 0;
      for (const at of knots) {
        const planned = at === 0 ? start : balanceAt(s, profiles, hourAt(at), at);
        let total = 0;
        planned.islandDeficitMW.forEach((mw, k) => {
          total += mw;
          if (mw > (short.get(k) ?? 0)) short.set(k, mw);
        });
        if (total > worst) [worst, peakAt] = [total, at];
      }
      if (short.size > 0)
        committed += commitForStart(
          s,
          short,
          (k) => start.islandOf[s.busIndex.get(net.generators[k]!.bus)!]!,
        );
      settle();
    }
    if (committed > 0)
      note(0, {
        kind: 'info',
        text: `${committed} more units committed in merit order to meet the demand planned for the run${peakAt > 0 ? ` (its largest shortfall at ${clockText(clock, peakAt)})` : ''}`,
      });
    settle();
    if (options.protection.tolerateBaseOverloads) {
      for (let l = 0; l < nBr; l++) {
        const L = flows!.loading[l]!;
        if (L <= 1) continue;
        protection.ratingScale[l] = L * 1.02;
        overloaded[l] = 0;
        tripDue[l] = Infinity;
        note(0, {
          kind: 'info',
          text: `${branchLabel(net, l, s.busIndex)} starts at ${(100 * L).toFixed(0)} % of its rating (a limitation of the dataset): protected at its starting flow`,
          element: { kind: 'branch', id: net.branches[l]!.id },
        });
      }
      // the first solve's overload warnings are superseded by the protected ratings
      const keep = (e: LogEntry): boolean => e.kind !== 'warning' || e.t > 0;
      pending.splice(0, pending.length, ...pending.filter(keep));
      log.splice(0, log.length, ...log.filter(keep));
      settle();
    }
    nextRegular = scenario.stepS;
    return emit();
  };

  const step = (): { frame: Frame; log: LogEntry[] } | null => {
    if (done) return null;
    if (tick === 0) return first();
    const tEvent = cursor < events.length ? events[cursor]!.at : Infinity;
    let tTrip = Infinity;
    for (const due of tripDue) tTrip = Math.min(tTrip, due);
    let tRestore = Infinity;
    for (const due of restoreDue.values()) tRestore = Math.min(tRestore, due);
    // a collapse found while integrating is acted on at once
    const tFrame = Math.min(nextRegular, transient[0] ?? Infinity);
    const tSync = nextSynchronisation(s);
    const tScheme = schemes.reduce((m, a) => Math.min(m, a.at), Infinity);
    const to = Math.min(tEvent, tTrip, tRestore, tFrame, tSync, operatorDue, tScheme, duration);
    advance(to);
    while (transient.length > 0 && transient[0]! <= t + EPS) transient.shift();
    while (nextRegular <= t + EPS) nextRegular += scenario.stepS;

    let sudden = false;
    const snap: { before: Map<string, number> | null; islands?: Map<string, number> } = {
      before: null,
    };
    const beforeOnce = (): void => {
      if (snap.before) return;
      const b = balanceNow();
      snap.before = b.areaNetMW;
      snap.islands = islandNets(b);
    };
    for (const c of collapsed.splice(0)) {
      beforeOnce();
      sudden = true;
      const low = c.minHz < 50;
      let mw = 0;
      for (const u of c.zone.units) {
        if (!net.generators[u]!.inService) continue;
        net.generators[u]!.inService = false;
        s.committed[u] = 0;
        mw += s.outputMW[u]!;
      }
      note(t, {
        kind: 'island',
        text: `${islandName(c.zone)} blacks out: its frequency went ${low ? `below 47.5 Hz (${c.minHz.toFixed(2)} Hz)` : `above 51.5 Hz (${c.maxHz.toFixed(2)} Hz)`} and its ${c.zone.units.length} units tripped (${formatMW(mw)})`,
        MW: c.zone.model.areaLoadMW,
        Hz: low ? c.minHz : c.maxHz,
      });
    }
    while (cursor < events.length && events[cursor]!.at <= t + EPS) {
      const e = events[cursor++]!;
      const isSudden =
        e.type === 'trip' || e.type === 'restore' || e.type === 'derate' || e.type === 'set-hvdc';
      if (isSudden) beforeOnce();
      const outputBefore =
        e.type === 'trip' && e.element.kind === 'generator'
          ? (flows?.Pg[s.genIndex.get(e.element.id)!] ?? 0)
          : 0;
      const eff = applyEvent(s, e, live(), options.temperatureSensitivityMWPerC, t);
      sudden ||= eff.sudden;
      for (const entry of eff.entries) note(t, entry);
      if (e.type === 'trip' && e.element.kind === 'generator') {
        const action = schemeForTrip(s, s.genIndex.get(e.element.id)!, outputBefore, balance!, t);
        if (action) schemes.push(action);
      }
    }
    for (let a = schemes.length - 1; a >= 0; a--) {
      const action = schemes[a]!;
      if (action.at > t + EPS) continue;
      schemes.splice(a, 1);
      beforeOnce();
      sudden = true;
      let mw = 0;
      for (const [i, shed] of action.shed) {
        s.spsShedMW[i] = s.spsShedMW[i]! + shed;
        mw += shed;
      }
      note(t, {
        kind: 'load-shed',
        text: `system protection ${action.scheme.id}: ${formatMW(mw)} of industrial load disconnected at ${action.shed.size} forest-industry substations (${action.scheme.source})`,
        country: action.scheme.country,
        MW: mw,
      });
    }
    for (let l = 0; l < nBr; l++) {
      if (tripDue[l]! > t + EPS || !net.branches[l]!.inService) continue;
      beforeOnce();
      const br = net.branches[l]!;
      br.inService = false;
      s.branchTripped[l] = 1;
      tripDue[l] = Infinity;
      sudden = true;
      const country = s.busCountry[s.busIndex.get(br.from)!];
      kpi.branchTripped(br.id, country);
      note(t, {
        kind: 'protection-trip',
        text: `protection tripped ${branchLabel(net, l, s.busIndex)} at ${(100 * flows!.loading[l]!).toFixed(0)} % loading`,
        element: { kind: 'branch', id: br.id },
        ...(country ? { country } : {}),
        loadingPct: 100 * flows!.loading[l]!,
      });
    }
    for (const [area, due] of restoreDue) {
      if (due > t + EPS) continue;
      beforeOnce();
      restoreDue.set(area, Infinity);
      if (area.startsWith('island:')) {
        const zone = zones.get(area.slice('island:'.length));
        if (!zone) continue;
        const mw = restoreUfls(zone.state);
        s.islandUflsShare.set(zone.key, 0);
        sudden = true;
        note(t, {
          kind: 'load-restored',
          text: `${islandName(zone)}: load shed by UFLS reconnected (${formatMW(mw)})`,
          MW: mw,
        });
        continue;
      }
      const mw = restoreUfls(freq.get(area)!);
      s.uflsShare.set(area, 0);
      sudden = true;
      note(t, {
        kind: 'load-restored',
        text: `${area}: load shed by UFLS reconnected (${formatMW(mw)} across the area)`,
        MW: mw,
      });
    }
    const before = snap.before;
    let after: Balance | undefined;
    if (sudden && before) {
      // the response already given stays; fast response and ramps start again from now
      holdResponse(s);
      s.disturbanceAt = t;
      if (operator.enabled) operatorDue = Math.min(operatorDue, t + operator.delayS);
      after = balanceNow();
      disturb(before, snap.islands ?? new Map(), after);
      addTransient(t);
    }
    settle(after);
    // without an operator, UFLS-shed load comes back by itself once frequency has been back in
    // its band for restoreDelayS; with one, the operator reconnects it (review)
    for (const zone of zones.values()) {
      const id = `island:${zone.key}`;
      if (zone.state.ufls <= 0 || operator.enabled) continue;
      if (Math.abs(zone.state.df) < zone.model.standardBandHz) {
        if (!Number.isFinite(restoreDue.get(id) ?? Infinity))
          restoreDue.set(id, t + options.restoreDelayS);
      } else restoreDue.set(id, Infinity);
    }
    for (const [area, st] of freq) {
      const m = s.areaModels.get(area)!;
      if (st.ufls <= 0 || operator.enabled) continue;
      if (Math.abs(st.df) < m.standardBandHz) {
        if (!Number.isFinite(restoreDue.get(area)!))
          restoreDue.set(area, t + options.restoreDelayS);
      } else restoreDue.set(area, Infinity);
    }
    review();
    const out = emit();
    if (t >= duration - EPS) done = true;
    return out;
  };

  const startTime = new Date(clock.startMs).toISOString();
  const run: ScenarioRun = {
    layout: s.layout,
    scenario,
    seed,
    startTime,
    durationS: duration,
    get done() {
      return done;
    },
    get progress() {
      return Math.min(1, t / duration);
    },
    step,
    kpis: () => kpi.result(t),
    summary: () => ({
      scenarioId: scenario.id,
      title: scenario.title,
      networkId: scenario.network,
      seed,
      startTime,
      frameCount: tick,
      kpis: kpi.result(t),
      log: [...log],
    }),
  };
  return run;
}

/** Runs a scenario to its end and keeps every frame. */
export function runScenario(
  inputs: EngineInputs,
  onStep?: (frame: Frame, log: LogEntry[]) => void,
): { summary: RunSummary; frames: Frame[] } {
  const run = createRun(inputs);
  const frames: Frame[] = [];
  for (let r = run.step(); r; r = run.step()) {
    frames.push(r.frame);
    onStep?.(r.frame, r.log);
  }
  return { summary: run.summary(), frames };
}

/** a branch's or link's state in a frame: in service, tripped by protection, or switched out */
function statusOf(inService: boolean, tripped: number): number {
  return inService ? STATUS.IN : tripped ? STATUS.TRIPPED : STATUS.OUT;
}
