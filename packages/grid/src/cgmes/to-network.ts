// A CGMES model (merged profiles) → the twin's bus-branch network at TopologicalNode level.
// Bus ids are the TopologicalNodes' mRIDs, element ids the equipment's mRIDs (three-winding
// transformers: the star bus takes the transformer's, the windings their ends'), so results map
// back to the source. Each energised island gets one reference: the unit with the best
// referencePriority (1 first), else the largest voltage-controlling unit; an island with no
// voltage source is de-energised (type NONE), as the SV of such nodes is absent.
// At a boundary node joining two loaded models (a tie line in an assembled model), the
// EquivalentInjections standing for the neighbour are dropped: the neighbour is there itself.
import { CgmesError } from '../errors.ts';
import type { Bus, Network } from '../schema/network.ts';
import { NetworkSchema } from '../schema/network.ts';
import { checkNetwork } from '../check/check-network.ts';
import { convertLines, convertSwitches, convertTransformers, SWITCH_CLASSES } from './branches.ts';
import { BASE_MVA, NetworkBuilder, type ImportOptions } from './builder.ts';
import { convertDc } from './dc.ts';
import { convertGenerators, convertLoads, convertShunts } from './injections.ts';
import { placeInDiagram } from './diagram-layout.ts';
import { Limits } from './limits.ts';
import { placeBuses } from './locations.ts';
import type { CgmesVersion, ProfileKind } from './profiles.ts';
import { Regions } from './regions.ts';
import type { CimObject, CimStore } from './store.ts';
import { TapChangers } from './tap-changers.ts';
import { Topology } from './topology.ts';

export interface CgmesImport {
  network: Network;
  version: CgmesVersion;
  profiles: { file: string; kind: ProfileKind }[];
  /** SV state per bus id, when an SV profile was given: kV and degrees */
  sv: Map<string, { v: number; angle: number }>;
  /** generators holding the voltage of another bus: generator id → bus id */
  remoteRegulation: Map<string, string>;
  /** tap changers whose SV position differs from the SSH one */
  movedTaps: string[];
  /** what was approximated or left out, one line each */
  warnings: string[];
}

export function cgmesToNetwork(
  store: CimStore,
  name: string,
  options: ImportOptions = {},
): CgmesImport {
  const hasSv = store.documents.some((d) => d.kind === 'SV');
  const opts: Required<ImportOptions> = {
    controls: options.controls ?? (hasSv ? 'sv' : 'ssh'),
    svStart: options.svStart ?? true,
  };
  const topology = new Topology(store);
  const b = new NetworkBuilder(topology, opts);
  const regions = new Regions();
  const sv = svVoltages(store);
  if (topology.nodes.length === 0)
    throw new CgmesError(
      'missing-profile',
      { file: store.documents.map((d) => d.doc.file).join(', ') },
      'no TopologicalNode: the TP profile is empty',
    );

  for (const node of topology.nodes) {
    const kv = topology.nominalKv(node);
    const region = regions.of(node);
    const state = sv.get(node.key);
    const bus: Bus = {
      id: node.mrid,
      ...(node.name === undefined ? {} : { name: node.name }),
      type: 'PQ',
      Pd: 0,
      Qd: 0,
      Gs: 0,
      Bs: 0,
      area: region.area,
      zone: region.zone,
      Vm: opts.svStart && state !== undefined && state.v > 0 ? state.v / kv : 1,
      Va: opts.svStart && state !== undefined ? state.angle : 0,
      baseKV: kv,
      ...Regions.voltageLimits(node, kv),
      ...(region.country === undefined ? {} : { country: region.country }),
      ...(topology.isBoundary(node) ? { external: true } : {}),
    };
    if (b.buses.has(node.key)) node.fail('duplicate', 'defined twice');
    b.buses.set(node.key, bus);
    b.busNode.set(node.key, node);
  }
  const ids = new Set<string>();
  for (const bus of b.buses.values()) {
    if (ids.has(bus.id))
      throw new CgmesError(
        'duplicate',
        { file: '(model)', element: `TopologicalNode ${bus.id}` },
        'two TopologicalNodes share this mRID',
      );
    ids.add(bus.id);
  }

  const limits = new Limits(store);
  const taps = new TapChangers(store, opts.controls === 'sv');
  convertLines(b, store, limits);
  convertSwitches(b, store);
  convertTransformers(b, store, limits, taps);
  convertLoads(b, store);
  convertShunts(b, store);
  convertGenerators(b, store);
  dropTieEquivalents(b, store);
  convertDc(b, store);
  foldFixedQ(b);
  placeBuses(b, store);
  // a diagram is only for drawing a network the GL profile could not place
  if (b.buses.size > 0 && [...b.buses.values()].every((bus) => bus.lon === undefined))
    placeInDiagram(b, store);
  const buses = [...b.buses.values()];
  assignReferences(b, buses);
  startVoltages(
    buses,
    b,
    new Set(opts.svStart ? [...sv.keys()].map((k) => b.buses.get(k)?.id) : []),
  );
  reportUnsupported(b, store);

  const network: Network = {
    formatVersion: 1,
    name,
    description: `CGMES ${store.version} model (${store.documents.map((d) => d.kind).join(', ')}), imported by FinEst Twin`,
    baseMVA: BASE_MVA,
    buses,
    branches: b.branches,
    generators: b.generators,
    hvdcLinks: b.hvdcLinks,
    areas: [...regions.areas.values()],
    countries: [...regions.countries.values()],
    datasets: [],
    gencost: generatorCosts(b),
  };
  const parsed = NetworkSchema.safeParse(network);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CgmesError(
      'bad-value',
      { file: '(model)' },
      `the imported network is invalid at ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  const issues = checkNetwork(network);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new CgmesError(
      'inconsistent',
      { file: '(model)' },
      `the imported network is inconsistent: ${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
    );
  }
  const svById = new Map<string, { v: number; angle: number }>();
  for (const [key, state] of sv) {
    const bus = b.buses.get(key);
    if (bus !== undefined) svById.set(bus.id, state);
  }
  return {
    network,
    version: store.version,
    profiles: store.documents.map((d) => ({ file: d.doc.file, kind: d.kind })),
    sv: svById,
    remoteRegulation: b.remoteRegulation,
    movedTaps: taps.moved,
    warnings: [...b.warnings, ...store.conflicts.map((c) => `conflicting values: ${c}`)],
  };
}

function svVoltages(store: CimStore): Map<string, { v: number; angle: number }> {
  const out = new Map<string, { v: number; angle: number }>();
  for (const o of store.all('SvVoltage')) {
    const node = o.optRefKey('SvVoltage.TopologicalNode');
    if (node === undefined) continue;
    out.set(node, { v: o.num('SvVoltage.v'), angle: o.num('SvVoltage.angle') });
  }
  return out;
}

/** $/MWh by technology when a unit has no GeneratingUnit.variableCost (CGMES rarely has one). */
const DEFAULT_COST: Record<string, number> = {
  nuclear: 10,
  hydro: 5,
  wind: 0,
  solar: 0,
  thermal: 50,
};
const EQUIVALENT_COST = 100;

/**
 * MATPOWER gencost rows (linear: [2, 0, 0, 2, c, 0]) so that `finest opf` runs on an imported
 * model: GeneratingUnit.variableCost when given, else a documented default by technology, and
 * a high price for equivalents of the outside system (boundary and external injections).
 */
function generatorCosts(b: NetworkBuilder): number[][] {
  const rows: number[][] = [];
  let defaults = 0;
  for (const g of b.generators) {
    const unit = b.generatorSource.get(g.id)?.optRef('RotatingMachine.GeneratingUnit');
    const given = unit?.optNum('GeneratingUnit.variableCost');
    let c = given;
    if (c === undefined) {
      defaults++;
      c =
        g.unitType === 'SynchronousMachine'
          ? (DEFAULT_COST[g.technology ?? ''] ?? 60)
          : EQUIVALENT_COST;
    }
    rows.push([2, 0, 0, 2, c, 0]);
  }
  if (defaults > 0)
    b.warn(
      `${defaults} unit${defaults === 1 ? '' : 's'} without GeneratingUnit.variableCost: OPF costs by technology (docs/cgmes.md)`,
    );
  return rows;
}

/** Boundary nodes that equipment of two or more models (EQ files) connects to. */
function dropTieEquivalents(b: NetworkBuilder, store: CimStore): void {
  const filesAt = new Map<string, Set<string>>();
  for (const t of store.all('Terminal')) {
    const node = b.topology.nodeOf(t);
    if (node === undefined || !b.topology.isBoundary(node)) continue;
    const eq = t.optRef('Terminal.ConductingEquipment');
    if (eq === undefined || eq.cls === 'EquivalentInjection') continue;
    let files = filesAt.get(node.key);
    if (files === undefined) filesAt.set(node.key, (files = new Set()));
    files.add(eq.file);
  }
  const ties = new Set(
    [...filesAt].filter(([, f]) => f.size >= 2).map(([key]) => b.bus(b.busNode.get(key)!).id),
  );
  if (ties.size === 0) return;
  const dropped = b.generators.filter(
    (g) => g.unitType === 'EquivalentInjection' && ties.has(g.bus),
  );
  const net = new Map<string, number>();
  for (const g of dropped) net.set(g.bus, (net.get(g.bus) ?? 0) + (g.inService ? g.Pg : 0));
  for (const [bus, p] of net)
    if (Math.abs(p) > 1e-3)
      b.warn(
        `boundary node ${bus}: the dropped equivalent injections do not cancel (${p.toFixed(3)} MW)`,
      );
  const drop = new Set(dropped.map((g) => g.id));
  b.generators.splice(0, b.generators.length, ...b.generators.filter((g) => !drop.has(g.id)));
  for (const id of drop) {
    b.fixedQ.delete(id);
    b.remoteRegulation.delete(id);
  }
  // a bus made PV only by a dropped injection is PQ again
  const pvBuses = new Set(
    b.generators.filter((g) => g.inService && !b.fixedQ.has(g.id)).map((g) => g.bus),
  );
  for (const bus of b.buses.values())
    if (bus.type === 'PV' && !pvBuses.has(bus.id)) bus.type = 'PQ';
}

/**
 * A unit with a fixed reactive set-point at a bus that another unit holds at a voltage: the
 * power flow would give it a share of the bus's reactive output, so its set-point moves to the
 * bus demand and its own range is zero.
 */
function foldFixedQ(b: NetworkBuilder): void {
  const byId = new Map([...b.buses.values()].map((bus) => [bus.id, bus]));
  for (const g of b.generators) {
    if (!b.fixedQ.has(g.id)) continue;
    const bus = byId.get(g.bus)!;
    if (bus.type === 'PQ') continue;
    bus.Qd -= g.Qg;
    g.Qg = 0;
    g.Qmin = 0;
    g.Qmax = 0;
  }
}

/**
 * Starting voltages of the buses the SV does not give (all of them on a flat start): 1 pu at
 * the references, then carried across every in-service branch by its ratio and shift, breadth
 * first, so that a start never puts a near-zero impedance across the off-nominal ratio of a
 * transformer (a flat 1 pu everywhere can: a star point behind a winding of 0.0004 pu then
 * keeps Newton from converging).
 */
function startVoltages(buses: Bus[], b: NetworkBuilder, known: Set<string | undefined>): void {
  const index = new Map(buses.map((bus, i) => [bus.id, i]));
  const adj: { to: number; ratio: number; shift: number }[][] = buses.map(() => []);
  for (const br of b.branches) {
    if (!br.inService) continue;
    const f = index.get(br.from)!;
    const t = index.get(br.to)!;
    const tap = br.tap === 0 ? 1 : br.tap;
    adj[f]!.push({ to: t, ratio: 1 / tap, shift: -br.shift });
    adj[t]!.push({ to: f, ratio: tap, shift: br.shift });
  }
  const seen = new Uint8Array(buses.length);
  const queue: number[] = [];
  buses.forEach((bus, i) => {
    if (known.has(bus.id) && bus.type !== 'NONE') {
      seen[i] = 1;
      queue.push(i);
    }
  });
  if (queue.length === 0)
    buses.forEach((bus, i) => {
      if (bus.type === 'REF') {
        bus.Vm = 1;
        bus.Va = 0;
        seen[i] = 1;
        queue.push(i);
      }
    });
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q]!;
    for (const e of adj[i]!) {
      if (seen[e.to]) continue;
      seen[e.to] = 1;
      buses[e.to]!.Vm = buses[i]!.Vm * e.ratio;
      buses[e.to]!.Va = buses[i]!.Va + e.shift;
      queue.push(e.to);
    }
  }
}

function assignReferences(b: NetworkBuilder, buses: Bus[]): void {
  const index = new Map(buses.map((bus, i) => [bus.id, i]));
  const parent = buses.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const br of b.branches) {
    if (!br.inService) continue;
    const f = find(index.get(br.from)!);
    const t = find(index.get(br.to)!);
    if (f !== t) parent[f] = t;
  }
  const regulating = new Map<number, { gen: (typeof b.generators)[number]; priority: number }[]>();
  for (const g of b.generators) {
    if (!g.inService || b.fixedQ.has(g.id)) continue;
    const i = index.get(g.bus)!;
    const root = find(i);
    let list = regulating.get(root);
    if (list === undefined) regulating.set(root, (list = []));
    list.push({ gen: g, priority: b.referencePriority.get(g.id) ?? Infinity });
  }
  const energised = new Set<number>();
  for (const [root, units] of regulating) {
    energised.add(root);
    units.sort((a, c) => a.priority - c.priority || c.gen.Pmax - a.gen.Pmax);
    const slack = units[0]!.gen;
    const bus = buses[index.get(slack.bus)!]!;
    bus.type = 'REF';
  }
  let dead = 0;
  buses.forEach((bus, i) => {
    if (!energised.has(find(i))) {
      if (bus.type !== 'NONE') dead++;
      bus.type = 'NONE';
    }
  });
  if (dead > 0)
    b.warn(
      `${dead} node${dead === 1 ? '' : 's'} in islands without a voltage source: de-energised (type NONE)`,
    );
  for (const g of b.generators)
    if (g.inService && buses[index.get(g.bus)!]!.type === 'NONE') g.inService = false;
}

const HANDLED = new Set([
  'ACLineSegment',
  'SeriesCompensator',
  'EquivalentBranch',
  'PowerTransformer',
  'PowerTransformerEnd',
  'SynchronousMachine',
  'ExternalNetworkInjection',
  'EquivalentInjection',
  'StaticVarCompensator',
  'EnergySource',
  'EnergyConsumer',
  'ConformLoad',
  'NonConformLoad',
  'StationSupply',
  'AsynchronousMachine',
  'LinearShuntCompensator',
  'NonlinearShuntCompensator',
  'EquivalentShunt',
  ...SWITCH_CLASSES,
  'BusbarSection',
  'Junction',
  'Ground',
  'CsConverter',
  'VsConverter',
  'DCLineSegment',
]);

/** Conducting equipment of a class the importer does not model: refused, named. */
function reportUnsupported(b: NetworkBuilder, store: CimStore): void {
  const unknown = new Map<string, CimObject>();
  for (const t of store.all('Terminal')) {
    const eq = t.optRef('Terminal.ConductingEquipment');
    if (eq !== undefined && !HANDLED.has(eq.cls) && !unknown.has(eq.cls)) unknown.set(eq.cls, eq);
  }
  for (const [cls, eq] of unknown) {
    const connected = b.topology
      .terminals(eq)
      .some((t) => t.optBool('ACDCTerminal.connected') !== false);
    if (connected)
      eq.fail(
        'unsupported',
        `class ${cls} is not supported by the importer (connected equipment cannot be left out silently)`,
      );
  }
}
