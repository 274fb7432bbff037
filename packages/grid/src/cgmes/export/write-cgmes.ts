// The twin's network → CGMES 3.0 profiles EQ, TP, SSH and SV, so that analysts can load the open
// model into their own tools. IdentifiedObject.mRID keeps the twin's ids (the importer reads
// them back as element ids); rdf:IDs are name-based UUIDs of them, as XML IDs must be NCNames.
// Mapping (each the inverse of the importer's rule, so that export → import gives the same
// power flow): bus → TopologicalNode + ConnectivityNode in a VoltageLevel of its own; demand →
// EnergyConsumer; Gs/Bs → LinearShuntCompensator (one section); generator → SynchronousMachine
// with a voltage RegulatingControl (controlEnabled at PV and REF buses, referencePriority 1 at
// the REF bus); line → ACLineSegment; transformer → PowerTransformer, end 1 at the from bus
// rated tap·kV(from), end 2 rated kV(to) holding r, x, b, and a PhaseTapChangerLinear for the
// shift; rateA/B/C → PATL/TATL current limits; HVDC link → two CsConverters, a DCLineSegment
// and their DC nodes, the converters' p carrying the link's transfer and losses.
import { createHash } from 'node:crypto';
import type { Branch, Bus, Generator, HvdcLink, Network } from '../../schema/network.ts';
import { CIM100_NS } from '../rdf-reader.ts';
import { XmlProfile } from './xml-profile.ts';

export interface CgmesExport {
  EQ: string;
  TP: string;
  SSH: string;
  SV: string;
}

export interface SolvedState {
  /** pu and degrees per bus, in network order */
  Vm: ArrayLike<number>;
  Va: ArrayLike<number>;
  /** MW, MVAr per generator */
  Pg?: ArrayLike<number>;
  Qg?: ArrayLike<number>;
}

const PROFILE_URI = {
  EQ: 'http://iec.ch/TC57/ns/CIM/CoreEquipment-EU/3.0',
  TP: 'http://iec.ch/TC57/ns/CIM/Topology-EU/3.0',
  SSH: 'http://iec.ch/TC57/ns/CIM/SteadyStateHypothesis-EU/3.0',
  SV: 'http://iec.ch/TC57/ns/CIM/StateVariables-EU/3.0',
} as const;

/** A name-based UUID (version 5 layout over SHA-1) of a text: stable across exports. */
export function uuidOf(text: string): string {
  const h = createHash('sha1').update(`finest-twin:${text}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const UNIT_CLASS: Record<string, string> = {
  nuclear: 'NuclearGeneratingUnit',
  hydro: 'HydroGeneratingUnit',
  wind: 'WindGeneratingUnit',
  solar: 'SolarGeneratingUnit',
};

export function networkToCgmes(
  net: Network,
  state: SolvedState,
  created = new Date(),
): CgmesExport {
  const stamp = created.toISOString().replace(/\.\d+Z$/, 'Z');
  const model = (kind: keyof typeof PROFILE_URI, deps: string[]): XmlProfile =>
    new XmlProfile(
      `urn:uuid:${uuidOf(`${net.name}:${kind}:${stamp}`)}`,
      PROFILE_URI[kind],
      deps,
      stamp,
      net.name,
    );
  const eqId = `urn:uuid:${uuidOf(`${net.name}:EQ:${stamp}`)}`;
  const eq = model('EQ', []);
  const tp = model('TP', [eqId]);
  const ssh = model('SSH', [eqId]);
  const sv = model('SV', [
    eqId,
    `urn:uuid:${uuidOf(`${net.name}:TP:${stamp}`)}`,
    `urn:uuid:${uuidOf(`${net.name}:SSH:${stamp}`)}`,
  ]);
  const rid = (kind: string, id: string): string => `_${uuidOf(`${kind}:${id}`)}`;
  const ident = (_: string, id: string, name: string | undefined): [string, string][] => [
    ['IdentifiedObject.mRID', id],
    ['IdentifiedObject.name', name ?? id],
  ];
  const kvOf = new Map(net.buses.map((b) => [b.id, b.baseKV]));
  const busOf = new Map(net.buses.map((b) => [b.id, b]));
  const baseVoltage = (kv: number): string => {
    const id = rid('BaseVoltage', String(kv));
    if (!eq.has(id))
      eq.object(
        'BaseVoltage',
        id,
        [...ident('', `bv-${kv}`, `${kv} kV`), ['BaseVoltage.nominalVoltage', num(kv)]],
        [],
      );
    return id;
  };
  // Regions: one GeographicalRegion per country, one SubGeographicalRegion per country and area.
  const region = (bus: Bus): string => {
    const country = bus.country ?? 'XX';
    const geo = rid('GeographicalRegion', country);
    if (!eq.has(geo))
      eq.object('GeographicalRegion', geo, ident('', `region-${country}`, country), []);
    const sub = rid('SubGeographicalRegion', `${country}:${bus.area}`);
    if (!eq.has(sub))
      eq.object(
        'SubGeographicalRegion',
        sub,
        ident('', `region-${country}-${bus.area}`, `${country} ${bus.area}`),
        [['SubGeographicalRegion.Region', geo]],
      );
    return sub;
  };

  // Buses
  const tnOf = new Map<string, string>();
  const cnOf = new Map<string, string>();
  const vlOf = new Map<string, string>();
  net.buses.forEach((bus, i) => {
    const bv = baseVoltage(bus.baseKV);
    const sub = rid('Substation', bus.id);
    eq.object('Substation', sub, ident('', `substation-${bus.id}`, bus.name ?? bus.id), [
      ['Substation.Region', region(bus)],
    ]);
    const vl = rid('VoltageLevel', bus.id);
    eq.object(
      'VoltageLevel',
      vl,
      [
        ...ident('', `vl-${bus.id}`, `${bus.name ?? bus.id} ${bus.baseKV} kV`),
        ['VoltageLevel.highVoltageLimit', num(bus.Vmax * bus.baseKV)],
        ['VoltageLevel.lowVoltageLimit', num(bus.Vmin * bus.baseKV)],
      ],
      [
        ['VoltageLevel.Substation', sub],
        ['VoltageLevel.BaseVoltage', bv],
      ],
    );
    const cn = rid('ConnectivityNode', bus.id);
    eq.object('ConnectivityNode', cn, ident('', `cn-${bus.id}`, bus.name ?? bus.id), [
      ['ConnectivityNode.ConnectivityNodeContainer', vl],
    ]);
    const tn = rid('TopologicalNode', bus.id);
    tp.object('TopologicalNode', tn, ident('', bus.id, bus.name), [
      ['TopologicalNode.BaseVoltage', bv],
      ['TopologicalNode.ConnectivityNodeContainer', vl],
    ]);
    tp.about('ConnectivityNode', cn, [], [['ConnectivityNode.TopologicalNode', tn]]);
    sv.object(
      'SvVoltage',
      rid('SvVoltage', bus.id),
      [
        ['SvVoltage.v', num(state.Vm[i]! * bus.baseKV)],
        ['SvVoltage.angle', num(state.Va[i]!)],
      ],
      [['SvVoltage.TopologicalNode', tn]],
    );
    tnOf.set(bus.id, tn);
    cnOf.set(bus.id, cn);
    vlOf.set(bus.id, vl);
  });

  const terminal = (
    equipment: string,
    eqKey: string,
    bus: string,
    seq: number,
    connected: boolean,
  ): string => {
    const t = rid('Terminal', `${eqKey}:${seq}`);
    eq.object(
      'Terminal',
      t,
      [
        ...ident('', `${eqKey}:T${seq}`, `${eqKey} T${seq}`),
        ['ACDCTerminal.sequenceNumber', String(seq)],
      ],
      [
        ['Terminal.ConductingEquipment', equipment],
        ['Terminal.ConnectivityNode', cnOf.get(bus)!],
      ],
    );
    tp.about('Terminal', t, [], [['Terminal.TopologicalNode', tnOf.get(bus)!]]);
    ssh.about(
      'Terminal',
      t,
      [['ACDCTerminal.connected', String(connected && busOf.get(bus)!.type !== 'NONE')]],
      [],
    );
    return t;
  };

  // Demand and shunts
  for (const bus of net.buses) {
    const live = bus.type !== 'NONE';
    if (bus.Pd !== 0 || bus.Qd !== 0) {
      const id = rid('EnergyConsumer', bus.id);
      eq.object(
        'EnergyConsumer',
        id,
        ident('', `load-${bus.id}`, `load ${bus.name ?? bus.id}`),
        [],
        [['Equipment.EquipmentContainer', vlOf.get(bus.id)!]],
      );
      ssh.about(
        'EnergyConsumer',
        id,
        [
          ['EnergyConsumer.p', num(bus.Pd)],
          ['EnergyConsumer.q', num(bus.Qd)],
        ],
        [],
      );
      terminal(id, `load-${bus.id}`, bus.id, 1, live);
    }
    if (bus.Gs !== 0 || bus.Bs !== 0) {
      const id = rid('LinearShuntCompensator', bus.id);
      const kv2 = bus.baseKV * bus.baseKV;
      eq.object(
        'LinearShuntCompensator',
        id,
        [
          ...ident('', `shunt-${bus.id}`, `shunt ${bus.name ?? bus.id}`),
          ['LinearShuntCompensator.bPerSection', num(bus.Bs / kv2)],
          ['LinearShuntCompensator.gPerSection', num(bus.Gs / kv2)],
          ['ShuntCompensator.maximumSections', '1'],
          ['ShuntCompensator.normalSections', '1'],
          ['ShuntCompensator.nomU', num(bus.baseKV)],
        ],
        [['Equipment.EquipmentContainer', vlOf.get(bus.id)!]],
      );
      ssh.about(
        'LinearShuntCompensator',
        id,
        [
          ['ShuntCompensator.sections', '1'],
          ['RegulatingCondEq.controlEnabled', 'false'],
        ],
        [],
      );
      sv.object(
        'SvShuntCompensatorSections',
        rid('SvShuntCompensatorSections', bus.id),
        [['SvShuntCompensatorSections.sections', '1']],
        [['SvShuntCompensatorSections.ShuntCompensator', id]],
      );
      terminal(id, `shunt-${bus.id}`, bus.id, 1, live);
    }
  }

  // Generators: the first in-service one at each REF bus is the reference.
  const refDone = new Set<string>();
  net.generators.forEach((g, k) => writeGenerator(g, k));
  function writeGenerator(g: Generator, k: number): void {
    const bus = busOf.get(g.bus)!;
    const id = rid('SynchronousMachine', g.id);
    const unitClass = UNIT_CLASS[g.technology ?? ''] ?? 'ThermalGeneratingUnit';
    const unit = rid('GeneratingUnit', g.id);
    eq.object(
      unitClass,
      unit,
      [
        ...ident('', `unit-${g.id}`, g.name),
        ['GeneratingUnit.maxOperatingP', num(g.Pmax)],
        ['GeneratingUnit.minOperatingP', num(g.Pmin)],
      ],
      [['Equipment.EquipmentContainer', vlOf.get(g.bus)!]],
    );
    const regBus = g.regulatedBus ?? g.bus;
    const rc = rid('RegulatingControl', g.id);
    const t = rid('Terminal', `gen-${g.id}:1`);
    eq.object(
      'SynchronousMachine',
      id,
      [
        ...ident('', g.id, g.name),
        ['RotatingMachine.ratedS', num(g.mBase > 0 ? g.mBase : 100)],
        ['SynchronousMachine.maxQ', num(g.Qmax)],
        ['SynchronousMachine.minQ', num(g.Qmin)],
      ],
      [
        ['Equipment.EquipmentContainer', vlOf.get(g.bus)!],
        ['RotatingMachine.GeneratingUnit', unit],
        ['RegulatingCondEq.RegulatingControl', rc],
      ],
      [['SynchronousMachine.type', `${CIM100_NS}SynchronousMachineKind.generator`]],
    );
    const regTerminal = regBus === g.bus ? t : regulatedTerminal(regBus);
    eq.object(
      'RegulatingControl',
      rc,
      [...ident('', `rc-${g.id}`, `voltage control ${g.name ?? g.id}`)],
      [['RegulatingControl.Terminal', regTerminal]],
      [['RegulatingControl.mode', `${CIM100_NS}RegulatingControlModeKind.voltage`]],
    );
    const controlling = g.inService && (bus.type === 'PV' || bus.type === 'REF');
    const reference = controlling && bus.type === 'REF' && !refDone.has(bus.id);
    if (reference) refDone.add(bus.id);
    const Pg = state.Pg?.[k] ?? g.Pg;
    const Qg = state.Qg?.[k] ?? g.Qg;
    ssh.about(
      'SynchronousMachine',
      id,
      [
        ['RotatingMachine.p', num(-g.Pg)],
        ['RotatingMachine.q', num(-g.Qg)],
        ['RegulatingCondEq.controlEnabled', String(controlling)],
        ['SynchronousMachine.referencePriority', reference ? '1' : '0'],
        ['Equipment.inService', String(g.inService)],
      ],
      [],
      [
        [
          'SynchronousMachine.operatingMode',
          `${CIM100_NS}SynchronousMachineOperatingMode.generator`,
        ],
      ],
    );
    ssh.about(
      'RegulatingControl',
      rc,
      [
        ['RegulatingControl.enabled', String(controlling)],
        ['RegulatingControl.targetValue', num(g.Vg * kvOf.get(regBus)!)],
        ['RegulatingControl.targetDeadband', '0'],
        ['RegulatingControl.discrete', 'false'],
      ],
      [],
      [['RegulatingControl.targetValueUnitMultiplier', `${CIM100_NS}UnitMultiplier.k`]],
    );
    terminal(id, `gen-${g.id}`, g.bus, 1, g.inService);
    sv.object(
      'SvPowerFlow',
      rid('SvPowerFlow', g.id),
      [
        ['SvPowerFlow.p', num(-Pg)],
        ['SvPowerFlow.q', num(-Qg)],
      ],
      [['SvPowerFlow.Terminal', t]],
    );
  }
  /** A terminal at a bus to name as a regulated point: the bus's first writable one. */
  function regulatedTerminal(busId: string): string {
    const id = rid('Junction', busId);
    if (!eq.has(id)) {
      eq.object(
        'Junction',
        id,
        ident('', `junction-${busId}`, `regulated point ${busId}`),
        [],
        [['Equipment.EquipmentContainer', vlOf.get(busId)!]],
      );
      terminal(id, `junction-${busId}`, busId, 1, true);
    }
    return rid('Terminal', `junction-${busId}:1`);
  }

  net.branches.forEach((br) => writeBranch(br));
  function writeBranch(br: Branch): void {
    const kvF = kvOf.get(br.from)!;
    const kvT = kvOf.get(br.to)!;
    const zBase = (kvT * kvT) / 100;
    const on = br.inService;
    const asLine =
      br.kind === 'line' && (br.tap === 0 || br.tap === 1) && br.shift === 0 && kvF === kvT;
    if (asLine) {
      const id = rid('ACLineSegment', br.id);
      eq.object(
        'ACLineSegment',
        id,
        [
          ...ident('', br.id, br.name),
          ['ACLineSegment.r', num(br.r * zBase)],
          ['ACLineSegment.x', num(br.x * zBase)],
          ['ACLineSegment.bch', num(br.b / zBase)],
          ['ACLineSegment.gch', '0'],
          ...(br.lengthKm === undefined
            ? []
            : ([['Conductor.length', num(br.lengthKm)]] as [string, string][])),
        ],
        [['ConductingEquipment.BaseVoltage', baseVoltage(kvT)]],
      );
      const t1 = terminal(id, br.id, br.from, 1, on);
      terminal(id, br.id, br.to, 2, on);
      ratings(br, t1, kvF);
      return;
    }
    const id = rid('PowerTransformer', br.id);
    eq.object('PowerTransformer', id, ident('', br.id, br.name), [
      ['Equipment.EquipmentContainer', vlOf.get(br.from)!],
    ]);
    const t1 = terminal(id, br.id, br.from, 1, on);
    const t2 = terminal(id, br.id, br.to, 2, on);
    const tap = br.tap === 0 ? 1 : br.tap;
    const end = (
      n: number,
      t: string,
      bus: string,
      ratedU: number,
      z: [number, number, number],
    ): string => {
      const e = rid('PowerTransformerEnd', `${br.id}:${n}`);
      eq.object(
        'PowerTransformerEnd',
        e,
        [
          ...ident('', `${br.id}:end${n}`, `${br.name ?? br.id} end ${n}`),
          ['TransformerEnd.endNumber', String(n)],
          ['PowerTransformerEnd.ratedU', num(ratedU)],
          ['PowerTransformerEnd.r', num(z[0])],
          ['PowerTransformerEnd.x', num(z[1])],
          ['PowerTransformerEnd.b', num(z[2])],
          ['PowerTransformerEnd.g', '0'],
        ],
        [
          ['PowerTransformerEnd.PowerTransformer', id],
          ['TransformerEnd.Terminal', t],
          ['TransformerEnd.BaseVoltage', baseVoltage(kvOf.get(bus)!)],
        ],
      );
      return e;
    };
    const e1 = end(1, t1, br.from, kvF * tap, [0, 0, 0]);
    end(2, t2, br.to, kvT, [br.r * zBase, br.x * zBase, br.b / zBase]);
    if (br.shift !== 0) {
      const ptc = rid('PhaseTapChangerLinear', br.id);
      eq.object(
        'PhaseTapChangerLinear',
        ptc,
        [
          ...ident('', `${br.id}:ptc`, `${br.name ?? br.id} phase shift`),
          ['PhaseTapChangerLinear.stepPhaseShiftIncrement', num(br.shift)],
          ['TapChanger.lowStep', '0'],
          ['TapChanger.highStep', '1'],
          ['TapChanger.neutralStep', '0'],
          ['TapChanger.normalStep', '1'],
          ['TapChanger.ltcFlag', 'false'],
          ['PhaseTapChangerLinear.xMin', num(br.x * zBase)],
          ['PhaseTapChangerLinear.xMax', num(br.x * zBase)],
        ],
        [['PhaseTapChanger.TransformerEnd', e1]],
      );
      ssh.about(
        'PhaseTapChangerLinear',
        ptc,
        [
          ['TapChanger.step', '1'],
          ['TapChanger.controlEnabled', 'false'],
        ],
        [],
      );
      sv.object(
        'SvTapStep',
        rid('SvTapStep', br.id),
        [['SvTapStep.position', '1']],
        [['SvTapStep.TapChanger', ptc]],
      );
    }
    ratings(br, t1, kvF);
  }
  function ratings(br: Branch, t: string, kv: number): void {
    const limits: [string, number][] = [
      ['PATL', br.rateA],
      ['TATL', br.rateB],
      ['TATL', br.rateC],
    ];
    if (limits.every(([, v]) => v === 0)) return;
    const set = rid('OperationalLimitSet', br.id);
    eq.object(
      'OperationalLimitSet',
      set,
      ident('', `${br.id}:limits`, `${br.name ?? br.id} limits`),
      [['OperationalLimitSet.Terminal', t]],
    );
    limits.forEach(([kind, mva], n) => {
      if (mva === 0) return;
      const l = rid('CurrentLimit', `${br.id}:${n}`);
      eq.object(
        'CurrentLimit',
        l,
        [
          ...ident('', `${br.id}:limit${n}`, kind),
          ['CurrentLimit.normalValue', num((mva * 1000) / (Math.sqrt(3) * kv))],
        ],
        [
          ['OperationalLimit.OperationalLimitSet', set],
          ['OperationalLimit.OperationalLimitType', limitType(kind, n)],
        ],
      );
      ssh.about(
        'CurrentLimit',
        l,
        [['CurrentLimit.value', num((mva * 1000) / (Math.sqrt(3) * kv))]],
        [],
      );
    });
  }
  function limitType(kind: string, n: number): string {
    const id = rid('OperationalLimitType', `${kind}:${n}`);
    if (!eq.has(id))
      eq.object(
        'OperationalLimitType',
        id,
        [
          ...ident('', `limit-type-${kind}-${n}`, kind),
          ['OperationalLimitType.isInfiniteDuration', String(kind === 'PATL')],
          ...(kind === 'PATL'
            ? []
            : ([['OperationalLimitType.acceptableDuration', n === 1 ? '1200' : '60']] as [
                string,
                string,
              ][])),
        ],
        [],
        [['OperationalLimitType.kind', `${CIM100_NS}LimitKind.${kind.toLowerCase()}`]],
      );
    return id;
  }

  net.hvdcLinks.forEach((link) => writeHvdc(link));
  function writeHvdc(link: HvdcLink): void {
    const loss = link.lossFixed + link.lossFactor * Math.abs(link.P);
    const ends: [string, string, number][] = [
      ['from', link.from, link.P],
      ['to', link.to, -(link.P - Math.sign(link.P) * loss)],
    ];
    const dcLine = rid('DCLineSegment', link.id);
    eq.object(
      'DCLineSegment',
      dcLine,
      [
        ...ident('', `${link.id}:dc`, `${link.name ?? link.id} DC line`),
        ['DCLineSegment.resistance', '0'],
      ],
      [],
    );
    ends.forEach(([side, bus, p], n) => {
      const conv = rid('CsConverter', `${link.id}:${side}`);
      const convId = n === 0 ? link.id : `${link.id}:to`;
      eq.object(
        'CsConverter',
        conv,
        [
          ...ident('', convId, `${link.name ?? link.id} ${side}`),
          ['ACDCConverter.maxP', num(link.Pmax)],
        ],
        [['Equipment.EquipmentContainer', vlOf.get(bus)!]],
      );
      ssh.about(
        'CsConverter',
        conv,
        [
          ['ACDCConverter.p', num(p)],
          ['ACDCConverter.q', '0'],
          ['ACDCConverter.targetPpcc', num(p)],
        ],
        [],
      );
      terminal(conv, convId, bus, 1, link.inService);
      const node = rid('DCNode', `${link.id}:${side}`);
      eq.object(
        'DCNode',
        node,
        ident('', `${link.id}:dcnode-${side}`, `${link.name ?? link.id} DC ${side}`),
        [],
      );
      const ct = rid('ACDCConverterDCTerminal', `${link.id}:${side}`);
      eq.object(
        'ACDCConverterDCTerminal',
        ct,
        [
          ...ident('', `${link.id}:dct-${side}`, `${side} converter DC terminal`),
          ['ACDCTerminal.sequenceNumber', '1'],
        ],
        [
          ['ACDCConverterDCTerminal.DCConductingEquipment', conv],
          ['DCBaseTerminal.DCNode', node],
        ],
      );
      const lt = rid('DCTerminal', `${link.id}:${side}`);
      eq.object(
        'DCTerminal',
        lt,
        [
          ...ident('', `${link.id}:dclt-${side}`, `DC line terminal ${side}`),
          ['ACDCTerminal.sequenceNumber', String(n + 1)],
        ],
        [
          ['DCTerminal.DCConductingEquipment', dcLine],
          ['DCBaseTerminal.DCNode', node],
        ],
      );
    });
  }
  return { EQ: eq.toString(), TP: tp.toString(), SSH: ssh.toString(), SV: sv.toString() };
}

/** Shortest text that reads back as the same double. */
const num = (x: number): string => String(x);
