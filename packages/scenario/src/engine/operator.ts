// The control-room operator. At each review it re-dispatches with a DC OPF on HiGHS
// (packages/powerflow/src/opf) what can move within the manual-reserve horizon:
//
//   min Σ_k c_k(P_k) + Σ_i VoLL_c(i) · shed_i
//     c_k: raising a unit costs its merit-order price + a premium, lowering it saves its price
//          − the premium (a convex piecewise-linear curve with its kink at the present output);
//          an external equivalent beyond its traded range costs the emergency-exchange price
//     s.t. every island balanced, each branch within margin · RATE_A · (protection's scale),
//          running units within what their ramps reach in horizonS, cold units only if they
//          start within it, shed_i between what may be reconnected now and the bus's load
//
// so overloads are relieved by re-dispatch first and by shedding only where nothing else can,
// at the buses where it relieves most; shed load comes back in blocks as capacity returns.
// Units needed beyond the horizon (slow starts) are ordered to start for later reviews. The
// result is a set of schedules and disconnections; the units get there at their ramps
// (unit-dispatch.ts). Every action is one line of the event log.
import {
  NONE,
  runDcOpfWith,
  type GenCost,
  type Highs,
  type OpfCase,
  type PfCase,
} from '@finest/powerflow';
import type { LogEntry } from '../schema/run.ts';
import type { Balance } from './balance.ts';
import { branchLabel, busLabel, formatMW, generatorLabel, minutes } from './names.ts';
import { OPERATOR_DEFAULTS } from './operator-defaults.ts';
import { withLossLoads } from './network-sharing.ts';
import { orderStart } from './unit-dispatch.ts';
import type { WorkingState } from './working-state.ts';

export interface OperatorSettings {
  delayS: number;
  reviewS: number;
  horizonS: number;
  valueOfLostLoad: (country: string) => number;
}

export interface ReviewResult {
  entries: Omit<LogEntry, 't' | 'clock'>[];
  /** load was disconnected or reconnected (a sudden change for the frequency models) */
  shedChanged: boolean;
}

type Entry = Omit<LogEntry, 't' | 'clock'>;

/** MW below which a change is not worth a line */
const NOTABLE_MW = 5;

/** The PfCase with one extra unit per bus in `buses` (its load-shedding lever). */
function withShedUnits(pf: PfCase, buses: readonly number[]): PfCase {
  const n = pf.nGen + buses.length;
  const grow = <T extends Float64Array | Int32Array | Uint8Array>(
    a: T,
    fill: (j: number) => number,
  ): T => {
    const out = new (a.constructor as new (n: number) => T)(n);
    out.set(a);
    for (let j = 0; j < buses.length; j++) out[pf.nGen + j] = fill(j);
    return out;
  };
  const extra: Partial<PfCase> = {
    nGen: n,
    genBus: grow(pf.genBus, (j) => buses[j]!),
    Pg: grow(pf.Pg, () => 0),
    Qg: grow(pf.Qg, () => 0),
    Qmax: grow(pf.Qmax, () => 0),
    Qmin: grow(pf.Qmin, () => 0),
    Vg: grow(pf.Vg, () => 1),
    genOn: grow(pf.genOn, () => 1),
    // a shedding lever holds no voltage; it regulates its own bus like any unit
    regBus: grow(pf.regBus, (j) => buses[j]!),
  };
  return { ...pf, ...extra };
}

const linear = (c1: number): GenCost => ({ kind: 'polynomial', c2: 0, c1, c0: 0 });

/** Convex piecewise-linear cost with slope `below` under P0 and `above` over it, on [lo, hi]. */
function kinked(lo: number, P0: number, hi: number, below: number, above: number): GenCost {
  const a = Math.min(lo, P0 - 1);
  const b = Math.max(hi, P0 + 1);
  return {
    kind: 'piecewise',
    x: Float64Array.from([a, P0, b]),
    y: Float64Array.from([below * (a - P0), 0, above * (b - P0)]),
  };
}

export function operatorReview(
  s: WorkingState,
  b: Balance,
  pf: PfCase,
  /** per branch, MW the DC flows may use (network-sharing.ts dcLimitsMW) */
  limitsMW: Float64Array,
  highs: Highs,
  settings: OperatorSettings,
  t: number,
): ReviewResult {
  const { net } = s;
  const nGen = net.generators.length;
  const H = settings.horizonS;
  const premium = OPERATOR_DEFAULTS.redispatchPremiumEurPerMWh;

  // load that may be served: what is served now plus what is disconnected on purpose
  const shedBuses: number[] = [];
  const connectable = new Float64Array(pf.nBus);
  const held = new Float64Array(pf.nBus);
  for (let i = 0; i < pf.nBus; i++) {
    // what is off on purpose comes back in blocks
    held[i] = b.controlledShedMW[i]!;
    connectable[i] = b.servedMW[i]! + held[i]!;
    if (connectable[i]! > 1e-6 && pf.busType[i] !== NONE) shedBuses.push(i);
  }
  // reconnection in blocks: per island, a share of its running synchronous capacity
  const block = new Map<number, number>();
  for (let k = 0; k < nGen; k++) {
    if (!pf.genOn[k] || s.isWind[k] || net.generators[k]!.technology === 'external') continue;
    const isl = b.islandOfUnit[k]!;
    block.set(isl, (block.get(isl) ?? 0) + OPERATOR_DEFAULTS.restoreBlockShare * s.ratedMW[k]!);
  }
  const heldIn = new Map<number, number>();
  for (const i of shedBuses)
    heldIn.set(b.islandOf[i]!, (heldIn.get(b.islandOf[i]!) ?? 0) + held[i]!);

  // the losses are load the units carry, spread over the island's load; shedding a bus takes
  // its share of them with it
  const lossy = withLossLoads(pf, b.islandOf, b.islandLossMW, connectable);
  const opfPf = withShedUnits(lossy, shedBuses);
  const n = opfPf.nGen;
  const Pmin = new Float64Array(n);
  const Pmax = new Float64Array(n);
  const costs: GenCost[] = [];
  const out = b.generatorMW;
  // units in the problem: those running in an energised island, and cold ones that could start
  const canRun = Uint8Array.from(net.generators, (g, k) => {
    const i = s.busIndex.get(g.bus)!;
    if (!g.inService || !s.busOn[i] || !b.energised[b.islandOf[i]!]) return 0;
    return pf.genOn[k] || !s.committed[k] ? 1 : 0;
  });
  for (let k = 0; k < nGen; k++) {
    const g = net.generators[k]!;
    const P0 = out[k]!;
    const price = s.unitCost[k]!;
    if (!canRun[k]) {
      costs.push(linear(0));
      continue;
    }
    if (g.technology === 'external') {
      // the ties: back within the traded range where the domestic units can take over; beyond
      // it the exchange costs the emergency price on top (a convex curve: slopes rise)
      const lo = Math.min(g.Pmin, P0);
      const hi = Math.max(g.Pmax, P0);
      Pmin[k] = lo;
      Pmax[k] = hi;
      // convex: the schedule's price ± the premium around the present exchange, and the
      // emergency price on top beyond the traded range
      const e = OPERATOR_DEFAULTS.emergencyExchangeEurPerMWh;
      const points = [lo - 1, P0, hi + 1];
      if (g.Pmin < P0 && g.Pmin > lo - 1) points.push(g.Pmin);
      if (g.Pmax > P0 && g.Pmax < hi + 1) points.push(g.Pmax);
      points.sort((a, c) => a - c);
      const slope = (x: number): number =>
        x < P0 ? price - premium - (x < g.Pmin ? e : 0) : price + premium + (x >= g.Pmax ? e : 0);
      const y = [0];
      for (let j = 1; j < points.length; j++)
        y.push(
          y[j - 1]! + slope((points[j - 1]! + points[j]!) / 2) * (points[j]! - points[j - 1]!),
        );
      costs.push({ kind: 'piecewise', x: Float64Array.from(points), y: Float64Array.from(y) });
      continue;
    }
    if (s.isWind[k]) {
      Pmin[k] = 0;
      Pmax[k] = P0;
      costs.push(linear(0));
      continue;
    }
    if (!s.committed[k]) {
      // a cold unit: only if it synchronises within the horizon, then as far as it ramps
      // (slower ones are ordered below, if the re-dispatch cannot do without them)
      const d = s.dynamics[k]!;
      Pmin[k] = 0;
      Pmax[k] = d.startupS < H && !Number.isFinite(s.startReadyAt[k]!) ? s.availableMW[k]! : 0;
      costs.push(linear(price + premium));
      continue;
    }
    // the decision is the unit's new schedule, anywhere in its range; it gets there at its ramp
    const sched = Math.min(s.scheduledMW[k]!, s.availableMW[k]!);
    Pmin[k] = Math.min(Math.max(0, g.Pmin), sched);
    Pmax[k] = Math.max(s.availableMW[k]!, sched);
    costs.push(kinked(Pmin[k]!, sched, Pmax[k]!, price - premium, price + premium));
  }
  shedBuses.forEach((i, j) => {
    const k = nGen + j;
    const isl = b.islandOf[i]!;
    // reconnect at most one block per island per review, spread over the shed buses
    const inIsland = heldIn.get(isl) ?? 0;
    const back = inIsland > 0 ? Math.min(1, (block.get(isl) ?? 0) / inIsland) : 1;
    Pmin[k] = held[i]! * (1 - back) * (connectable[i]! > 0 ? lossy.Pd[i]! / connectable[i]! : 1);
    Pmax[k] = lossy.Pd[i]!;
    costs.push(linear(settings.valueOfLostLoad(s.busCountry[i]!)));
  });
  const genOn = Uint8Array.from(opfPf.genOn, (_, k) =>
    k >= nGen ? 1 : canRun[k] && (Pmax[k]! > 0 || Pmin[k]! < 0 || pf.genOn[k]) ? 1 : 0,
  );
  const opf: OpfCase = {
    pf: { ...opfPf, genOn, rateA: limitsMW },
    Pmin,
    Pmax,
    costs,
    angmin: new Float64Array(pf.nBranch).fill(-360),
    angmax: new Float64Array(pf.nBranch).fill(360),
  };
  const result = runDcOpfWith(highs, opf);
  if (!result.success)
    return {
      entries: [
        {
          kind: 'operator',
          text: `operator: no re-dispatch found (${result.reason ?? result.status})`,
        },
      ],
      shedChanged: false,
    };

  // apply: schedules, starts, disconnections
  const moves: { k: number; delta: number }[] = [];
  const started: string[] = [];
  for (let k = 0; k < nGen; k++) {
    if (!genOn[k]) continue;
    const g = net.generators[k]!;
    if (g.technology === 'external' || s.isWind[k]) continue;
    const target = result.Pg[k]!;
    // what the operator changes is the schedule; the unit's output follows at its ramp
    const delta = target - Math.min(s.scheduledMW[k]!, s.availableMW[k]!);
    if (!s.committed[k]) {
      if (target > NOTABLE_MW) {
        s.scheduledMW[k] = target;
        const ready = orderStart(s, k, t);
        started.push(
          `start ${generatorLabel(net, k)} (${formatMW(target)}, synchronises in ${minutes(ready - t)})`,
        );
      }
      continue;
    }
    if (Math.abs(delta) <= NOTABLE_MW) continue;
    s.scheduledMW[k] = target;
    moves.push({ k, delta });
  }
  let shedChanged = false;
  const shedAt: string[] = [];
  const backAt: string[] = [];
  let shedTotal = 0;
  let backTotal = 0;
  shedBuses.forEach((i, j) => {
    // back from the loss-scaled load to the bus's own MW
    const scale = lossy.Pd[i]! > 0 ? connectable[i]! / lossy.Pd[i]! : 1;
    const mw = result.Pg[nGen + j]! * scale;
    const change = mw - held[i]!;
    if (Math.abs(change) < 0.5) return;
    shedChanged = true;
    // what system protection took is given back first by the operator's reconnection
    const fromSps = Math.min(s.spsShedMW[i]!, Math.max(0, -change));
    s.spsShedMW[i] = s.spsShedMW[i]! - fromSps;
    s.operatorShedMW[i] = Math.max(0, mw - s.spsShedMW[i]!);
    if (change > 0) {
      shedTotal += change;
      shedAt.push(busLabel(net, i));
    } else {
      backTotal += -change;
      backAt.push(busLabel(net, i));
    }
  });
  // slow units for later: what the re-dispatch had to shed or take over the ties, less what
  // units already starting will bring
  let uncovered = shedTotal;
  for (let k = 0; k < nGen; k++)
    if (Number.isFinite(s.startReadyAt[k]!)) uncovered -= s.scheduledMW[k]!;
  for (let k = 0; k < nGen; k++) {
    const g = net.generators[k]!;
    if (g.technology === 'external') uncovered += Math.max(0, result.Pg[k]! - g.Pmax);
  }
  if (uncovered > NOTABLE_MW) {
    const cold = net.generators
      .map((_, k) => k)
      .filter(
        (k) =>
          !s.committed[k] &&
          !Number.isFinite(s.startReadyAt[k]!) &&
          net.generators[k]!.inService &&
          !s.isWind[k] &&
          s.dynamics[k]!.startupS >= H,
      )
      .sort((a, c) => s.unitCost[a]! - s.unitCost[c]! || a - c);
    for (const k of cold) {
      if (uncovered <= NOTABLE_MW) break;
      const mw = Math.min(uncovered, s.availableMW[k]!);
      s.scheduledMW[k] = mw;
      const ready = orderStart(s, k, t);
      started.push(
        `start ${generatorLabel(net, k)} for ${formatMW(mw)} (synchronises in ${minutes(ready - t)})`,
      );
      uncovered -= mw;
    }
  }

  const parts: string[] = [];
  if (moves.length > 0) parts.push(describeMoves(net, moves));
  if (started.length > 0) parts.push(started.join(', '));
  if (shedTotal > 0.5)
    parts.push(
      `${formatMW(shedTotal)} of load disconnected at ${list(shedAt)} (no re-dispatch relieves it)`,
    );
  if (backTotal > 0.5) parts.push(`${formatMW(backTotal)} of load reconnected at ${list(backAt)}`);
  if (parts.length === 0) return { entries: [], shedChanged };
  // the branches the re-dispatch holds at their limit, with the loading it aims for
  const relieved: string[] = [];
  for (const l of result.binding) {
    const rate = pf.rateA[l]!;
    if (rate > 0)
      relieved.push(
        `${branchLabel(net, l, s.busIndex)} to ${((100 * Math.abs(result.Pf[l]!)) / rate).toFixed(0)} %`,
      );
  }
  const entries: Entry[] = [
    {
      kind: 'operator',
      text: `operator: ${parts.join('; ')}${relieved.length > 0 ? `; ${relieved.slice(0, 3).join(', ')}` : ''}`,
      ...(shedTotal > 0.5 ? { MW: shedTotal } : {}),
    },
  ];
  return { entries, shedChanged };
}

/** "+300 MW Vuosaari unit G2282, −300 MW Olkiluoto unit G2306 (+120 MW on 9 more units)" */
function describeMoves(net: WorkingState['net'], moves: { k: number; delta: number }[]): string {
  const SHOWN = 4;
  const sorted = [...moves].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.k - b.k);
  const sign = (v: number): string => (v >= 0 ? '+' : '−');
  const named = sorted
    .slice(0, SHOWN)
    .map((m) => `${sign(m.delta)}${formatMW(m.delta)} ${generatorLabel(net, m.k)}`);
  const rest = sorted.slice(SHOWN);
  if (rest.length > 0) {
    const sum = rest.reduce((acc, m) => acc + m.delta, 0);
    named.push(`${sign(sum)}${formatMW(sum)} on ${rest.length} more units`);
  }
  return named.join(', ');
}

const list = (names: string[]): string =>
  names.length <= 3
    ? names.join(', ')
    : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
