// Areas and countries from the containment of each node: TopologicalNode → its container (a
// VoltageLevel, a Bay of one, or a boundary Line) → Substation → SubGeographicalRegion →
// GeographicalRegion (the country, when its name is an ISO 3166 alpha-2 code such as "BE";
// CGMES regions are named so in the conformity models).
// The twin's Bus.area is the synchronous area (the scenario engine's frequency model keys on
// it): Nordic for FI, SE and NO, Continental Europe otherwise. Each SubGeographicalRegion is an
// area of kind "control" in Network.areas, and a bus's zone is the 1-based position of its
// SubGeographicalRegion among them (0: none).
import type { Area, Country } from '../schema/network.ts';
import type { CimObject } from './store.ts';

export interface Region {
  area: string;
  zone: number;
  country?: string;
}

const NORDIC = new Set(['FI', 'SE', 'NO']);
const SYNCHRONOUS = {
  nordic: {
    id: 'nordic',
    name: 'Nordic synchronous area',
    kind: 'synchronous',
    nominalFrequency: 50,
  },
  continental: {
    id: 'continental',
    name: 'Continental Europe synchronous area',
    kind: 'synchronous',
    nominalFrequency: 50,
  },
} as const satisfies Record<string, Area>;

export class Regions {
  readonly areas = new Map<string, Area>();
  readonly countries = new Map<string, Country>();

  private readonly control: string[] = [];

  of(node: CimObject): Region {
    const container = node.optRef('TopologicalNode.ConnectivityNodeContainer');
    const vl = container?.cls === 'Bay' ? container.optRef('Bay.VoltageLevel') : container;
    let sub: CimObject | undefined;
    if (vl?.cls === 'VoltageLevel')
      sub = vl.optRef('VoltageLevel.Substation')?.optRef('Substation.Region');
    else if (vl !== undefined) sub = vl.optRef('Line.Region') ?? vl.optRef('Substation.Region');
    const region = sub?.optRef('SubGeographicalRegion.Region');
    const code = region?.name?.trim().toUpperCase();
    const iso = code !== undefined && /^[A-Z]{2}$/.test(code) && code !== 'EU' ? code : undefined;
    if (iso !== undefined && !this.countries.has(iso))
      this.countries.set(iso, { code: iso, name: region?.name ?? iso });
    const sync =
      iso !== undefined && NORDIC.has(iso) ? SYNCHRONOUS.nordic : SYNCHRONOUS.continental;
    if (!this.areas.has(sync.id)) this.areas.set(sync.id, { ...sync });
    let zone = 0;
    if (sub !== undefined) {
      if (!this.areas.has(sub.mrid)) {
        this.areas.set(sub.mrid, { id: sub.mrid, name: sub.name ?? sub.mrid, kind: 'control' });
        this.control.push(sub.mrid);
      }
      zone = this.control.indexOf(sub.mrid) + 1;
    }
    return { area: sync.id, zone, ...(iso === undefined ? {} : { country: iso }) };
  }

  /** kV limits of a node's voltage level, as pu of its nominal voltage. */
  static voltageLimits(node: CimObject, kv: number): { Vmin: number; Vmax: number } {
    const container = node.optRef('TopologicalNode.ConnectivityNodeContainer');
    const vl = container?.cls === 'Bay' ? container.optRef('Bay.VoltageLevel') : container;
    const lo = vl?.cls === 'VoltageLevel' ? vl.optNum('VoltageLevel.lowVoltageLimit') : undefined;
    const hi = vl?.cls === 'VoltageLevel' ? vl.optNum('VoltageLevel.highVoltageLimit') : undefined;
    return {
      Vmin: lo !== undefined && lo > 0 && lo < kv ? lo / kv : 0.9,
      Vmax: hi !== undefined && hi > kv ? hi / kv : 1.1,
    };
  }
}
