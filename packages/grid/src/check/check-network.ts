// Consistency checks of a network model (PyPSA-style: its own module, a list of findings,
// `strict` turns them into an error). Checks what the schema cannot: references between
// elements, duplicate ids, impedances a solver cannot use, limits that contradict each other,
// and islands that cannot be solved.
import { NetworkValidationError, type NetworkIssue } from '../errors.ts';
import type { Network } from '../schema/network.ts';
import { findIslands } from '../topology/islands.ts';

export interface CheckOptions {
  /** throw NetworkValidationError when any issue is found */
  strict?: boolean;
}

export function checkNetwork(net: Network, options: CheckOptions = {}): NetworkIssue[] {
  const issues: NetworkIssue[] = [];
  const add = (path: string, message: string): void => {
    issues.push({ path, message });
  };
  const busIds = new Set<string>();
  net.buses.forEach((b, i) => {
    if (busIds.has(b.id)) add(`buses[${i}].id`, `duplicate bus id "${b.id}"`);
    busIds.add(b.id);
    if (b.Vmin > b.Vmax) add(`buses[${i}]`, `Vmin ${b.Vmin} > Vmax ${b.Vmax}`);
    if (b.type !== 'NONE' && !(b.Vm > 0))
      add(`buses[${i}].Vm`, `initial voltage must be positive, got ${b.Vm}`);
  });
  const areaIds = new Set(net.areas.map((a) => a.id));
  if (areaIds.size > 0) {
    net.buses.forEach((b, i) => {
      if (!areaIds.has(b.area)) add(`buses[${i}].area`, `unknown area "${b.area}"`);
    });
  }
  const uniqueIds = (list: { id: string }[], name: string): void => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) add(`${name}[${i}].id`, `duplicate id "${x.id}"`);
      seen.add(x.id);
    });
  };
  uniqueIds(net.branches, 'branches');
  uniqueIds(net.generators, 'generators');
  uniqueIds(net.hvdcLinks, 'hvdcLinks');
  const ref = (path: string, id: string): void => {
    if (!busIds.has(id)) add(path, `unknown bus "${id}"`);
  };
  net.branches.forEach((br, l) => {
    ref(`branches[${l}].from`, br.from);
    ref(`branches[${l}].to`, br.to);
    if (br.from === br.to) add(`branches[${l}]`, 'connects a bus to itself');
    if (br.inService && br.r === 0 && br.x === 0)
      add(`branches[${l}]`, 'zero impedance (r = x = 0): no power-flow model');
    else if (br.inService && br.x === 0)
      add(`branches[${l}].x`, 'zero reactance: no DC power-flow model');
    if (br.tap < 0) add(`branches[${l}].tap`, `negative tap ratio ${br.tap}`);
    for (const rate of ['rateA', 'rateB', 'rateC'] as const) {
      if (br[rate] < 0) add(`branches[${l}].${rate}`, `negative rating ${br[rate]} MVA`);
    }
  });
  net.generators.forEach((g, k) => {
    ref(`generators[${k}].bus`, g.bus);
    if (g.Pmin > g.Pmax) add(`generators[${k}]`, `Pmin ${g.Pmin} > Pmax ${g.Pmax}`);
    if (g.Qmin > g.Qmax) add(`generators[${k}]`, `Qmin ${g.Qmin} > Qmax ${g.Qmax}`);
  });
  net.hvdcLinks.forEach((h, k) => {
    ref(`hvdcLinks[${k}].from`, h.from);
    ref(`hvdcLinks[${k}].to`, h.to);
    if (h.Pmin > h.Pmax) add(`hvdcLinks[${k}]`, `Pmin ${h.Pmin} > Pmax ${h.Pmax}`);
    if (h.P > h.Pmax || h.P < h.Pmin)
      add(`hvdcLinks[${k}].P`, `transfer ${h.P} MW outside [${h.Pmin}, ${h.Pmax}]`);
  });
  // Topology only makes sense once every reference resolves.
  if (
    issues.every(
      (i) => !i.message.startsWith('unknown bus') && !i.message.startsWith('duplicate bus'),
    )
  ) {
    findIslands(net).islands.forEach((island, k) => {
      if (
        island.buses.length === 1 &&
        net.buses.find((b) => b.id === island.buses[0])?.type === 'NONE'
      )
        return;
      if (island.hasGeneration && !island.hasReference) {
        add(
          `islands[${k}]`,
          `island of ${island.buses.length} buses (first ${island.buses[0]}) has generation but no REF bus`,
        );
      } else if (!island.hasGeneration && island.demand > 0) {
        add(
          `islands[${k}]`,
          `island of ${island.buses.length} buses (first ${island.buses[0]}) has ${island.demand} MW of demand and no generation`,
        );
      }
    });
  }
  if (options.strict && issues.length > 0) throw new NetworkValidationError(net.name, issues);
  return issues;
}
