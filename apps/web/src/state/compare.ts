// An A/B comparison of two finished runs, for the compare dialog and the map: both runs'
// histories (the chart rows of every frame, on the same axes) and what is worse in B than in
// A — branches more loaded (≥ 5 points above A and above 80 %) or tripped only in B,
// districts with a larger share shed, and feeding substations dark for longer (their
// buildings and blocks are marked). Pure once the frames are loaded.
import type { RunInfo } from '@finest/protocol';
import { STATUS, type Frame, type RunKpis } from '@finest/scenario/schema';
import { api } from '../api/rest.ts';
import { supplied } from '../scene/buffers.ts';
import type { SceneModel } from '../scene/network-model.ts';
import { DARK_BELOW } from '../scene/city/city-supply.ts';
import { RunHistory } from './history.ts';
import { sceneStore, type CompareMarks, type RunMaps } from './scene-store.ts';
import { runMaps } from './run-maps.ts';

export interface CompareSide {
  run: RunInfo;
  kpis: RunKpis | null;
  maps: RunMaps;
  history: RunHistory;
}

interface Exposure {
  /** per scene branch: max loading %, 1 when tripped at some point */
  loading: Float32Array;
  tripped: Uint8Array;
  /** per district: max shed share */
  districtShed: Float32Array;
  /** per scene bus: s spent dark (supplied below DARK_BELOW) */
  darkS: Float32Array;
}

function exposure(
  frames: readonly Frame[],
  maps: RunMaps,
  model: SceneModel,
  feeders: Int32Array[],
): Exposure {
  const nb = model.network.branches.length;
  const out: Exposure = {
    loading: new Float32Array(nb),
    tripped: new Uint8Array(nb),
    districtShed: new Float32Array(feeders.length),
    darkS: new Float32Array(model.network.buses.length),
  };
  const sorted = [...frames].sort((a, b) => a.t - b.t);
  sorted.forEach((f, k) => {
    const dt = k + 1 < sorted.length ? sorted[k + 1]!.t - f.t : 0;
    for (let i = 0; i < maps.branch.length; i++) {
      const s = maps.branch[i]!;
      if (s < 0) continue;
      out.loading[s] = Math.max(out.loading[s]!, f.branchLoadingPct[i] ?? 0);
      if (f.branchStatus[i] === STATUS.TRIPPED) out.tripped[s] = 1;
    }
    const sup = (i: number): number =>
      i < 0 ? 1 : supplied(f.busLoadMW[i] ?? 0, f.busShedMW[i] ?? 0, f.busVm[i] ?? 1);
    for (let i = 0; i < maps.bus.length; i++) {
      const s = maps.bus[i]!;
      if (s >= 0 && sup(i) < DARK_BELOW) out.darkS[s] = out.darkS[s]! + dt;
    }
    feeders.forEach((fd, d) => {
      let sum = 0;
      fd.forEach((i) => (sum += sup(i)));
      const shed = fd.length > 0 ? 1 - sum / fd.length : 0;
      out.districtShed[d] = Math.max(out.districtShed[d]!, shed);
    });
  });
  return out;
}

/** What is worse in B than in A, per scene element. */
export function worseInB(a: Exposure, b: Exposure): CompareMarks {
  const branch = new Uint8Array(a.loading.length);
  for (let s = 0; s < branch.length; s++)
    branch[s] =
      (b.tripped[s]! && !a.tripped[s]!) ||
      (b.loading[s]! >= a.loading[s]! + 5 && b.loading[s]! > 80)
        ? 1
        : 0;
  const district = Uint8Array.from(a.districtShed, (v, d) =>
    b.districtShed[d]! > v + 0.01 ? 1 : 0,
  );
  const bus = Uint8Array.from(a.darkS, (v, k) => (b.darkS[k]! > v + 1 ? 1 : 0));
  return { branch, district, bus };
}

async function side(
  id: string,
  model: SceneModel,
): Promise<{ side: CompareSide; frames: Frame[] }> {
  const [details, frames] = await Promise.all([api.run(id), api.frames(id)]);
  const districts = sceneStore.getState().districts;
  const maps = runMaps(
    details.run,
    model,
    districts.map((d) => d.substations),
  );
  const history = new RunHistory(id, maps.summary);
  for (const f of frames) history.add(f);
  return { side: { run: details.run, kpis: details.kpis, maps, history }, frames };
}

export interface Comparison {
  a: CompareSide;
  b: CompareSide;
  worse: CompareMarks;
}

export async function loadComparison(aId: string, bId: string): Promise<Comparison> {
  const model = sceneStore.getState().model;
  if (!model) throw new Error('web/compare: no network loaded');
  const [a, b] = await Promise.all([side(aId, model), side(bId, model)]);
  const ea = exposure(a.frames, a.side.maps, model, a.side.maps.districtFeeders);
  const eb = exposure(b.frames, b.side.maps, model, b.side.maps.districtFeeders);
  return { a: a.side, b: b.side, worse: worseInB(ea, eb) };
}

/** How many of each kind are marked (buildings and blocks through their feeders). */
export function markCounts(m: CompareMarks): {
  branches: number;
  districts: number;
  buildings: number;
  blocks: number;
} {
  const city = sceneStore.getState().city;
  const sum = (x: Uint8Array): number => x.reduce((s, v) => s + v, 0);
  let buildings = 0;
  let blocks = 0;
  if (city) {
    city.buildingBus.forEach((b) => (buildings += b >= 0 ? m.bus[b]! : 0));
    city.blockBus.forEach((b) => (blocks += b >= 0 ? m.bus[b]! : 0));
  }
  return { branches: sum(m.branch), districts: sum(m.district), buildings, blocks };
}
