// What the tooltip and the inspector say about a picked element: a title, fixed facts (kind,
// voltage, rating, dataset of origin) and live values read from the frame on screen (flow,
// loading, status, supply). Pure functions of the scene state.
import { STATUS } from '@finest/scenario/schema';
import { supplied } from '../scene/buffers.ts';
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
  }
}

/** The live line of a picked element for the frame on screen. */
export function liveText(s: SceneState, pick: Pick | null): string {
  const m = s.model;
  const f = s.frame;
  const maps = s.maps;
  if (!m || !pick) return '';
  if (!f || !maps) return 'no run on screen';
  const net = m.network;
  switch (pick.kind) {
    case 'branch': {
      const i = maps.branchInv[pick.index] ?? -1;
      const b = net.branches[pick.index];
      if (i < 0 || !b) return 'not in this run';
      const st = f.branchStatus[i] ?? STATUS.IN;
      if (st !== STATUS.IN) return STATUS_TEXT[st] ?? '';
      return `${fmtDirected(f.branchFlowMW[i] ?? 0, busName(m, b.from), busName(m, b.to))} · ${fmtPct(f.branchLoadingPct[i] ?? 0)} loaded`;
    }
    case 'hvdc': {
      const i = maps.hvdcInv[pick.index] ?? -1;
      const l = net.hvdcLinks[pick.index];
      if (i < 0 || !l) return 'not in this run';
      const st = f.hvdcStatus[i] ?? STATUS.IN;
      if (st !== STATUS.IN) return STATUS_TEXT[st] ?? '';
      const fa = net.buses[m.busIndex.get(l.from) ?? -1]?.country ?? 'from';
      const ta = net.buses[m.busIndex.get(l.to) ?? -1]?.country ?? 'to';
      return fmtDirected(f.hvdcMW[i] ?? 0, fa, ta);
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
  }
}
