// What the tooltip and the inspector say about a picked element: a title, fixed facts (kind,
// voltage, rating, dataset of origin) and live values read from the frame on screen (flow,
// loading, status, supply). Pure functions of the scene state.
import { STATUS, type LogEntry } from '@finest/scenario/schema';
import { supplied } from '../scene/buffers.ts';
import { lastTripBy, tripsOf } from '../scene/trips.ts';
import type { BlockArea, HeightSource } from '../geo/city-layers.ts';
import type { SceneModel } from '../scene/network-model.ts';
import type { Pick, SceneState } from '../state/scene-store.ts';
import { fmtDirected, fmtInt, fmtMW, fmtPct } from './format.ts';

export interface InfoRow {
  label: string;
  value: string;
}

export interface ElementInfo {
  title: string;
  subtitle: string;
  facts: InfoRow[];
  /** element reference for the editor (districts and boundaries have none) */
  ref: { kind: 'branch' | 'hvdc' | 'substation'; id: string } | null;
}

const STATUS_TEXT: Record<number, string> = {
  [STATUS.IN]: 'in service',
  [STATUS.OUT]: 'out of service',
  [STATUS.TRIPPED]: 'TRIPPED',
};

function busName(m: SceneModel, id: string): string {
  const k = m.busIndex.get(id);
  const b = k === undefined ? undefined : m.network.buses[k];
  return b?.name || id;
}

function datasetName(m: SceneModel, id: string): string {
  return m.network.datasets.find((d) => d.id === id)?.name ?? id ?? '–';
}

export function elementInfo(s: SceneState, pick: Pick): ElementInfo | null {
  const m = s.model;
  if (!m) return null;
  const net = m.network;
  switch (pick.kind) {
    case 'branch': {
      const b = net.branches[pick.index];
      if (!b) return null;
      return {
        title: `${b.kind === 'transformer' ? 'Transformer' : 'Line'} ${b.id}`,
        subtitle: `${busName(m, b.from)} – ${busName(m, b.to)}`,
        facts: [
          { label: 'Rating', value: b.rateA > 0 ? `${fmtInt(b.rateA)} MVA` : 'unrated' },
          { label: 'Length', value: b.lengthKm > 0 ? `${b.lengthKm.toFixed(0)} km` : '–' },
          { label: 'Dataset', value: datasetName(m, b.dataset) },
        ],
        ref: { kind: 'branch', id: b.id },
      };
    }
    case 'hvdc': {
      const l = net.hvdcLinks[pick.index];
      if (!l) return null;
      return {
        title: l.name,
        subtitle: `HVDC ${busName(m, l.from)} – ${busName(m, l.to)}`,
        facts: [
          { label: 'Capacity', value: fmtMW(l.Pmax) },
          { label: 'Dataset', value: datasetName(m, l.dataset) },
        ],
        ref: { kind: 'hvdc', id: l.id },
      };
    }
    case 'substation': {
      const b = net.buses[pick.index];
      if (!b) return null;
      const gens = net.generators.filter((g) => g.bus === b.id);
      const cap = gens.reduce((x, g) => x + g.Pmax, 0);
      return {
        title: b.external ? `${b.country} boundary ${b.id}` : b.name || b.id,
        subtitle: `${b.baseKV} kV · ${b.country} · ${b.area}${b.external ? ' · external equivalent' : ''}`,
        facts: [
          { label: 'Bus', value: b.id },
          ...(gens.length > 0
            ? [{ label: 'Generation', value: `${gens.length} units, ${fmtMW(cap)}` }]
            : []),
          { label: 'Dataset', value: datasetName(m, b.dataset) },
        ],
        ref: { kind: 'substation', id: b.id },
      };
    }
    case 'district': {
      const d = s.districts[pick.index];
      if (!d) return null;
      return {
        title: d.name,
        subtitle: `${d.city} district`,
        facts: [
          {
            label: 'Population',
            value: `${fmtInt(d.population)}${d.populationEstimated ? ' (estimate)' : ''}`,
          },
          { label: 'Fed from', value: d.substations.map((id) => busName(m, id)).join(', ') || '–' },
        ],
        ref: null,
      };
    }
    case 'boundary': {
      const a = m.boundaries[pick.index];
      if (!a) return null;
      return { title: a.label, subtitle: 'external area', facts: [], ref: null };
    }
    case 'building': {
      const b = s.city?.buildings[pick.index];
      if (!b) return null;
      const area = areaOfDistrict(s, b.district);
      return {
        title:
          b.name ?? (b.source === 'osm' ? `OSM ${b.id.slice(4)}` : `Building ${b.id.slice(9, 17)}`),
        subtitle:
          b.source === 'osm'
            ? `Real building · OpenStreetMap (© OpenStreetMap contributors, ODbL) · ${b.use}`
            : 'Real building · City of Helsinki 3D city model, LOD2 (CC BY 4.0)',
        facts: [
          {
            label: 'Height',
            value: `${b.heightM.toFixed(1)} m · ${HEIGHT_SOURCE[b.heightSource]}`,
          },
          ...(b.baseM > 0 ? [{ label: 'Base', value: `${b.baseM.toFixed(1)} m` }] : []),
          {
            label: 'Postal area',
            value: area ? `${area.name} (${fmtInt(area.population)} people)` : b.district,
          },
          { label: 'Population from', value: area?.populationSource ?? '–' },
          { label: 'Fed from', value: busName(m, b.substation) },
        ],
        ref: null,
      };
    }
    case 'block': {
      const a = blockArea(s, pick.index);
      if (!a) return null;
      return {
        title: a.name,
        subtitle: `Modelled blocks, not buildings · ${a.city} ${a.city === 'Helsinki' ? 'postal area' : 'subdistrict'}`,
        facts: [
          {
            label: 'Population',
            value: `${fmtInt(a.population)}${a.populationEstimated ? ' (estimate)' : ''}`,
          },
          { label: 'Population from', value: a.populationSource },
          ...(a.dwellings !== null ? [{ label: 'Dwellings', value: fmtInt(a.dwellings) }] : []),
          ...(a.workplaces !== null ? [{ label: 'Workplaces', value: fmtInt(a.workplaces) }] : []),
          {
            label: 'Blocks',
            value: `${a.cells.length} × ${a.blockM} m, ${a.heightM.toFixed(1)} m high`,
          },
          { label: 'Fed from', value: busName(m, a.substation) },
        ],
        ref: null,
      };
    }
  }
}

const HEIGHT_SOURCE: Record<HeightSource, string> = {
  'lod2-measured': 'measured (City 3D model)',
  'osm-height': 'OSM height tag',
  'osm-levels': 'estimated from OSM levels × 3.2 m',
  'extract-median': 'estimated: no height in OSM (median of the area)',
};

function areaOfDistrict(s: SceneState, district: string): BlockArea | null {
  const k = s.city?.areaOfDistrict.get(district);
  return k === undefined ? null : (s.city?.areas[k] ?? null);
}

function blockArea(s: SceneState, block: number): BlockArea | null {
  const k = s.city?.blockArea[block];
  return k === undefined ? null : (s.city?.areas[k] ?? null);
}

/** Supplied fraction of a bus (by id) in the frame on screen; 1 when the run lacks it. */
function busSupplied(s: SceneState, id: string): number {
  const m = s.model;
  const k = m?.busIndex.get(id);
  const i = k === undefined ? -1 : (s.maps?.busInv[k] ?? -1);
  const f = s.frame;
  if (!f || i < 0) return 1;
  return supplied(f.busLoadMW[i] ?? 0, f.busShedMW[i] ?? 0, f.busVm[i] ?? 1);
}

/** The live line of a building or block: lit or dark, and its area's people without power. */
function cityLive(s: SceneState, substation: string, area: BlockArea | null): string {
  const frac = busSupplied(s, substation);
  const people = area ? Math.round(area.population * (1 - frac)) : 0;
  const whose = area
    ? ` · ${area.name}: ~${fmtInt(people)} of ${fmtInt(area.population)} people without power (population: ${area.populationSource})`
    : '';
  if (frac > 0.999)
    return `lit · supplied${area ? ` · ${area.name}: ${fmtInt(area.population)} people (population: ${area.populationSource})` : ''}`;
  return `${frac < 0.5 ? 'DARK' : 'partly dark'} · ${fmtPct(100 * frac)} supplied${whose}`;
}

/** An HVDC link's transfer with its direction between the countries it joins: "650 MW EE→FI". */
export function hvdcTransferText(m: SceneModel, k: number, mw: number): string {
  const l = m.network.hvdcLinks[k]!;
  const country = (bus: string, fallback: string): string =>
    m.network.buses[m.busIndex.get(bus) ?? -1]?.country ?? fallback;
  return fmtDirected(mw, country(l.from, 'from'), country(l.to, 'to'));
}

/**
 * The status of a line or cable that is not in service. A scenario's trip event leaves its
 * element OUT in the frames, like one never in service: the log tells them apart.
 */
function downText(
  status: number,
  log: readonly LogEntry[],
  kind: 'branch' | 'hvdc',
  id: string,
  t: number,
): string {
  const trip = lastTripBy(tripsOf(log, kind, id), t);
  if (trip)
    return `TRIPPED ${trip.clock}${trip.kind === 'protection-trip' ? ' by protection' : ''}`;
  return STATUS_TEXT[status] ?? '';
}

/**
 * The live line of a picked element for the frame on screen.
 * @param log the run's event log, which says when a line or cable tripped
 */
export function liveText(s: SceneState, pick: Pick | null, log: readonly LogEntry[] = []): string {
  const m = s.model;
  const f = s.frame;
  const maps = s.maps;
  if (!m || !pick) return '';
  if ((!f || !maps) && pick.kind !== 'building' && pick.kind !== 'block') return 'no run on screen';
  const net = m.network;
  if (!f || !maps) return liveOfCity(s, pick);
  switch (pick.kind) {
    case 'branch': {
      const i = maps.branchInv[pick.index] ?? -1;
      const b = net.branches[pick.index];
      if (i < 0 || !b) return 'not in this run';
      const st = f.branchStatus[i] ?? STATUS.IN;
      if (st !== STATUS.IN) return downText(st, log, 'branch', b.id, f.t);
      return `${fmtDirected(f.branchFlowMW[i] ?? 0, busName(m, b.from), busName(m, b.to))} · ${fmtPct(f.branchLoadingPct[i] ?? 0)} loaded`;
    }
    case 'hvdc': {
      const i = maps.hvdcInv[pick.index] ?? -1;
      const l = net.hvdcLinks[pick.index];
      if (i < 0 || !l) return 'not in this run';
      const st = f.hvdcStatus[i] ?? STATUS.IN;
      if (st !== STATUS.IN) return downText(st, log, 'hvdc', l.id, f.t);
      return hvdcTransferText(m, pick.index, f.hvdcMW[i] ?? 0);
    }
    case 'substation': {
      const i = maps.busInv[pick.index] ?? -1;
      if (i < 0) return 'not in this run';
      const served = f.busLoadMW[i] ?? 0;
      const shed = f.busShedMW[i] ?? 0;
      const vm = f.busVm[i] ?? 0;
      if (vm < 0.05) return 'DE-ENERGISED';
      return `|V| ${vm.toFixed(3)} pu · load ${fmtMW(served)}${shed > 0.5 ? ` · SHED ${fmtMW(shed)}` : ''}`;
    }
    case 'district': {
      const d = s.districts[pick.index];
      const feeders = maps.districtFeeders[pick.index];
      if (!d || !feeders) return '';
      let sum = 0;
      feeders.forEach((i) => {
        sum += i < 0 ? 1 : supplied(f.busLoadMW[i] ?? 0, f.busShedMW[i] ?? 0, f.busVm[i] ?? 1);
      });
      const frac = feeders.length > 0 ? sum / feeders.length : 1;
      return frac > 0.999
        ? 'supplied'
        : `${fmtPct(100 * frac)} supplied · ~${fmtInt(d.population * (1 - frac))} people without power`;
    }
    case 'boundary':
      return '';
    case 'building':
    case 'block':
      return liveOfCity(s, pick);
  }
}

function liveOfCity(s: SceneState, pick: Pick): string {
  if (pick.kind === 'building') {
    const b = s.city?.buildings[pick.index];
    return b ? cityLive(s, b.substation, areaOfDistrict(s, b.district)) : '';
  }
  if (pick.kind === 'block') {
    const a = blockArea(s, pick.index);
    return a ? cityLive(s, a.substation, a) : '';
  }
  return '';
}
