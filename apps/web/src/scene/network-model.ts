// The network as the scene draws it: the server's network JSON (GET /api/networks/:id), checked
// by the grid package's schema, read into plain arrays, every bus placed on the plane, HVDC links as cables dipping under the sea,
// external equivalents grouped into labelled boundary areas. String ids at the edges, integer
// indices inside; a run's FrameLayout is mapped onto these indices once (layoutIndex).
// A network none of whose buses has coordinates (an uploaded CGMES model without GL) is drawn
// from its single-line diagram positions (Bus.diagram, from a DL profile) when every bus has
// one, else on a schematic layout (schematic-layout.ts); both around the plane's origin.
import { formatBranchLabel, parseNetworkJson, type Bus, type Network } from '@finest/grid/schema';
import { plane, type PlaneProjection } from '../geo/projection.ts';
import { schematicLayout } from './schematic-layout.ts';

export interface BusView {
  id: string;
  name: string;
  lon: number;
  lat: number;
  /** kV */
  baseKV: number;
  country: string;
  area: string;
  external: boolean;
  dataset: string;
  /** MW, demand in the network file */
  Pd: number;
}

export interface BranchView {
  id: string;
  /** the network's own name, '' when it has none */
  name: string;
  from: string;
  to: string;
  kind: string;
  /** MVA */
  rateA: number;
  inService: boolean;
  lengthKm: number;
  dataset: string;
}

export interface HvdcView {
  id: string;
  name: string;
  from: string;
  to: string;
  /** MW */
  Pmax: number;
  dataset: string;
}

export interface GeneratorView {
  id: string;
  bus: string;
  name: string;
  technology: string;
  /** MW */
  Pmax: number;
  dataset: string;
}

export interface NetworkView {
  id: string;
  name: string;
  /** where the bus positions come from: the network's lon/lat, or a schematic layout */
  placement: 'geographic' | 'diagram' | 'schematic';
  buses: BusView[];
  branches: BranchView[];
  hvdcLinks: HvdcView[];
  generators: GeneratorView[];
  areas: { id: string; name: string }[];
  countries: { code: string; name: string }[];
  datasets: { id: string; name: string; licence?: string }[];
}

export class NetworkFormatError extends Error {
  readonly code = 'FINEST_WEB_NETWORK';
}

/**
 * Reads the server's network JSON (GET /api/networks/:id): checked by the network schema of
 * @finest/grid/schema, so a bad file throws NetworkValidationError naming every bad field by
 * its path ("buses[3].baseKV: …"); a network with only some buses placed throws
 * NetworkFormatError naming the first unplaced bus.
 */
export function readNetwork(json: unknown, id: string): NetworkView {
  const net = parseNetworkJson(json, `web/network ${id}`);
  const located = (b: Bus): boolean => b.lon !== undefined && b.lat !== undefined;
  // all or nothing: a network with some buses placed is a broken file, not a schematic one
  const unplaced = net.buses.length > 0 && !net.buses.some(located);
  const diagram = unplaced ? diagramPositions(net.buses) : null;
  const placement = !unplaced ? 'geographic' : diagram ? 'diagram' : 'schematic';
  const where = !unplaced ? null : (diagram ?? schematicPositions(net));
  const buses = net.buses.map((b, k): BusView => {
    const [lon, lat] = where ? where[k]! : [b.lon, b.lat];
    if (lon === undefined || lat === undefined)
      throw new NetworkFormatError(`web/network ${id}: bus ${b.id} has no lon/lat`);
    return {
      id: b.id,
      name: b.name ?? '',
      lon,
      lat,
      baseKV: b.baseKV,
      country: b.country ?? '',
      area: b.area ?? '',
      external: b.external === true,
      dataset: b.dataset ?? '',
      Pd: b.Pd,
    };
  });
  return {
    id,
    name: net.name || id,
    placement,
    buses,
    branches: net.branches.map((b) => ({
      id: b.id,
      name: b.name ?? '',
      from: b.from,
      to: b.to,
      kind: b.kind,
      rateA: b.rateA,
      inService: b.inService,
      lengthKm: b.lengthKm ?? 0,
      dataset: b.dataset ?? '',
    })),
    hvdcLinks: net.hvdcLinks.map((l) => ({
      id: l.id,
      name: l.name ?? l.id,
      from: l.from,
      to: l.to,
      Pmax: Math.max(l.Pmax, -l.Pmin),
      dataset: l.dataset ?? '',
    })),
    generators: net.generators.map((g) => ({
      id: g.id,
      bus: g.bus,
      name: g.name ?? '',
      technology: g.technology ?? '',
      Pmax: g.Pmax,
      dataset: g.dataset ?? '',
    })),
    areas: net.areas.map((a) => ({ id: a.id, name: a.name })),
    countries: net.countries.map((c) => ({ code: c.code, name: c.name })),
    datasets: net.datasets.map((d) => ({ id: d.id, name: d.name, licence: d.licence ?? '' })),
  };
}

/** lon/lat per bus of a schematic layout: branches and HVDC links are its edges */
function schematicPositions(net: Network): [number, number][] {
  const index = new Map(net.buses.map((b, k) => [b.id, k]));
  const edges = [...net.branches, ...net.hvdcLinks].flatMap((e): [number, number][] => {
    const a = index.get(e.from);
    const b = index.get(e.to);
    return a === undefined || b === undefined ? [] : [[a, b]];
  });
  return schematicLayout(net.buses.length, edges, { spanKm: DRAWING_SPAN_KM }).map(([x, z]) =>
    plane.invert(x, z),
  );
}

/** km across the larger side of a diagram or schematic drawing */
const DRAWING_SPAN_KM = 240;

/** lon/lat per bus from its diagram x/y (y down = south), or null when a bus has none */
function diagramPositions(buses: readonly Bus[]): [number, number][] | null {
  const xy: [number, number][] = [];
  for (const b of buses) {
    if (b.diagram === undefined) return null;
    xy.push([b.diagram.x, b.diagram.y]);
  }
  const xs = xy.map((p) => p[0]);
  const ys = xy.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = DRAWING_SPAN_KM / Math.max(x1 - x0, y1 - y0, 1e-9);
  return xy.map(([x, y]) => plane.invert((x - (x0 + x1) / 2) * scale, (y - (y0 + y1) / 2) * scale));
}

/** km above sea level of the things drawn on land */
export const HEIGHTS = { landBase: -0.6, land: 0.3, line: 0.55, node: 0.6, cable: -3.2 } as const;

/** A boundary area: the external equivalents of one neighbouring country. */
export interface BoundaryArea {
  country: string;
  label: string;
  /** bus indices */
  buses: number[];
  /** [x, z] km where the label sits */
  at: [number, number];
}

export interface SceneModel {
  network: NetworkView;
  busIndex: Map<string, number>;
  branchIndex: Map<string, number>;
  hvdcIndex: Map<string, number>;
  generatorIndex: Map<string, number>;
  /** x, y, z per bus (km) */
  busPos: Float32Array;
  /** per branch, bus indices (−1 when the network names an unknown bus) */
  branchFrom: Int32Array;
  branchTo: Int32Array;
  /** per HVDC link, its cable as a polyline x, y, z … dipping under the sea */
  hvdcPath: Float32Array[];
  boundaries: BoundaryArea[];
  /** country code per bus index, as an index into COUNTRIES (−1 for others) */
  busCountry: Int8Array;
}

/** The countries the twin compares, in display order. */
export const COUNTRIES = ['FI', 'EE'] as const;
export type CountryCode = (typeof COUNTRIES)[number];

const NEIGHBOURS: Record<string, string> = {
  SE: 'Sweden',
  NO: 'Norway',
  LV: 'Latvia',
  RU: 'Russia',
};

/** Points of a cable from a to b: down to HEIGHTS.cable in the middle, up at both ends. */
export function cablePath(a: [number, number], b: [number, number], segments = 24): Float32Array {
  const out = new Float32Array((segments + 1) * 3);
  for (let k = 0; k <= segments; k++) {
    const t = k / segments;
    // a flat-bottomed dip: steep near the landings, level across the sea
    const dip = Math.min(1, Math.sin(Math.PI * t) * 2.2);
    out[3 * k] = a[0] + (b[0] - a[0]) * t;
    out[3 * k + 1] = HEIGHTS.node + (HEIGHTS.cable - HEIGHTS.node) * dip;
    out[3 * k + 2] = a[1] + (b[1] - a[1]) * t;
  }
  return out;
}

export function buildSceneModel(network: NetworkView, proj: PlaneProjection = plane): SceneModel {
  const busIndex = new Map(network.buses.map((b, k) => [b.id, k]));
  const busPos = new Float32Array(network.buses.length * 3);
  const busCountry = new Int8Array(network.buses.length).fill(-1);
  network.buses.forEach((b, k) => {
    const [x, z] = proj.project(b.lon, b.lat);
    busPos[3 * k] = x;
    busPos[3 * k + 1] = HEIGHTS.node;
    busPos[3 * k + 2] = z;
    busCountry[k] = (COUNTRIES as readonly string[]).indexOf(b.country);
  });
  const at = (id: string): number => busIndex.get(id) ?? -1;
  const xz = (k: number): [number, number] => [busPos[3 * k] ?? 0, busPos[3 * k + 2] ?? 0];

  const hvdcPath = network.hvdcLinks.map((l) => {
    const a = at(l.from);
    const b = at(l.to);
    return a < 0 || b < 0 ? new Float32Array(0) : cablePath(xz(a), xz(b));
  });

  const byCountry = new Map<string, number[]>();
  network.buses.forEach((b, k) => {
    if (!b.external) return;
    const list = byCountry.get(b.country) ?? [];
    list.push(k);
    byCountry.set(b.country, list);
  });
  const boundaries: BoundaryArea[] = [...byCountry].map(([country, buses]) => {
    const n = buses.length;
    const cx = buses.reduce((s, k) => s + (busPos[3 * k] ?? 0), 0) / n;
    const cz = buses.reduce((s, k) => s + (busPos[3 * k + 2] ?? 0), 0) / n;
    const name =
      NEIGHBOURS[country] ?? network.countries.find((c) => c.code === country)?.name ?? country;
    return { country, label: name, buses, at: [cx, cz] };
  });

  return {
    network,
    busIndex,
    branchIndex: new Map(network.branches.map((b, k) => [b.id, k])),
    hvdcIndex: new Map(network.hvdcLinks.map((l, k) => [l.id, k])),
    generatorIndex: new Map(network.generators.map((g, k) => [g.id, k])),
    busPos,
    branchFrom: Int32Array.from(network.branches, (b) => at(b.from)),
    branchTo: Int32Array.from(network.branches, (b) => at(b.to)),
    hvdcPath,
    boundaries,
    busCountry,
  };
}

/** Maps a layout's ids onto scene indices: out[layoutIndex] = scene index, or −1. */
export function layoutIndex(
  ids: readonly string[],
  index: ReadonlyMap<string, number>,
): Int32Array {
  return Int32Array.from(ids, (id) => index.get(id) ?? -1);
}

/** x, z (km) of any element, for the camera and the inspector. */
export function elementPosition(
  m: SceneModel,
  kind: 'branch' | 'hvdc' | 'generator' | 'substation' | 'bus',
  id: string,
): [number, number] | null {
  const bus = (k: number | undefined): [number, number] | null =>
    k === undefined || k < 0 ? null : [m.busPos[3 * k]!, m.busPos[3 * k + 2]!];
  if (kind === 'substation' || kind === 'bus') return bus(m.busIndex.get(id));
  if (kind === 'generator') {
    const g = m.generatorIndex.get(id);
    return g === undefined ? null : bus(m.busIndex.get(m.network.generators[g]!.bus));
  }
  if (kind === 'branch') {
    const k = m.branchIndex.get(id);
    if (k === undefined) return null;
    const a = bus(m.branchFrom[k]);
    const b = bus(m.branchTo[k]);
    return a && b ? [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] : (a ?? b);
  }
  const k = m.hvdcIndex.get(id);
  const p = k === undefined ? undefined : m.hvdcPath[k];
  if (!p || p.length < 3) return null;
  const mid = Math.floor(p.length / 6) * 3;
  return [p[mid]!, p[mid + 2]!];
}

/**
 * How branch k is named to a person, in the one wording of @finest/grid (names/branch-label.ts)
 * that the engine's event log uses too: "Espoo–Inkoo 400 kV line (L981)".
 */
export function branchTitle(m: SceneModel, k: number): string {
  const b = m.network.branches[k];
  if (!b) return '';
  const end = (id: string): { id: string; name?: string; baseKV?: number } => {
    const bus = m.network.buses[m.busIndex.get(id) ?? -1];
    return { id, ...(bus?.name ? { name: bus.name } : {}), ...(bus ? { baseKV: bus.baseKV } : {}) };
  };
  return formatBranchLabel({
    row: k,
    id: b.id,
    ...(b.name ? { name: b.name } : {}),
    kind: b.kind === 'transformer' ? 'transformer' : 'line',
    from: end(b.from),
    to: end(b.to),
  });
}
