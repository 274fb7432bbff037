// The network under construction: one bus per TopologicalNode (keyed by its rdf identity),
// with loads and shunts summed onto it, and the branches, generators and HVDC links the
// converters add. Per-unit values are on BASE_MVA and each bus's nominal voltage.
import type { Branch, Bus, Generator, HvdcLink } from '../schema/network.ts';
import type { CimObject } from './store.ts';
import type { Topology } from './topology.ts';

export const BASE_MVA = 100;

export interface ImportOptions {
  /**
   * Where tap positions and shunt sections come from: 'ssh' (the hypothesis, default without
   * SV) or 'sv' (SvTapStep, SvShuntCompensatorSections: the positions the controllers reached in
   * the solved state; default when an SV profile is given).
   */
  controls?: 'ssh' | 'sv';
  /** start from the SV voltages when an SV profile is given (default true) */
  svStart?: boolean;
}

export class NetworkBuilder {
  readonly topology: Topology;
  readonly buses = new Map<string, Bus>();
  readonly busNode = new Map<string, CimObject>();
  readonly branches: Branch[] = [];
  readonly generators: Generator[] = [];
  readonly hvdcLinks: HvdcLink[] = [];
  /** generators that regulate a voltage at another bus: generator id → regulated bus id */
  readonly remoteRegulation = new Map<string, string>();
  /** referencePriority of slack candidates: generator id → priority (> 0, 1 first) */
  readonly referencePriority = new Map<string, number>();
  /** in-service generators that do not control a voltage (their Qg is a set-point) */
  readonly fixedQ = new Set<string>();
  /** generator id → the equipment it came from */
  readonly generatorSource = new Map<string, CimObject>();
  readonly warnings: string[] = [];
  readonly options: Required<ImportOptions>;

  constructor(topology: Topology, options: Required<ImportOptions>) {
    this.topology = topology;
    this.options = options;
  }

  /** The bus of a TopologicalNode (its mRID is the bus id). */
  bus(node: CimObject): Bus {
    const b = this.buses.get(node.key);
    if (b === undefined) node.fail('inconsistent', 'is not a bus of the topology');
    return b;
  }

  busId(node: CimObject): string {
    return this.bus(node).id;
  }

  kv(node: CimObject): number {
    return this.bus(node).baseKV;
  }

  warn(message: string): void {
    if (this.warnings.length < 1000) this.warnings.push(message);
  }
}
