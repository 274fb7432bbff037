// System protection schemes: automatic actions that a trip sets off. Olkiluoto 3 (1,600 MW)
// is larger than the 1,300 MW the Finnish system may lose at once (facts A28), so when it
// trips its system protection disconnects about 350 MW of industrial load at eight sites
// within 0.2 s and the grid sees at most 1,300 MW (A29, A30; Fingrid,
// https://www.fingridlehti.fi/en/ol3-system-protection/). The sites are not published: the
// load is taken from the forest-industry substations (those with biomass units, where the
// demand allocation puts the forest industry's load, scripts/build-data/allocation.ts), in
// proportion to their load. The scheme is armed while the unit runs above the 1,300 MW it
// protects (A32: OL3 is limited to 1,300 MW when the backup is not there).
import type { Balance } from './balance.ts';
import type { WorkingState } from './working-state.ts';

export interface SystemProtectionScheme {
  id: string;
  /** the unit whose trip sets the scheme off, by id, with its name and rating to be sure */
  unitId: string;
  unitName: string;
  ratedMW: number;
  /** MW of output above which the scheme is armed */
  armedAboveMW: number;
  /** MW of load disconnected, s after the trip */
  loadTripMW: number;
  delayS: number;
  country: string;
  source: string;
}

export const SYSTEM_PROTECTION_SCHEMES: readonly SystemProtectionScheme[] = [
  {
    id: 'ol3-industrial-load-trip',
    unitId: 'G2303',
    unitName: 'Olkiluoto',
    ratedMW: 1600,
    armedAboveMW: 1300,
    loadTripMW: 350,
    delayS: 0.2,
    country: 'FI',
    source: 'facts A29, A30, A32 (https://www.fingridlehti.fi/en/ol3-system-protection/)',
  },
];

export interface SchemeAction {
  scheme: SystemProtectionScheme;
  /** s when it acts */
  at: number;
  /** MW per bus index */
  shed: Map<number, number>;
}

/** The scheme a unit's trip sets off (armed at its output just before), or null. */
export function schemeForTrip(
  s: WorkingState,
  k: number,
  outputMW: number,
  b: Balance,
  t: number,
): SchemeAction | null {
  const g = s.net.generators[k]!;
  const scheme = SYSTEM_PROTECTION_SCHEMES.find(
    (x) => x.unitId === g.id && g.name === x.unitName && Math.abs(s.ratedMW[k]! - x.ratedMW) < 1,
  );
  if (!scheme || outputMW <= scheme.armedAboveMW) return null;
  const sites = new Set<number>();
  s.net.generators.forEach((u) => {
    const i = s.busIndex.get(u.bus)!;
    if (u.technology === 'biomass' && s.busCountry[i] === scheme.country) sites.add(i);
  });
  let load = 0;
  for (const i of sites) load += b.servedMW[i]!;
  const shed = new Map<number, number>();
  if (load <= 0) return { scheme, at: t + scheme.delayS, shed };
  const share = Math.min(1, scheme.loadTripMW / load);
  for (const i of sites) if (b.servedMW[i]! > 0) shed.set(i, b.servedMW[i]! * share);
  return { scheme, at: t + scheme.delayS, shed };
}
