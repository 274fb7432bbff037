// HTML labels pinned to scene positions. The DOM side registers each label element with its
// position, its rank and what makes it an alert; the scene projects them once per rendered
// frame and moves them by mutating style.transform (no React renders), hiding those behind the
// camera, off screen or outside the free part of the view, and those an overlapping label of
// higher rank covers (label-projector.tsx, declutter.ts). The registry is the scene store's
// (registries.labels).
import { sceneStore, type SceneState } from '../state/scene-store.ts';

export type { PinnedLabel } from '../state/scene-store.ts';

/**
 * Which label shows where two overlap: a city's name over everything, then alerts (a district
 * without supply, a tripped line: LABEL_RANK.alert is added to their own rank), the cables,
 * the neighbouring systems, then district names (by population within their rank).
 */
export const LABEL_RANK = { district: 0, boundary: 10, link: 20, alert: 50, city: 100 } as const;

export interface PinOptions {
  /** km: hidden when the camera is further (district names up close only) */
  maxDistance?: number;
  rank?: number;
  alert?: ((s: SceneState) => boolean) | null;
  /** shown only while `alert` holds */
  alertOnly?: boolean;
  /** a label along the line from pos to here (a line's name) */
  to?: [number, number, number] | null;
  /** a label at a point: further points it may move to, in order (a cable's route) */
  alternatives?: readonly (readonly [number, number, number])[];
}

/** Registers (el) or removes (null) the label under key; the projector picks it up. */
export function pinLabel(
  key: string,
  el: HTMLElement | null,
  pos: [number, number, number],
  o: PinOptions = {},
): void {
  const reg = sceneStore.getState().registries;
  const known = reg.labels.get(key);
  if (el && known?.el === el) {
    // the same element re-rendered: keep its state, take the new alert (it may close over
    // new data, such as the log)
    known.alert = o.alert ?? null;
    reg.labelVersion++;
    return;
  }
  if (el)
    reg.labels.set(key, {
      el,
      pos,
      to: o.to ?? null,
      alternatives: o.alternatives ?? [],
      maxDistance: o.maxDistance ?? Infinity,
      rank: o.rank ?? 0,
      alert: o.alert ?? null,
      alertOnly: o.alertOnly ?? false,
      hidden: null,
      alerted: null,
    });
  else reg.labels.delete(key);
  reg.labelVersion++;
}
