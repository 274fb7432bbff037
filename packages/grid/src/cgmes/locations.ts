// Geographical positions from the GL profile (CGMES 2.4.15 GeographicalLocation; in 3.0 the same
// classes): a Location names the PowerSystemResources it places (Substations here, or a boundary
// Line) and holds PositionPoints (xPosition = longitude, yPosition = latitude in WGS 84, the
// profile's mandated EPSG:4326). Each bus takes its substation's position (the mean of the
// Location's points). Buses without one (a three-winding transformer's star point, a boundary
// node) take the mean of their placed neighbours, nudged apart so that none coincide; a bus with
// no branch at all, the centre of the placed ones. The web
// app draws a network geographically only when every bus is placed, so when part of the model
// stays unreached no bus keeps a position (and a warning says why): all or nothing.
import type { Bus } from '../schema/network.ts';
import type { NetworkBuilder } from './builder.ts';
import type { CimObject, CimStore } from './store.ts';

const WGS84 = /(EPSG::?4326|CRS:?84)$/i;
/** degrees between buses placed at the same neighbours' mean */
const NUDGE = 0.002;

/** [lon, lat] per PowerSystemResource key, from the Locations in WGS 84. */
function resourcePositions(store: CimStore, warnings: string[]): Map<string, [number, number]> {
  const points = new Map<string, CimObject[]>();
  for (const p of store.all('PositionPoint')) {
    const loc = p.ref('PositionPoint.Location');
    const list = points.get(loc.key) ?? [];
    list.push(p);
    points.set(loc.key, list);
  }
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
  const buses = [...b.buses.values()];
  const pos = new Map<Bus, [number, number]>();
  for (const [key, bus] of b.buses) {
    const node = b.busNode.get(key);
    const psr = node === undefined ? undefined : placingResource(node);
    const p = psr === undefined ? undefined : byResource.get(psr);
    if (p !== undefined) pos.set(bus, p);
  }
  if (pos.size === 0) return;
  const own = pos.size;

  const byId = new Map(buses.map((bus) => [bus.id, bus]));
  const neighbours = new Map<Bus, Bus[]>(buses.map((bus) => [bus, []]));
  for (const e of [...b.branches, ...b.hvdcLinks]) {
    const f = byId.get(e.from);
    const t = byId.get(e.to);
    if (f === undefined || t === undefined || f === t) continue;
    neighbours.get(f)!.push(t);
    neighbours.get(t)!.push(f);
  }
  // rounds of "the mean of the placed neighbours", so a chain fills in from its placed end
  for (;;) {
    const round: [Bus, [number, number]][] = [];
    for (const bus of buses) {
      if (pos.has(bus)) continue;
      const placed = neighbours.get(bus)!.flatMap((n) => {
        const p = pos.get(n);
        return p === undefined ? [] : [p];
      });
      if (placed.length === 0) continue;
      const lon = placed.reduce((s, p) => s + p[0], 0) / placed.length;
      const lat = placed.reduce((s, p) => s + p[1], 0) / placed.length;
      round.push([bus, [lon, lat]]);
    }
    if (round.length === 0) break;
    round.forEach(([bus, [lon, lat]], k) => {
      const a = k * 2.399963; // golden angle: nudges of one round never line up
      pos.set(bus, [lon + NUDGE * Math.cos(a), lat + NUDGE * Math.sin(a)]);
    });
  }
  // a bus with no branch at all (a dead, isolated node) has no neighbours to go by: it sits
  // at the centre of the placed ones rather than costing the whole network its positions
  const isolated = buses.filter((bus) => !pos.has(bus) && neighbours.get(bus)!.length === 0);
  if (isolated.length > 0 && isolated.length === buses.length - pos.size) {
    const placed = [...pos.values()];
    const lon = placed.reduce((s, p) => s + p[0], 0) / placed.length;
    const lat = placed.reduce((s, p) => s + p[1], 0) / placed.length;
    isolated.forEach((bus, k) => {
      const a = k * 2.399963;
      pos.set(bus, [lon + NUDGE * Math.cos(a), lat + NUDGE * Math.sin(a)]);
    });
    b.warnings.push(
      `${isolated.length} isolated buses without a Location placed at the centre of the others`,
    );
  }
  if (pos.size < buses.length) {
    b.warnings.push(
      `GL Locations place ${own} of ${buses.length} buses and their neighbours reach only ${pos.size}: no bus keeps a position (the network is drawn schematically)`,
    );
    return;
  }
  for (const bus of buses) {
    const [lon, lat] = pos.get(bus)!;
    bus.lon = lon;
    bus.lat = lat;
  }
  if (own < buses.length)
    b.warnings.push(
      `${buses.length - own} buses without a Location of their own placed at their neighbours' mean position`,
    );
}
