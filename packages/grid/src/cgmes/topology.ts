// Terminals to buses: each TopologicalNode of the TP (and TP_BD) profile is a bus. A terminal
// reaches its node directly (Terminal.TopologicalNode) or through its ConnectivityNode; it takes
// part only while ACDCTerminal.connected (SSH) is true and, in CGMES 3, its equipment is in
// service (Equipment.inService in SSH). The nominal voltage of a node is its BaseVoltage, else
// that of its voltage level.
import type { CimObject, CimStore } from './store.ts';

export interface TerminalEnd {
  terminal: CimObject;
  /** the TopologicalNode, or undefined when the terminal is not placed in the topology */
  node: CimObject | undefined;
  connected: boolean;
}

export class Topology {
  private readonly store: CimStore;
  /** equipment key → its terminals ordered by sequenceNumber (then file order) */
  private readonly terminalsOf = new Map<string, CimObject[]>();
  readonly nodes: CimObject[];

  constructor(store: CimStore) {
    this.store = store;
    this.nodes = store.all('TopologicalNode');
    for (const t of store.all('Terminal')) {
      const eq =
        t.optRefKey('Terminal.ConductingEquipment') ??
        t.fail('missing-profile', 'Terminal.ConductingEquipment is missing');
      let list = this.terminalsOf.get(eq);
      if (list === undefined) this.terminalsOf.set(eq, (list = []));
      list.push(t);
    }
    for (const list of this.terminalsOf.values()) {
      list.sort((a, b) => (sequence(a) ?? 0) - (sequence(b) ?? 0));
    }
  }

  terminals(equipment: CimObject): CimObject[] {
    return this.terminalsOf.get(equipment.key) ?? [];
  }

  /** The terminals of an equipment, checked to be `count` (or at least 1 when count is 0). */
  ends(equipment: CimObject, count: number): TerminalEnd[] {
    const ts = this.terminals(equipment);
    if (count > 0 && ts.length !== count)
      equipment.fail(
        'inconsistent',
        `has ${ts.length} terminal${ts.length === 1 ? '' : 's'}, expected ${count}`,
      );
    if (ts.length === 0) equipment.fail('inconsistent', 'has no terminal');
    const inService = this.inService(equipment);
    return ts.map((terminal) => {
      const node = this.nodeOf(terminal);
      const connected =
        inService && node !== undefined && (terminal.optBool('ACDCTerminal.connected') ?? true);
      return { terminal, node, connected };
    });
  }

  /** CGMES 3 Equipment.inService (SSH); CGMES 2.4.15 has none, its terminals say it all. */
  inService(equipment: CimObject): boolean {
    return equipment.optBool('Equipment.inService') ?? true;
  }

  nodeOf(terminal: CimObject): CimObject | undefined {
    const direct = terminal.optRef('Terminal.TopologicalNode');
    if (direct !== undefined) return direct;
    const cn = terminal.optRef('Terminal.ConnectivityNode');
    return cn?.optRef('ConnectivityNode.TopologicalNode');
  }

  /** kV: the node's BaseVoltage, else its container's (a VoltageLevel or a boundary Line). */
  nominalKv(node: CimObject): number {
    const bv = node.optRef('TopologicalNode.BaseVoltage') ?? this.containerBaseVoltage(node);
    if (bv === undefined)
      node.fail(
        'missing-profile',
        "has no BaseVoltage (TopologicalNode.BaseVoltage, nor its VoltageLevel's)",
      );
    const kv = bv.num('BaseVoltage.nominalVoltage');
    if (!(kv > 0)) bv.fail('bad-value', `BaseVoltage.nominalVoltage is ${kv}, expected > 0 kV`);
    return kv;
  }

  private containerBaseVoltage(node: CimObject): CimObject | undefined {
    const container = node.optRef('TopologicalNode.ConnectivityNodeContainer');
    return container?.optRef('VoltageLevel.BaseVoltage');
  }

  /** True for a node of the boundary set (TP_BD, or flagged boundaryPoint). */
  isBoundary(node: CimObject): boolean {
    if (node.optBool('TopologicalNode.boundaryPoint') === true) return true;
    const doc = this.store.documents.find((d) => d.doc.file === node.file);
    return doc?.kind === 'TP_BD' || doc?.kind === 'EQ_BD';
  }
}

function sequence(t: CimObject): number | undefined {
  return t.optNum('ACDCTerminal.sequenceNumber');
}
