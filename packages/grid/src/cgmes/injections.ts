// Injections at the buses, from the SSH set-points (CGMES uses the load sign convention: p > 0
// is power leaving the node, so a generator's p is negative):
// - SynchronousMachine, ExternalNetworkInjection, EquivalentInjection, StaticVarCompensator,
//   EnergySource → generators (id = mRID). Voltage control (RegulatingCondEq.controlEnabled and
//   an enabled voltage RegulatingControl; EquivalentInjection.regulationStatus) makes the bus PV
//   at the target over the regulated node's nominal voltage; reactive limits from the
//   capability curve at the unit's P (else minQ/maxQ).
// - EnergyConsumer (ConformLoad, NonConformLoad, StationSupply) and AsynchronousMachine → bus
//   demand; the constant-impedance share of a LoadResponseCharacteristic → bus shunt.
// - LinearShuntCompensator, NonlinearShuntCompensator, EquivalentShunt → bus shunt at their
//   sections (SSH, or SV when chosen).
import type { Generator } from '../schema/network.ts';
import { BASE_MVA, type NetworkBuilder } from './builder.ts';
import type { CimObject, CimStore } from './store.ts';

const LOAD_CLASSES = ['EnergyConsumer', 'ConformLoad', 'NonConformLoad', 'StationSupply'];

export function convertLoads(b: NetworkBuilder, store: CimStore): void {
  for (const o of store.all(...LOAD_CLASSES, 'AsynchronousMachine')) {
    const [end] = b.topology.ends(o, 1);
    if (end === undefined || !end.connected || end.node === undefined) continue;
    const machine = o.cls === 'AsynchronousMachine';
    const p = o.num(machine ? 'RotatingMachine.p' : 'EnergyConsumer.p');
    const q = o.num(machine ? 'RotatingMachine.q' : 'EnergyConsumer.q');
    const share = machine ? { pz: 0, qz: 0 } : impedanceShare(b, o);
    const bus = b.bus(end.node);
    bus.Pd += p * (1 - share.pz);
    bus.Qd += q * (1 - share.qz);
    // constant impedance: P = p·|V|², i.e. a shunt of p MW at 1 pu
    bus.Gs += p * share.pz;
    bus.Bs -= q * share.qz;
  }
}

/**
 * Share of a load that is constant impedance. A MATPOWER bus has constant power and constant
 * impedance only, so a constant-current share I counts half as power and half as impedance:
 * |V|·I ≈ I·(1 + |V|²)/2 has the same value and slope at 1 pu, and is off by I·(|V| − 1)²/2
 * (1.25e-3·I at 1.05 pu). Exponent models other than 0 (power) and 2 (impedance) are taken the
 * same way by their nearest mix: exponent e as e/2 impedance.
 */
function impedanceShare(b: NetworkBuilder, load: CimObject): { pz: number; qz: number } {
  const lrc = load.optRef('EnergyConsumer.LoadResponse');
  if (lrc === undefined) return { pz: 0, qz: 0 };
  if (lrc.optBool('LoadResponseCharacteristic.exponentModel') === true) {
    const pe = lrc.optNum('LoadResponseCharacteristic.pVoltageExponent') ?? 0;
    const qe = lrc.optNum('LoadResponseCharacteristic.qVoltageExponent') ?? 0;
    for (const e of [pe, qe])
      if (e !== 0 && e !== 1 && e !== 2)
        b.warn(
          `${load.label}: voltage exponent ${e} is approximated as ${e / 2} constant impedance`,
        );
    return { pz: Math.min(Math.max(pe / 2, 0), 1), qz: Math.min(Math.max(qe / 2, 0), 1) };
  }
  const pi = lrc.optNum('LoadResponseCharacteristic.pConstantCurrent') ?? 0;
  const qi = lrc.optNum('LoadResponseCharacteristic.qConstantCurrent') ?? 0;
  return {
    pz: (lrc.optNum('LoadResponseCharacteristic.pConstantImpedance') ?? 0) + pi / 2,
    qz: (lrc.optNum('LoadResponseCharacteristic.qConstantImpedance') ?? 0) + qi / 2,
  };
}

export function convertShunts(b: NetworkBuilder, store: CimStore): void {
  const svSections = new Map<string, number>();
  for (const sv of store.all('SvShuntCompensatorSections')) {
    const key = sv.optRefKey('SvShuntCompensatorSections.ShuntCompensator');
    const n = sv.optNum('SvShuntCompensatorSections.sections');
    if (key !== undefined && n !== undefined) svSections.set(key, n);
  }
  const points = store.groupByRef(
    'NonlinearShuntCompensatorPoint',
    'NonlinearShuntCompensatorPoint.NonlinearShuntCompensator',
    'skip',
  );
  for (const o of store.all(
    'LinearShuntCompensator',
    'NonlinearShuntCompensator',
    'EquivalentShunt',
  )) {
    const [end] = b.topology.ends(o, 1);
    if (end === undefined || !end.connected || end.node === undefined) continue;
    let g = 0;
    let bsh = 0;
    if (o.cls === 'EquivalentShunt') {
      g = o.num('EquivalentShunt.g');
      bsh = o.num('EquivalentShunt.b');
    } else {
      const ssh =
        o.optNum('ShuntCompensator.sections') ?? o.optNum('ShuntCompensator.normalSections');
      const sv = svSections.get(o.key);
      const sections =
        (b.options.controls === 'sv' && sv !== undefined ? sv : ssh) ??
        o.fail(
          'missing-profile',
          'ShuntCompensator.sections is missing (an SSH property: is the SSH profile loaded?)',
        );
      if (sections < 0)
        o.fail('bad-value', `ShuntCompensator.sections is ${sections}, expected ≥ 0`);
      if (o.cls === 'LinearShuntCompensator') {
        g = (o.optNum('LinearShuntCompensator.gPerSection') ?? 0) * sections;
        bsh = o.num('LinearShuntCompensator.bPerSection') * sections;
      } else {
        // Each point is one section's admittance: the shunt at n sections sums points 1…n.
        for (const p of points.get(o.key) ?? []) {
          if (p.num('NonlinearShuntCompensatorPoint.sectionNumber') > sections) continue;
          g += p.optNum('NonlinearShuntCompensatorPoint.g') ?? 0;
          bsh += p.num('NonlinearShuntCompensatorPoint.b');
        }
      }
    }
    const bus = b.bus(end.node);
    const kv2 = bus.baseKV * bus.baseKV;
    bus.Gs += g * kv2;
    bus.Bs += bsh * kv2;
  }
}

interface Control {
  /** pu of the regulated node's nominal voltage */
  vpu: number;
  regulated: CimObject;
}

/** The voltage a regulating equipment holds, or undefined when it does not hold one. */
function voltageControl(b: NetworkBuilder, o: CimObject): Control | undefined {
  if (o.cls === 'EquivalentInjection') {
    if (o.optBool('EquivalentInjection.regulationStatus') !== true) return undefined;
    if (o.optBool('EquivalentInjection.regulationCapability') === false) return undefined;
    const target = o.num('EquivalentInjection.regulationTarget');
    const node = b.topology.ends(o, 1)[0]?.node;
    if (node === undefined) return undefined;
    return { vpu: checkTarget(o, target, b.kv(node)), regulated: node };
  }
  if (o.optBool('RegulatingCondEq.controlEnabled') === false) return undefined;
  const rc = o.optRef('RegulatingCondEq.RegulatingControl');
  if (rc === undefined) return undefined;
  if (rc.optBool('RegulatingControl.enabled') === false) return undefined;
  const mode = rc.optEnum('RegulatingControl.mode');
  if (mode !== undefined && mode !== 'voltage') return undefined;
  const terminal = rc.optRef('RegulatingControl.Terminal');
  const own = b.topology.ends(o, 1)[0]?.node;
  const regulated = (terminal === undefined ? undefined : b.topology.nodeOf(terminal)) ?? own;
  if (regulated === undefined) return undefined;
  let target = rc.num('RegulatingControl.targetValue');
  const multiplier = rc.optEnum('RegulatingControl.targetValueUnitMultiplier');
  if (multiplier === 'M') target *= 1000;
  else if (multiplier === 'none' && target > 5 * b.kv(regulated)) target /= 1000;
  return { vpu: checkTarget(rc, target, b.kv(regulated)), regulated };
}

function checkTarget(o: CimObject, kv: number, nominal: number): number {
  const pu = kv / nominal;
  if (!(pu > 0.5 && pu < 1.5))
    o.fail('bad-value', `voltage target ${kv} kV is ${pu.toFixed(3)} pu of ${nominal} kV`);
  return pu;
}

/** MVAr limits at a P (MW): the reactive capability curve, else minQ/maxQ, else none. */
type Curves = Map<string, { x: number; lo: number; hi: number }[]>;

function reactiveLimits(
  o: CimObject,
  prefix: string,
  pg: number,
  curves: Curves,
): { Qmin: number; Qmax: number } {
  const curve = o.optRef('SynchronousMachine.InitialReactiveCapabilityCurve');
  if (curve !== undefined) {
    const pts = curves.get(curve.key) ?? [];
    if (pts.length > 0) return interpolate(pts, pg);
  }
  const lo = o.optNum(`${prefix}.minQ`);
  const hi = o.optNum(`${prefix}.maxQ`);
  if (lo !== undefined && hi !== undefined && !(lo === 0 && hi === 0) && lo <= hi)
    return { Qmin: lo, Qmax: hi };
  return { Qmin: -9999, Qmax: 9999 };
}

function interpolate(
  pts: { x: number; lo: number; hi: number }[],
  p: number,
): { Qmin: number; Qmax: number } {
  const s = [...pts].sort((a, c) => a.x - c.x);
  const first = s[0]!;
  const last = s[s.length - 1]!;
  if (p <= first.x) return { Qmin: first.lo, Qmax: first.hi };
  if (p >= last.x) return { Qmin: last.lo, Qmax: last.hi };
  for (let i = 1; i < s.length; i++) {
    const a = s[i - 1]!;
    const c = s[i]!;
    if (p <= c.x) {
      const t = c.x === a.x ? 0 : (p - a.x) / (c.x - a.x);
      return { Qmin: a.lo + t * (c.lo - a.lo), Qmax: a.hi + t * (c.hi - a.hi) };
    }
  }
  return { Qmin: last.lo, Qmax: last.hi };
}

const TECHNOLOGY: Record<string, string> = {
  ThermalGeneratingUnit: 'thermal',
  HydroGeneratingUnit: 'hydro',
  NuclearGeneratingUnit: 'nuclear',
  WindGeneratingUnit: 'wind',
  SolarGeneratingUnit: 'solar',
};

function technology(store: CimStore, unit: CimObject | undefined): string | undefined {
  if (unit === undefined) return undefined;
  if (unit.cls === 'ThermalGeneratingUnit') {
    const fuel = store
      .all('FossilFuel')
      .find((f) => f.optRefKey('FossilFuel.ThermalGeneratingUnit') === unit.key)
      ?.optEnum('FossilFuel.fossilFuelType');
    if (fuel !== undefined) return fuel;
  }
  return TECHNOLOGY[unit.cls];
}

const GENERATOR_CLASSES = [
  'SynchronousMachine',
  'ExternalNetworkInjection',
  'EquivalentInjection',
  'StaticVarCompensator',
  'EnergySource',
];

export function convertGenerators(b: NetworkBuilder, store: CimStore): void {
  const curves: Curves = new Map();
  for (const c of store.all('CurveData')) {
    const key = c.optRefKey('CurveData.Curve');
    if (key === undefined) continue;
    let list = curves.get(key);
    if (list === undefined) curves.set(key, (list = []));
    list.push({
      x: c.num('CurveData.xvalue'),
      lo: c.num('CurveData.y1value'),
      hi: c.num('CurveData.y2value'),
    });
  }
  for (const o of store.all(...GENERATOR_CLASSES)) {
    const [end] = b.topology.ends(o, 1);
    if (end === undefined || end.node === undefined) continue;
    const { p, q, prefix } = setPoint(o);
    const Pg = -p;
    const Qg = -q;
    const control = end.connected ? voltageControl(b, o) : undefined;
    const unit = o.optRef('RotatingMachine.GeneratingUnit');
    const limits = reactiveLimits(o, prefix, Pg, curves);
    const pmax = unit?.optNum('GeneratingUnit.maxOperatingP') ?? o.optNum(`${prefix}.maxP`);
    const pmin = unit?.optNum('GeneratingUnit.minOperatingP') ?? o.optNum(`${prefix}.minP`);
    const tech = technology(store, unit);
    const remote =
      control !== undefined && control.regulated !== end.node
        ? b.busId(control.regulated)
        : undefined;
    const gen: Generator = {
      id: o.mrid,
      ...(o.name === undefined ? {} : { name: o.name }),
      bus: b.busId(end.node),
      Pg,
      Qg,
      Qmax: limits.Qmax,
      Qmin: limits.Qmin,
      Vg: control?.vpu ?? 1,
      ...(remote === undefined ? {} : { regulatedBus: remote }),
      mBase: o.optNum('RotatingMachine.ratedS') ?? BASE_MVA,
      inService: end.connected,
      Pmax: pmax ?? Math.max(Pg, 0),
      Pmin: pmin ?? Math.min(Pg, 0),
      ...(tech === undefined ? {} : { technology: tech }),
      unitType: o.cls,
    };
    if (o.cls === 'StaticVarCompensator') svcLimits(o, b.kv(end.node), gen);
    b.generators.push(gen);
    b.generatorSource.set(gen.id, o);
    if (control !== undefined) {
      const bus = b.bus(end.node);
      if (bus.type === 'PQ') bus.type = 'PV';
      if (control.regulated !== end.node)
        b.remoteRegulation.set(gen.id, b.busId(control.regulated));
    } else if (end.connected) b.fixedQ.add(gen.id);
    const priority =
      o.optNum('SynchronousMachine.referencePriority') ??
      o.optNum('ExternalNetworkInjection.referencePriority');
    if (priority !== undefined && priority > 0 && end.connected)
      b.referencePriority.set(gen.id, priority);
  }
}

function setPoint(o: CimObject): { p: number; q: number; prefix: string } {
  switch (o.cls) {
    case 'SynchronousMachine':
      return {
        p: o.num('RotatingMachine.p'),
        q: o.num('RotatingMachine.q'),
        prefix: 'SynchronousMachine',
      };
    case 'ExternalNetworkInjection':
      return {
        p: o.num('ExternalNetworkInjection.p'),
        q: o.num('ExternalNetworkInjection.q'),
        prefix: 'ExternalNetworkInjection',
      };
    case 'EquivalentInjection':
      return {
        p: o.num('EquivalentInjection.p'),
        q: o.num('EquivalentInjection.q'),
        prefix: 'EquivalentInjection',
      };
    case 'StaticVarCompensator':
      return { p: 0, q: o.num('StaticVarCompensator.q'), prefix: 'StaticVarCompensator' };
    default:
      return {
        p: o.num('EnergySource.activePower'),
        q: o.num('EnergySource.reactivePower'),
        prefix: 'EnergySource',
      };
  }
}

/** An SVC's range from its reactances at 1 pu: capacitive gives +Q, inductive −Q. */
function svcLimits(o: CimObject, kv: number, gen: Generator): void {
  const cap = o.optNum('StaticVarCompensator.capacitiveRating');
  const ind = o.optNum('StaticVarCompensator.inductiveRating');
  if (cap !== undefined && cap !== 0) gen.Qmax = (kv * kv) / Math.abs(cap);
  if (ind !== undefined && ind !== 0) gen.Qmin = -(kv * kv) / Math.abs(ind);
  gen.Pmax = 0;
  gen.Pmin = 0;
}
