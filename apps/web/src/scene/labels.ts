// HTML labels pinned to scene positions. The DOM side registers each label element with its
// position; the scene projects them once per rendered frame and moves them by mutating
// style.transform (no React renders), hiding those behind the camera or off screen.
export interface PinnedLabel {
  el: HTMLElement;
  /** x, y, z km */
  pos: [number, number, number];
  /** hide when the camera is further than this (km), e.g. district names up close only */
  maxDistance: number;
  /** as last shown (the projector touches the DOM only on a change) */
  hidden: boolean | null;
}

export const labelRegistry = new Map<string, PinnedLabel>();
/** bumps when a label comes or goes */
export const labelVersion = { value: 0 };

export function pinLabel(
  key: string,
  el: HTMLElement | null,
  pos: [number, number, number],
  maxDistance = Infinity,
): void {
  const known = labelRegistry.get(key);
  if (el && known?.el === el) return;
  if (el) labelRegistry.set(key, { el, pos, maxDistance, hidden: null });
  else labelRegistry.delete(key);
  labelVersion.value++;
}
