// HTML labels pinned to scene positions. The DOM side registers each label element with its
// position; the scene projects them once per rendered frame and moves them by mutating
// style.transform (no React renders), hiding those behind the camera or off screen. The
// registry is the scene store's (registries.labels).
import { sceneStore } from '../state/scene-store.ts';

export type { PinnedLabel } from '../state/scene-store.ts';

/** Registers (el) or removes (null) the label under key; the projector picks it up. */
export function pinLabel(
  key: string,
  el: HTMLElement | null,
  pos: [number, number, number],
  maxDistance = Infinity,
): void {
  const reg = sceneStore.getState().registries;
  const known = reg.labels.get(key);
  if (el && known?.el === el) return;
  if (el) reg.labels.set(key, { el, pos, maxDistance, hidden: null });
  else reg.labels.delete(key);
  reg.labelVersion++;
}
