// The power flow of one moment: the balanced injections are written into the working network,
// dead buses are switched off, every energised island gets a reference (energiseIslands) and
// the AC Newton power flow is solved warm from the previous voltages. When it does not
// converge (a voltage-collapse candidate) the DC power flow gives the flows instead, and the
// result says so.
import {
  buildJacobianPattern,
  buildPfCase,
  classifyBuses,
  createSparseLuSolver,
  energiseIslands,
  makeYbus,
  refreshInjections,
  runAcPowerFlow,
  runDcPowerFlow,
  type AcPowerFlowOptions,
  type PfCase,
} from '@finest/powerflow';
import type { Balance } from './balance.ts';
import { sameBytes } from './same-bytes.ts';
import type { WorkingState } from './working-state.ts';
import { magnitude } from './magnitude.ts';

export interface StepFlows {
  converged: boolean;
  /** per bus: pu, degrees */
  Vm: Float64Array;
  Va: Float64Array;
  /** per branch: MW at the from end, loading in per unit of RATE_A (0 when unrated) */
  Pf: Float64Array;
  loading: Float64Array;
  /** per generator: MW after the references took the losses */
  Pg: Float64Array;
  /** the power-flow index the moment was solved on */
  pf: PfCase;
}

const Q_PER_P = Math.tan(Math.acos(0.98));

export function solveStep(
  s: WorkingState,
  b: Balance,
  previous: { Vm: Float64Array; Va: Float64Array } | null,
): StepFlows {
  const { net } = s;
  net.buses.forEach((bus, i) => {
    bus.type = s.busOn[i] && b.energised[b.islandOf[i]!] ? s.originalBusType[i]! : 'NONE';
    bus.Pd = b.servedMW[i]!;
    bus.Qd = bus.Pd * Q_PER_P;
  });
  net.generators.forEach((g, k) => {
    g.Pg = b.generatorMW[k]!;
  });
  const genOn = net.generators.map((g) => g.inService);
  net.generators.forEach((g, k) => {
    const i = s.busIndex.get(g.bus)!;
    // a cold unit is not synchronised: it holds no voltage until it has started
    const running = s.committed[k] === 1 || s.reserveRamp.has(k);
    g.inService = genOn[k]! && running && s.busOn[i] === 1 && b.energised[b.islandOf[i]!] === true;
  });
  const linkOn = net.hvdcLinks.map((h) => h.inService);
  const linkP = net.hvdcLinks.map((h) => h.P);
  net.hvdcLinks.forEach((h, k) => {
    h.P = b.hvdcMW[k]!;
    h.inService = b.hvdcMW[k] !== 0;
  });
  try {
    const { pf, reuse } = caseFor(s, previous);
    const ac = runAcPowerFlow(pf, { maxIterations: 20, reuse });
    const nBr = net.branches.length;
    const loading = new Float64Array(nBr);
    if (ac.converged) {
      for (let l = 0; l < nBr; l++) {
        const rate = pf.rateA[l]!;
        if (rate <= 0 || !pf.branchOn[l]) continue;
        // |S| at each end, MVA
        const sf = magnitude(ac.Pf[l]!, ac.Qf[l]!);
        const st = magnitude(ac.Pt[l]!, ac.Qt[l]!);
        loading[l] = Math.max(sf, st) / rate;
      }
      return { converged: true, Vm: ac.Vm, Va: ac.Va, Pf: ac.Pf, loading, Pg: ac.Pg, pf };
    }
    const dc = runDcPowerFlow(pf);
    for (let l = 0; l < nBr; l++) {
      const rate = pf.rateA[l]!;
      if (rate > 0 && pf.branchOn[l]) loading[l] = Math.abs(dc.Pf[l]!) / rate;
    }
    return { converged: false, Vm: dc.Vm, Va: dc.Va, Pf: dc.Pf, loading, Pg: dc.Pg, pf };
  } finally {
    // the working network keeps its element status; only the solve saw the balanced view
    net.generators.forEach((g, k) => {
      g.inService = genOn[k]!;
    });
    net.hvdcLinks.forEach((h, k) => {
      h.inService = linkOn[k]!;
      h.P = linkP[k]!;
    });
  }
}

/**
 * The power-flow index of this moment. Most steps of a run change only loads, unit outputs and
 * HVDC set-points: while the bus types and the status of every branch, unit and link are those
 * of the last solve, that solve's index (energised islands, references, Ybus, Jacobian pattern,
 * LU ordering) is reused with the moment's injections written into it.
 */
function caseFor(
  s: WorkingState,
  previous: { Vm: Float64Array; Va: Float64Array } | null,
): { pf: PfCase; reuse: NonNullable<AcPowerFlowOptions['reuse']> } {
  const { net } = s;
  const signature = structureOf(net);
  const last = s.stepCase;
  if (last && sameBytes(last.signature, signature)) {
    refreshInjections(last.pf, net, previous ?? undefined);
    return { pf: last.pf, reuse: last.reuse };
  }
  const { network } = energiseIslands(net, previous ?? undefined);
  const pf = buildPfCase(network);
  const reuse = reuseFor(s, pf);
  s.stepCase = { signature, pf, reuse };
  return { pf, reuse };
}

const TYPE_CODE = { PQ: 1, PV: 2, REF: 3, NONE: 4 } as const;

/** what the index depends on besides injections: bus types and element status */
function structureOf(net: WorkingState['net']): Uint8Array {
  const { buses, branches, generators, hvdcLinks } = net;
  const out = new Uint8Array(buses.length + branches.length + generators.length + hvdcLinks.length);
  let p = 0;
  for (const bus of buses) out[p++] = TYPE_CODE[bus.type];
  for (const br of branches) out[p++] = br.inService ? 1 : 0;
  for (const g of generators) out[p++] = g.inService ? 1 : 0;
  for (const h of hvdcLinks) out[p++] = h.inService ? 1 : 0;
  return out;
}

/**
 * The Ybus, bus classification, Jacobian pattern and LU ordering stay valid while the topology,
 * the units in service and the bus types stay the same, which is most steps of a run: keyed by
 * all three.
 */
function reuseFor(s: WorkingState, pf: PfCase): NonNullable<AcPowerFlowOptions['reuse']> {
  const key = `${pf.busType.join('')}|${pf.branchOn.join('')}|${pf.genOn.join('')}`;
  if (s.solverCache?.key === key) return s.solverCache.reuse;
  const ybus = makeYbus(pf);
  const types = classifyBuses(pf, Int8Array.from(pf.busType));
  const reuse = {
    ybus,
    types,
    jacobian: buildJacobianPattern(ybus, types),
    linearSolver: createSparseLuSolver(),
  };
  s.solverCache = { key, reuse };
  return reuse;
}
