// A run's layout mapped onto the scene's indices, and the playback speed that shows a run in
// about two minutes. Pure.
import type { RunInfo } from '@finest/protocol';
import { COUNTRIES, layoutIndex, type SceneModel } from '../scene/network-model.ts';
import type { RunMaps } from './scene-store.ts';

/** Layout → scene maps for a run on a network. */
export function runMaps(run: RunInfo, model: SceneModel, districtFeeders: string[][]): RunMaps {
  const { layout } = run;
  const bus = layoutIndex(layout.busIds, model.busIndex);
  const layoutBus = new Map(layout.busIds.map((id, k) => [id, k]));
  const linkIdx: number[] = [];
  const linkNames: string[] = [];
  model.network.hvdcLinks
    .filter((l) => /estlink/i.test(l.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .forEach((l) => {
      linkIdx.push(layout.hvdcIds.indexOf(l.id));
      linkNames.push(l.name);
    });
  const branch = layoutIndex(layout.branchIds, model.branchIndex);
  const hvdc = layoutIndex(layout.hvdcIds, model.hvdcIndex);
  const generator = layoutIndex(layout.generatorIds, model.generatorIndex);
  const net = model.network;
  return {
    runId: run.id,
    bus,
    branch,
    hvdc,
    generator,
    busInv: invert(bus, net.buses.length),
    branchInv: invert(branch, net.branches.length),
    hvdcInv: invert(hvdc, net.hvdcLinks.length),
    generatorInv: invert(generator, net.generators.length),
    districtFeeders: districtFeeders.map((ids) =>
      Int32Array.from(ids, (id) => layoutBus.get(id) ?? -1),
    ),
    summary: {
      countries: COUNTRIES.length,
      busCountry: Int8Array.from(bus, (s) => (s < 0 ? -1 : model.busCountry[s]!)),
      links: Int32Array.from(linkIdx),
      areas: layout.areaIds.length,
    },
    linkNames,
    areaIds: layout.areaIds,
  };
}

/** scene → layout from layout → scene */
export function invert(map: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n).fill(-1);
  map.forEach((s, i) => {
    if (s >= 0 && s < n) out[s] = i;
  });
  return out;
}

/** A playback speed that shows a run in about `seconds` of wall time, rounded to a nice step. */
export function speedFor(durationS: number, seconds = 120): number {
  const want = durationS / seconds;
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];
  return steps.find((s) => s >= want) ?? 3600;
}
