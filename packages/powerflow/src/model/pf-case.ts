// The solver's internal index of a network (MATPOWER's ext2int): string ids at the edge,
// consecutive integer indices and typed arrays inside. Built once per network; every solver
// function reads only this. Elements keep the network's array order, so results map back to
// the case file's row order by position.
import type { Network } from '@finest/grid';
import { PowerflowInputError } from '../errors.ts';
import { checkFiniteInput } from './check-finite.ts';
import { hvdcInjections } from './hvdc-injections.ts';

/** MATPOWER bus type codes. */
export const PQ = 1;
export const PV = 2;
export const REF = 3;
export const NONE = 4;

const BUS_TYPE_CODE = { PQ, PV, REF, NONE } as const;

export interface PfCase {
  readonly baseMVA: number;
  readonly nBus: number;
  readonly busIds: readonly string[];
  readonly busIndex: ReadonlyMap<string, number>;
  /** MATPOWER type code per bus as given in the case (before generator status is applied) */
  readonly busType: Int8Array;
  /** MW, MVAr */
  readonly Pd: Float64Array;
  readonly Qd: Float64Array;
  /** MW and MVAr at V = 1 pu */
  readonly Gs: Float64Array;
  readonly Bs: Float64Array;
  /** pu and degrees, the case's initial voltages */
  readonly Vm0: Float64Array;
  readonly Va0: Float64Array;

  readonly nBranch: number;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly r: Float64Array;
  readonly x: Float64Array;
  readonly b: Float64Array;
  /** effective turns ratio: the case's tap with 0 replaced by 1 */
  readonly tap: Float64Array;
  /** degrees */
  readonly shift: Float64Array;
  /** 1 in service, 0 out */
  readonly branchOn: Uint8Array;
  /** MVA, 0 = unlimited */
  readonly rateA: Float64Array;

  readonly nGen: number;
  readonly genBus: Int32Array;
  /** MW, MVAr */
  readonly Pg: Float64Array;
  readonly Qg: Float64Array;
  readonly Qmax: Float64Array;
  readonly Qmin: Float64Array;
  /** pu */
  readonly Vg: Float64Array;
  /** bus whose voltage Vg holds: genBus, or another bus under remote voltage control */
  readonly regBus: Int32Array;
  readonly genOn: Uint8Array;

  /**
   * MW injected at each bus by in-service HVDC links (negative at the sending end). HVDC links
   * are modelled as fixed active-power injections at unity power factor, as MATPOWER's
   * toggle_dcline does for P (converter reactive support is not modelled).
   */
  readonly Phvdc: Float64Array;
}

/**
 * Builds the internal index of a network; throws PowerflowInputError on a dangling reference
 * or a number that is not finite (check-finite.ts).
 */
export function buildPfCase(net: Network): PfCase {
  const nBus = net.buses.length;
  const busIds: string[] = new Array<string>(nBus);
  const busIndex = new Map<string, number>();
  const busType = new Int8Array(nBus);
  const Pd = new Float64Array(nBus);
  const Qd = new Float64Array(nBus);
  const Gs = new Float64Array(nBus);
  const Bs = new Float64Array(nBus);
  const Vm0 = new Float64Array(nBus);
  const Va0 = new Float64Array(nBus);
  net.buses.forEach((bus, i) => {
    if (busIndex.has(bus.id)) throw new PowerflowInputError(`duplicate bus id "${bus.id}"`);
    busIds[i] = bus.id;
    busIndex.set(bus.id, i);
    busType[i] = BUS_TYPE_CODE[bus.type];
    Pd[i] = bus.Pd;
    Qd[i] = bus.Qd;
    Gs[i] = bus.Gs;
    Bs[i] = bus.Bs;
    Vm0[i] = bus.Vm;
    Va0[i] = bus.Va;
  });
  // `what` builds the label only on failure: the happy path allocates no strings.
  const lookup = (id: string, what: () => string): number => {
    const k = busIndex.get(id);
    if (k === undefined) throw new PowerflowInputError(`${what()} refers to unknown bus "${id}"`);
    return k;
  };

  const nBranch = net.branches.length;
  const from = new Int32Array(nBranch);
  const to = new Int32Array(nBranch);
  const r = new Float64Array(nBranch);
  const x = new Float64Array(nBranch);
  const b = new Float64Array(nBranch);
  const tap = new Float64Array(nBranch);
  const shift = new Float64Array(nBranch);
  const branchOn = new Uint8Array(nBranch);
  const rateA = new Float64Array(nBranch);
  net.branches.forEach((br, l) => {
    from[l] = lookup(br.from, () => `branch "${br.id}"`);
    to[l] = lookup(br.to, () => `branch "${br.id}"`);
    r[l] = br.r;
    x[l] = br.x;
    b[l] = br.b;
    tap[l] = br.tap === 0 ? 1 : br.tap;
    shift[l] = br.shift;
    branchOn[l] = br.inService ? 1 : 0;
    rateA[l] = br.rateA;
  });

  const nGen = net.generators.length;
  const genBus = new Int32Array(nGen);
  const Pg = new Float64Array(nGen);
  const Qg = new Float64Array(nGen);
  const Qmax = new Float64Array(nGen);
  const Qmin = new Float64Array(nGen);
  const Vg = new Float64Array(nGen);
  const regBus = new Int32Array(nGen);
  const genOn = new Uint8Array(nGen);
  net.generators.forEach((g, k) => {
    genBus[k] = lookup(g.bus, () => `generator "${g.id}"`);
    Pg[k] = g.Pg;
    Qg[k] = g.Qg;
    Qmax[k] = g.Qmax;
    Qmin[k] = g.Qmin;
    Vg[k] = g.Vg;
    regBus[k] =
      g.regulatedBus === undefined
        ? genBus[k]!
        : lookup(g.regulatedBus, () => `generator "${g.id}" (regulatedBus)`);
    genOn[k] = g.inService ? 1 : 0;
  });

  const Phvdc = new Float64Array(nBus);
  hvdcInjections(net, lookup, Phvdc);

  // Elements at isolated buses are out of service, as MATPOWER's ext2int removes them.
  for (let l = 0; l < nBranch; l++) {
    if (busType[from[l]!] === NONE || busType[to[l]!] === NONE) branchOn[l] = 0;
  }
  for (let k = 0; k < nGen; k++) if (busType[genBus[k]!] === NONE) genOn[k] = 0;

  const pf: PfCase = {
    baseMVA: net.baseMVA,
    nBus,
    busIds,
    busIndex,
    busType,
    Pd,
    Qd,
    Gs,
    Bs,
    Vm0,
    Va0,
    nBranch,
    from,
    to,
    r,
    x,
    b,
    tap,
    shift,
    branchOn,
    rateA,
    nGen,
    genBus,
    Pg,
    Qg,
    Qmax,
    Qmin,
    Vg,
    regBus,
    genOn,
    Phvdc,
  };
  checkFiniteInput(net, pf);
  return pf;
}
