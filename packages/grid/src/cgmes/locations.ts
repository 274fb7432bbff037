// Geographical positions from the GL profile (CGMES 2.4.15 GeographicalLocation; in 3.0 the same
// classes): a Location names the PowerSystemResources it places (Substations here, or a boundary
// Line) and holds PositionPoints (xPosition = longitude, yPosition = latitude in WGS 84, the
// profile's mandated EPSG:4326). Each bus takes its substation's position (the mean of the
// Location's points); the others are completed from their neighbours (positions.ts).
import type { Bus } from '../schema/network.ts';
import type { NetworkBuilder } from './builder.ts';
import { completePositions } from './positions.ts';
import type { CimObject, CimStore } from './store.ts';

const WGS84 = /(EPSG::?4326|CRS:?84)$/i;
/** degrees between buses placed at the same neighbours' mean */
const NUDGE = 0.002;

/** [lon, lat] per PowerSystemResource key, from the Locations in WGS 84. */
function resourcePositions(store: CimStore, warnings: string[]): Map<string, [number, number]> {
  const points = store.groupByRef('PositionPoint', 'PositionPoint.Location', 'fail');
  const out = new Map<string, [number, number]>();
  const otherCrs = new Set<string>();
  for (const loc of store.all('Location')) {
    const crs = loc.optRef('Location.CoordinateSystem')?.optText('CoordinateSystem.crsUrn');
    if (crs !== undefined && !WGS84.test(crs.trim())) {
      otherCrs.add(crs);
      continue;
    }
    const pts = points.get(loc.key) ?? [];
    if (pts.length === 0) continue;
    let lon = 0;
    let lat = 0;
    for (const p of pts) {
      const x = p.num('PositionPoint.xPosition');
      const y = p.num('PositionPoint.yPosition');
      if (x < -180 || x > 180) p.fail('bad-value', `xPosition ${x} is not a longitude`);
      if (y < -90 || y > 90) p.fail('bad-value', `yPosition ${y} is not a latitude`);
      lon += x / pts.length;
      lat += y / pts.length;
    }
    for (const psr of resources(loc)) out.set(psr, [lon, lat]);
  }
  if (otherCrs.size > 0)
    warnings.push(
      `Locations in ${[...otherCrs].join(', ')} were not used (only WGS 84, EPSG:4326, is read)`,
    );
  return out;
}

/** Location.PowerSystemResources: one reference or several (the reader keeps the first). */
function resources(loc: CimObject): string[] {
  const psr = loc.optRef('Location.PowerSystemResources');
  return psr === undefined ? [] : [psr.key];
}

/** The resource whose Location places a node: its Substation, else its container (a Line). */
function placingResource(node: CimObject): string | undefined {
  const container = node.optRef('TopologicalNode.ConnectivityNodeContainer');
  const vl = container?.cls === 'Bay' ? container.optRef('Bay.VoltageLevel') : container;
  if (vl?.cls === 'VoltageLevel') return vl.optRefKey('VoltageLevel.Substation');
  return vl?.key;
}

/** Sets lon/lat on the builder's buses from the GL profile, when it reaches all of them. */
export function placeBuses(b: NetworkBuilder, store: CimStore): void {
  if (store.all('Location').length === 0) return;
  const byResource = resourcePositions(store, b.warnings);
  const pos = new Map<Bus, [number, number]>();
  for (const [key, bus] of b.buses) {
    const node = b.busNode.get(key);
    const psr = node === undefined ? undefined : placingResource(node);
    const p = psr === undefined ? undefined : byResource.get(psr);
    if (p !== undefined) pos.set(bus, p);
  }
  const done = completePositions(b, pos, NUDGE, 'GL Locations');
  if (done === undefined) return;
  for (const [bus, [lon, lat]] of done) {
    bus.lon = lon;
    bus.lat = lat;
  }
}
