// Camera presets and the goal for looking at one element. Pure: positions come from the plane
// projection and, for the Estlink corridor, from the network's converter stations.
import { plane } from '../geo/projection.ts';
import type { CameraGoal } from '../state/scene-store.ts';
import type { SceneModel } from './network-model.ts';

export const PRESETS = ['region', 'helsinki', 'tallinn', 'estlink', 'network'] as const;
export type PresetId = (typeof PRESETS)[number];

export const PRESET_LABELS: Record<PresetId, string> = {
  region: 'Gulf of Finland',
  helsinki: 'Helsinki',
  tallinn: 'Tallinn',
  estlink: 'Estlink corridor',
  network: 'Whole network',
};

const deg = Math.PI / 180;

function at(
  lon: number,
  lat: number,
  distance: number,
  polar: number,
  azimuth: number,
): CameraGoal {
  return { target: plane.project(lon, lat), distance, polar: polar * deg, azimuth: azimuth * deg };
}

export function presetGoal(id: PresetId, model: SceneModel | null): CameraGoal {
  switch (id) {
    case 'region':
      return at(25.2, 60.05, 620, 42, 0);
    case 'helsinki':
      return at(24.955, 60.18, 16, 56, 18);
    case 'tallinn':
      return at(24.75, 59.43, 20, 54, -15);
    case 'network':
      return at(25.3, 63.2, 2300, 22, 0);
    case 'estlink': {
      const ends = model ? estlinkEnds(model) : [];
      if (ends.length === 0) return at(25.4, 59.85, 240, 55, -35);
      const x = ends.reduce((s, p) => s + p[0], 0) / ends.length;
      const z = ends.reduce((s, p) => s + p[1], 0) / ends.length;
      const span = Math.max(...ends.map((p) => Math.hypot(p[0] - x, p[1] - z)));
      return {
        target: [x, z],
        distance: Math.max(120, span * 3.2),
        polar: 58 * deg,
        azimuth: -35 * deg,
      };
    }
  }
}

/** [x, z] of both ends of every link named Estlink. */
export function estlinkEnds(model: SceneModel): [number, number][] {
  const out: [number, number][] = [];
  model.network.hvdcLinks.forEach((l) => {
    if (!/estlink/i.test(l.name)) return;
    for (const id of [l.from, l.to]) {
      const k = model.busIndex.get(id);
      if (k !== undefined) out.push([model.busPos[3 * k]!, model.busPos[3 * k + 2]!]);
    }
  });
  return out;
}

/** A goal that frames one element: closer for a substation, wider for a cable. */
export function elementGoal(
  xz: [number, number],
  kind: 'branch' | 'hvdc' | 'generator' | 'substation' | 'district' | 'boundary',
  azimuth = 0,
): CameraGoal {
  const distance =
    kind === 'hvdc'
      ? 260
      : kind === 'branch'
        ? 140
        : kind === 'district'
          ? 30
          : kind === 'boundary'
            ? 500
            : 90;
  return { target: xz, distance, polar: 50 * deg, azimuth };
}
