// Plain-words names of network elements for the event log.
import type { Network } from '@finest/grid';

// Branches are named by the grid package's branchLabel (one wording for the log, the CLI and
// solver errors); re-exported so the engine's names come from one place.
export { branchLabel } from '@finest/grid';

const MW = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export const formatMW = (value: number): string => `${MW.format(Math.abs(value))} MW`;

export function busLabel(net: Network, index: number): string {
  const b = net.buses[index]!;
  return b.name ? `${b.name} (${b.id})` : b.id;
}

export function generatorLabel(net: Network, k: number): string {
  const g = net.generators[k]!;
  return g.name ? `${g.name} unit ${g.id}` : `unit ${g.id}`;
}

export function hvdcLabel(net: Network, k: number): string {
  const h = net.hvdcLinks[k]!;
  return h.name ?? `HVDC ${h.id}`;
}

/** "FI→EE" for a transfer of sign P on link k, by the countries of its ends. */
export function hvdcDirection(
  net: Network,
  k: number,
  P: number,
  busIndex: Map<string, number>,
): string {
  const h = net.hvdcLinks[k]!;
  const c = (id: string): string => net.buses[busIndex.get(id)!]?.country ?? id;
  return P >= 0 ? `${c(h.from)}→${c(h.to)}` : `${c(h.to)}→${c(h.from)}`;
}

/** "12 min", "3 h 5 min" */
export function minutes(seconds: number): string {
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}
