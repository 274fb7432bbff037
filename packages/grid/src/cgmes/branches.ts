// Branches of the bus-branch model: ACLineSegment, SeriesCompensator and EquivalentBranch as
// lines (a line between nodes of different nominal voltages gets the ratio of those voltages,
// so that its ohms stay ohms), PowerTransformer (two windings: one branch; three: a star bus
// and one branch per winding), and closed switches that join two nodes (retained switches) as a
// near-zero impedance.
//
// Transformer model (IEC 61970-301 PowerTransformerEnd: each end's r, x, g, b in ohm and
// siemens at its own ratedU, around an ideal transformer whose windings are ratedU·ρ∠α with
// the end's tap changers): the series impedances of both ends are brought to the side of end 2
// (z = z2 + z1·(n2/n1)²), the magnetising admittances likewise, and the branch runs from end 1
// to end 2 with the off-nominal ratio τ = (n1/V1)/(n2/V2)∠(α1 − α2), V the nodes' nominal
// voltages. That is MATPOWER's branch (ratio at the from side, impedance at the to side); its
// charging b is the magnetising susceptance split half and half between the two sides, and the
// magnetising conductance, which a MATPOWER branch lacks, goes to the two buses' shunts the same
// way. Documented in docs/cgmes.md.
import type { Branch, Bus } from '../schema/network.ts';
import type { NetworkBuilder } from './builder.ts';
import { BASE_MVA } from './builder.ts';
import type { Limits } from './limits.ts';
import type { CimObject, CimStore } from './store.ts';
import type { TapChangers } from './tap-changers.ts';
import type { TerminalEnd } from './topology.ts';

/** pu reactance of a closed switch between two nodes (a bus-branch model has no zero impedance) */
export const SWITCH_X_PU = 1e-5;

/** the CIM switch classes, each a closed or open switch between two nodes */
export const SWITCH_CLASSES: readonly string[] = [
  'Switch',
  'Breaker',
  'Disconnector',
  'LoadBreakSwitch',
  'Fuse',
  'Jumper',
  'GroundDisconnector',
  'Cut',
  'ProtectedSwitch',
];

function baseBranch(b: NetworkBuilder, o: CimObject, from: CimObject, to: CimObject): Branch {
  return {
    id: o.mrid,
    ...(o.name === undefined ? {} : { name: o.name }),
    from: b.busId(from),
    to: b.busId(to),
    kind: 'line',
    r: 0,
    x: 0,
    b: 0,
    rateA: 0,
    rateB: 0,
    rateC: 0,
    tap: 0,
    shift: 0,
    inService: true,
    angmin: -360,
    angmax: 360,
  };
}

function addShunt(b: NetworkBuilder, node: CimObject, g: number, bsh: number): void {
  const bus = b.bus(node);
  const kv2 = bus.baseKV * bus.baseKV;
  bus.Gs += g * kv2;
  bus.Bs += bsh * kv2;
}

/** A series element in ohm/siemens between two terminals (lines, compensators, equivalents). */
function seriesBranch(
  b: NetworkBuilder,
  limits: Limits,
  o: CimObject,
  ends: TerminalEnd[],
  z: { r: number; x: number; g: number; b: number },
  kind: 'line' | 'transformer' = 'line',
): void {
  const [e1, e2] = ends as [TerminalEnd, TerminalEnd];
  if (e1.node === undefined || e2.node === undefined) {
    b.warn(`${o.label}: a terminal is not in the topology; left out`);
    return;
  }
  const kv1 = b.kv(e1.node);
  const kv2 = b.kv(e2.node);
  const rates = limits.ratings(o, [
    { terminal: e1.terminal, kv: kv1 },
    { terminal: e2.terminal, kv: kv2 },
  ]);
  if (!e1.connected && !e2.connected) {
    b.branches.push({
      ...baseBranch(b, o, e1.node, e2.node),
      kind,
      ...puSeries(b, e1.node, e2.node, z),
      ...rates,
      inService: false,
    });
    return;
  }
  if (!e1.connected || !e2.connected) {
    // Energised from one end only: its charging is a shunt at that end.
    const near = e1.connected ? e1.node : e2.node;
    const y = openEndedShunt(z);
    addShunt(b, near, y.g, y.b);
    b.branches.push({
      ...baseBranch(b, o, e1.node, e2.node),
      kind,
      ...puSeries(b, e1.node, e2.node, z),
      ...rates,
      inService: false,
    });
    b.warn(`${o.label}: connected at one end only; out of service, its charging kept as a shunt`);
    return;
  }
  b.branches.push({
    ...baseBranch(b, o, e1.node, e2.node),
    kind,
    ...puSeries(b, e1.node, e2.node, z),
    ...rates,
  });
  // The pi model's conductance, which a MATPOWER branch lacks, as shunts at the two ends.
  addShunt(b, e1.node, z.g / 2, 0);
  addShunt(b, e2.node, z.g / 2, 0);
}

function puSeries(
  b: NetworkBuilder,
  n1: CimObject,
  n2: CimObject,
  z: { r: number; x: number; b: number },
): Pick<Branch, 'r' | 'x' | 'b' | 'tap'> {
  const kv1 = b.kv(n1);
  const kv2 = b.kv(n2);
  const zBase = (kv2 * kv2) / BASE_MVA;
  return { r: z.r / zBase, x: z.x / zBase, b: z.b * zBase, tap: kv1 === kv2 ? 0 : kv2 / kv1 };
}

/** Admittance seen at one end of a pi section whose other end is open (siemens). */
function openEndedShunt(z: { r: number; x: number; g: number; b: number }): {
  g: number;
  b: number;
} {
  // y_near + y_far / (1 + Z·y_far), y = (g + jb)/2
  const yr = z.g / 2;
  const yi = z.b / 2;
  const dr = 1 + z.r * yr - z.x * yi;
  const di = z.r * yi + z.x * yr;
  const den = dr * dr + di * di;
  return { g: yr + (yr * dr + yi * di) / den, b: yi + (yi * dr - yr * di) / den };
}

export function convertLines(b: NetworkBuilder, store: CimStore, limits: Limits): void {
  const topo = b.topology;
  for (const o of store.all('ACLineSegment')) {
    seriesBranch(b, limits, o, topo.ends(o, 2), {
      r: o.num('ACLineSegment.r'),
      x: o.num('ACLineSegment.x'),
      g: o.optNum('ACLineSegment.gch') ?? 0,
      b: o.optNum('ACLineSegment.bch') ?? 0,
    });
  }
  for (const o of store.all('SeriesCompensator')) {
    seriesBranch(b, limits, o, topo.ends(o, 2), {
      r: o.num('SeriesCompensator.r'),
      x: o.num('SeriesCompensator.x'),
      g: 0,
      b: 0,
    });
  }
  for (const o of store.all('EquivalentBranch')) {
    const r = o.num('EquivalentBranch.r');
    const x = o.num('EquivalentBranch.x');
    const r21 = o.optNum('EquivalentBranch.r21');
    const x21 = o.optNum('EquivalentBranch.x21');
    if ((r21 !== undefined && r21 !== r) || (x21 !== undefined && x21 !== x))
      b.warn(`${o.label}: asymmetric (r21/x21 differ from r/x); the symmetric part r, x is used`);
    seriesBranch(b, limits, o, topo.ends(o, 2), { r, x, g: 0, b: 0 });
  }
}

export function convertSwitches(b: NetworkBuilder, store: CimStore): void {
  for (const o of store.all(...SWITCH_CLASSES)) {
    const ends = b.topology.ends(o, 2);
    const [e1, e2] = ends as [TerminalEnd, TerminalEnd];
    if (e1.node === undefined || e2.node === undefined || e1.node === e2.node) continue;
    const open = o.optBool('Switch.open') ?? o.optBool('Switch.normalOpen') ?? false;
    if (open) continue;
    b.branches.push({
      ...baseBranch(b, o, e1.node, e2.node),
      x: SWITCH_X_PU,
      tap: b.kv(e1.node) === b.kv(e2.node) ? 0 : b.kv(e2.node) / b.kv(e1.node),
      inService: e1.connected && e2.connected,
      equivalent: true,
      equivalentRule: `closed ${o.cls} between two topological nodes, modelled as x = ${SWITCH_X_PU} pu`,
    });
  }
}

interface Winding {
  end: CimObject;
  t: TerminalEnd;
  /** kV, rated voltage times the tap ratio */
  n: number;
  /** kV */
  ratedU: number;
  /** degrees */
  alpha: number;
  r: number;
  x: number;
  g: number;
  b: number;
}

/** Sign of the phase shift: τ's angle is PHASE_SIGN·(α1 − α2). */
const PHASE_SIGN = 1;

export function convertTransformers(
  b: NetworkBuilder,
  store: CimStore,
  limits: Limits,
  taps: TapChangers,
): void {
  const endsOf = new Map<string, CimObject[]>();
  for (const end of store.all('PowerTransformerEnd')) {
    const pt = end.ref('PowerTransformerEnd.PowerTransformer');
    let list = endsOf.get(pt.key);
    if (list === undefined) endsOf.set(pt.key, (list = []));
    list.push(end);
  }
  for (const pt of store.all('PowerTransformer')) {
    const ends = (endsOf.get(pt.key) ?? []).sort(
      (a, c) => a.num('TransformerEnd.endNumber') - c.num('TransformerEnd.endNumber'),
    );
    if (ends.length !== 2 && ends.length !== 3)
      pt.fail('unsupported', `has ${ends.length} PowerTransformerEnds; 2 or 3 are supported`);
    const inService = b.topology.inService(pt);
    const windings: Winding[] = ends.map((end) => {
      const terminal = end.ref('TransformerEnd.Terminal');
      const node = b.topology.nodeOf(terminal);
      const connected =
        inService && node !== undefined && (terminal.optBool('ACDCTerminal.connected') ?? true);
      const tap = taps.effect(end);
      const ratedU = end.num('PowerTransformerEnd.ratedU');
      if (!(ratedU > 0))
        end.fail('bad-value', `PowerTransformerEnd.ratedU is ${ratedU}, expected > 0 kV`);
      return {
        end,
        t: { terminal, node, connected },
        n: ratedU * tap.ratio,
        ratedU,
        alpha: tap.angle,
        r: end.num('PowerTransformerEnd.r') * (1 + tap.r / 100),
        x: end.num('PowerTransformerEnd.x') * (1 + tap.x / 100),
        g: (end.optNum('PowerTransformerEnd.g') ?? 0) * (1 + tap.g / 100),
        b: (end.optNum('PowerTransformerEnd.b') ?? 0) * (1 + tap.b / 100),
      };
    });
    for (const w of windings)
      if (w.t.node === undefined)
        pt.fail('inconsistent', `end ${w.end.mrid}'s terminal is not in the topology (TP)`);
    if (windings.length === 2) twoWinding(b, limits, pt, windings as [Winding, Winding]);
    else threeWinding(b, limits, pt, windings as [Winding, Winding, Winding]);
  }
}

function twoWinding(
  b: NetworkBuilder,
  limits: Limits,
  pt: CimObject,
  [w1, w2]: [Winding, Winding],
): void {
  const n1 = w1.t.node as CimObject;
  const n2 = w2.t.node as CimObject;
  // The impedances are referred with the rated voltages: a tap changer changes the ratio, not
  // the ohms (what the conformity models' SV states show; see docs/cgmes.md).
  const k = w2.ratedU / w1.ratedU;
  const rho2 = (w2.n / w2.ratedU) ** 2;
  const z = { r: (w2.r + w1.r * k * k) * rho2, x: (w2.x + w1.x * k * k) * rho2 };
  const y = { g: (w2.g + w1.g / (k * k)) / rho2, b: (w2.b + w1.b / (k * k)) / rho2 };
  const kv1 = b.kv(n1);
  const kv2 = b.kv(n2);
  const zBase = (kv2 * kv2) / BASE_MVA;
  const tau = w1.n / kv1 / (w2.n / kv2);
  const on = w1.t.connected && w2.t.connected;
  const br: Branch = {
    ...baseBranch(b, pt, n1, n2),
    kind: 'transformer',
    r: z.r / zBase,
    x: z.x / zBase,
    b: y.b * zBase,
    tap: tau,
    shift: PHASE_SIGN * (w1.alpha - w2.alpha),
    inService: on,
    ...limits.ratings(pt, [
      { terminal: w1.t.terminal, kv: kv1 },
      { terminal: w2.t.terminal, kv: kv2 },
    ]),
  };
  b.branches.push(br);
  if (on && y.g !== 0) {
    // half at the to side (end 2), half at the from side's internal node, seen from bus 1
    addShunt(b, n2, y.g / 2, 0);
    addShunt(b, n1, ((y.g / 2) * (kv2 * kv2)) / (kv1 * kv1) / (tau * tau), 0);
  }
  if (!on && (w1.t.connected || w2.t.connected))
    b.warn(
      `${pt.label}: connected at one end only; out of service (its magnetising admittance is left out)`,
    );
}

function threeWinding(
  b: NetworkBuilder,
  limits: Limits,
  pt: CimObject,
  ws: [Winding, Winding, Winding],
): void {
  // The star point is a bus of its own at end 1's rated voltage.
  const starKv = ws[0].end.num('PowerTransformerEnd.ratedU');
  const first = b.bus(ws[0].t.node as CimObject);
  const star: Bus = {
    ...first,
    id: pt.mrid,
    ...(pt.name === undefined ? {} : { name: `${pt.name} (star point)` }),
    type: 'PQ',
    Pd: 0,
    Qd: 0,
    Gs: 0,
    Bs: 0,
    baseKV: starKv,
    equivalent: true,
    equivalentRule:
      'star point of a three-winding transformer (its three windings are branches to it)',
  };
  delete star.lon;
  delete star.lat;
  b.buses.set(`${pt.key}#star`, star);
  const zBase = (starKv * starKv) / BASE_MVA;
  const anyOn = ws.filter((w) => w.t.connected).length >= 2;
  for (const w of ws) {
    const node = w.t.node as CimObject;
    const kv = b.kv(node);
    const k = starKv / w.ratedU;
    const br: Branch = {
      id: w.end.mrid,
      name: w.end.name ?? pt.name ?? pt.mrid,
      from: b.busId(node),
      to: star.id,
      kind: 'transformer',
      r: (w.r * k * k) / zBase,
      x: (w.x * k * k) / zBase,
      b: (w.b / (k * k)) * zBase,
      tap: w.n / kv,
      shift: PHASE_SIGN * w.alpha,
      inService: anyOn && w.t.connected,
      angmin: -360,
      angmax: 360,
      ...limits.ratings(pt, [{ terminal: w.t.terminal, kv }]),
    };
    b.branches.push(br);
    const g = w.g / (k * k);
    if (br.inService && g !== 0) {
      star.Gs += (g / 2) * starKv * starKv;
      const bus = b.bus(node);
      bus.Gs += ((g / 2) * starKv * starKv) / (br.tap * br.tap);
    }
  }
  if (!anyOn) star.type = 'NONE';
}
