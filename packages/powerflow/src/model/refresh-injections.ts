// The injections of a power-flow index: what changes from one moment of a run to the next
// while the topology stays. buildPfCase fills them once; refreshInjections writes a moment's
// values into an index built for the same topology, so a time-domain run pays for the index
// (and the checks on its structure) only when the topology changes.
import type { Network } from '@finest/grid';
import { checkFiniteInput } from './check-finite.ts';
import { hvdcInjections } from './hvdc-injections.ts';
import type { PfCase } from './pf-case.ts';

/**
 * Writes the network's loads, unit outputs and HVDC set-points into `pf`, which must have been
 * built by buildPfCase from this network with the same topology, bus types and element
 * status; the start voltages come from `start` when given (a warm start), else the network.
 * Throws PowerflowInputError naming the element whose value is not finite (check-finite.ts).
 */
export function refreshInjections(
  pf: PfCase,
  net: Network,
  start?: { Vm: ArrayLike<number>; Va: ArrayLike<number> },
): void {
  const { Pd, Qd, Vm0, Va0, Pg, Qg } = pf;
  net.buses.forEach((bus, i) => {
    Pd[i] = bus.Pd;
    Qd[i] = bus.Qd;
    Vm0[i] = start ? start.Vm[i]! : bus.Vm;
    Va0[i] = start ? start.Va[i]! : bus.Va;
  });
  net.generators.forEach((g, k) => {
    Pg[k] = g.Pg;
    Qg[k] = g.Qg;
  });
  hvdcInjections(net, (id) => pf.busIndex.get(id)!, pf.Phvdc);
  checkFiniteInput(net, pf);
}
