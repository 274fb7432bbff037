// The network as the scene draws it: the server's network JSON (GET /api/networks/:id) read
// into plain arrays, every bus placed on the plane, HVDC links as cables dipping under the sea,
// external equivalents grouped into labelled boundary areas. String ids at the edges, integer
// indices inside; a run's FrameLayout is mapped onto these indices once (layoutIndex).
// A network none of whose buses has coordinates (an uploaded CGMES model without GL) is drawn
// from its single-line diagram positions (Bus.diagram, from a DL profile) when every bus has
// one, else on a schematic layout (schematic-layout.ts); both around the plane's origin.
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

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;
const str = (o: Obj, k: string, d = ''): string => (typeof o[k] === 'string' ? o[k] : d);
const num = (o: Obj, k: string, d = 0): number => (typeof o[k] === 'number' ? o[k] : d);
function list(o: Obj, k: string, required: boolean): Obj[] {
  const v = o[k];
  if (v === undefined && !required) return [];
  if (!Array.isArray(v)) throw new NetworkFormatError(`web/network: "${k}" is not a list`);
  return v.filter(isObj);
}

/** Reads the server's network JSON; throws NetworkFormatError naming the first bad item. */
export function readNetwork(json: unknown, id: string): NetworkView {
  if (!isObj(json)) throw new NetworkFormatError('web/network: not an object');
  const net = isObj(json['network']) ? json['network'] : json;
  const rawBuses = list(net, 'buses', true);
  const rawBranches = list(net, 'branches', true);
  const located = (b: Obj): boolean =>
    Number.isFinite(num(b, 'lon', NaN)) && Number.isFinite(num(b, 'lat', NaN));
  // all or nothing: a network with some buses placed is a broken file, not a schematic one
  const unplaced = rawBuses.length > 0 && !rawBuses.some(located);
  const diagram = unplaced ? diagramPositions(rawBuses) : null;
  const placement = !unplaced ? 'geographic' : diagram ? 'diagram' : 'schematic';
  const where = !unplaced
    ? null
    : (diagram ?? schematicPositions(rawBuses, rawBranches, list(net, 'hvdcLinks', false)));
  const buses = rawBuses.map((b, k): BusView => {
    const [lon, lat] = where ? where[k]! : [num(b, 'lon', NaN), num(b, 'lat', NaN)];
    if (!Number.isFinite(lon) || !Number.isFinite(lat))
      throw new NetworkFormatError(`web/network: bus ${str(b, 'id', `#${k}`)} has no lon/lat`);
    return {
      id: str(b, 'id'),
      name: str(b, 'name'),
      lon,
      lat,
      baseKV: num(b, 'baseKV'),
      country: str(b, 'country'),
      area: str(b, 'area'),
      external: b['external'] === true,
      dataset: str(b, 'dataset'),
      Pd: num(b, 'Pd'),
    };
  });
  return {
    id,
    name: str(net, 'name', id),
    placement,
    buses,
    branches: rawBranches.map((b) => ({
      id: str(b, 'id'),
      from: str(b, 'from'),
      to: str(b, 'to'),
      kind: str(b, 'kind', 'line'),
      rateA: num(b, 'rateA'),
      inService: b['inService'] !== false,
      lengthKm: num(b, 'lengthKm'),
      dataset: str(b, 'dataset'),
    })),
    hvdcLinks: list(net, 'hvdcLinks', false).map((l) => ({
      id: str(l, 'id'),
      name: str(l, 'name', str(l, 'id')),
      from: str(l, 'from'),
      to: str(l, 'to'),
      Pmax: Math.max(num(l, 'Pmax'), -num(l, 'Pmin')),
      dataset: str(l, 'dataset'),
    })),
    generators: list(net, 'generators', false).map((g) => ({
      id: str(g, 'id'),
      bus: str(g, 'bus'),
      name: str(g, 'name'),
      technology: str(g, 'technology'),
      Pmax: num(g, 'Pmax'),
      dataset: str(g, 'dataset'),
    })),
    areas: list(net, 'areas', false).map((a) => ({ id: str(a, 'id'), name: str(a, 'name') })),
    countries: list(net, 'countries', false).map((c) => ({
      code: str(c, 'code'),
      name: str(c, 'name'),
    })),
    datasets: list(net, 'datasets', false).map((d) => ({
      id: str(d, 'id'),
      name: str(d, 'name'),
      licence: str(d, 'licence'),
    })),
  };
}

/** lon/lat per bus of a schematic layout: branches and HVDC links are its edges */
function schematicPositions(buses: Obj[], branches: Obj[], links: Obj[]): [number, number][] {
  const index = new Map(buses.map((b, k) => [str(b, 'id'), k]));
  const edges = [...branches, ...links].flatMap((e): [number, number][] => {
    const a = index.get(str(e, 'from'));
    const b = index.get(str(e, 'to'));
    return a === undefined || b === undefined ? [] : [[a, b]];
  });
  return schematicLayout(buses.length, edges, { spanKm: DRAWING_SPAN_KM }).map(([x, z]) =>
    plane.invert(x, z),
  );
}

/** km across the larger side of a diagram or schematic drawing */
const DRAWING_SPAN_KM = 240;

/** lon/lat per bus from its diagram x/y (y down = south), or null when a bus has none */
function diagramPositions(buses: Obj[]): [number, number][] | null {
  const xy: [number, number][] = [];
  for (const b of buses) {
    const d = b['diagram'];
    if (!isObj(d)) return null;
    const x = num(d, 'x', NaN);
    const y = num(d, 'y', NaN);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    xy.push([x, y]);
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
