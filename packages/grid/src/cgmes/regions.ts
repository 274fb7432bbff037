// Areas and countries from the containment of each node: TopologicalNode → its container (a
// VoltageLevel, a Bay of one, or a boundary Line) → Substation → SubGeographicalRegion (the
// area) → GeographicalRegion (the country, when its name is an ISO 3166 alpha-2 code such as
// "BE"; CGMES regions are named so in the conformity models). Nodes whose chain ends early
// belong to one area named after the model.
import type { Area, Country } from '../schema/network.ts';
import type { CimObject } from './store.ts';

export interface Region {
  area: string;
  country?: string;
}

export const UNASSIGNED_AREA = 'cgmes';

export class Regions {
  readonly areas = new Map<string, Area>();
  readonly countries = new Map<string, Country>();

  of(node: CimObject): Region {
    const container = node.optRef('TopologicalNode.ConnectivityNodeContainer');
    const vl = container?.cls === 'Bay' ? container.optRef('Bay.VoltageLevel') : container;
    let sub: CimObject | undefined;
    if (vl?.cls === 'VoltageLevel')
      sub = vl.optRef('VoltageLevel.Substation')?.optRef('Substation.Region');
    else if (vl !== undefined) sub = vl.optRef('Line.Region') ?? vl.optRef('Substation.Region');
    if (sub === undefined) return this.area(UNASSIGNED_AREA, 'CGMES model');
    const region = sub.optRef('SubGeographicalRegion.Region');
    const code = region?.name?.trim().toUpperCase();
    const iso = code !== undefined && /^[A-Z]{2}$/.test(code) && code !== 'EU' ? code : undefined;
    if (iso !== undefined && !this.countries.has(iso))
      this.countries.set(iso, { code: iso, name: region?.name ?? iso });
    return {
      ...this.area(sub.mrid, sub.name ?? sub.mrid),
      ...(iso === undefined ? {} : { country: iso }),
    };
  }

  private area(id: string, name: string): Region {
    if (!this.areas.has(id)) this.areas.set(id, { id, name, kind: 'control' });
    return { area: id };
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
