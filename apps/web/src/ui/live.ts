// Live text: DOM nodes whose text follows the frame on screen without React. One shared
// subscription to the scene store batches every writer into a single task a few times a
// second: figures that change at stream rate are unreadable anyway, and each text change costs
// a repaint (on a software-rendered wall PC, more than the 3D scene itself).
import { useCallback, useEffect, useRef } from 'react';
import { sceneStore, type SceneState } from '../state/scene-store.ts';

export type LiveText = (s: SceneState) => string;

/** ms between live updates while frames stream */
export const LIVE_MS = 200;

// the writers and the pending batch are the scene store's (registries): no module state
function flush(): void {
  const reg = sceneStore.getState().registries;
  reg.liveTimer = null;
  reg.liveSeen = sceneStore.getState().frameSeq;
  for (const w of reg.liveWriters) w();
}

function schedule(s: SceneState): void {
  const reg = s.registries;
  if (s.frameSeq !== reg.liveSeen && reg.liveTimer === null && reg.liveWriters.size > 0)
    reg.liveTimer = setTimeout(flush, LIVE_MS);
}

/** Calls fn (batched, at most every LIVE_MS) after the frame on screen changes. */
export function subscribeLive(fn: () => void): () => void {
  const reg = sceneStore.getState().registries;
  reg.liveWriters.add(fn);
  reg.liveUnsubscribe ??= sceneStore.subscribe(schedule);
  return () => {
    reg.liveWriters.delete(fn);
    if (reg.liveWriters.size > 0) return;
    reg.liveUnsubscribe?.();
    reg.liveUnsubscribe = null;
    if (reg.liveTimer !== null) clearTimeout(reg.liveTimer);
    reg.liveTimer = null;
  };
}

/** Returns a ref for an element whose text is `text(scene state)`, kept current. */
export function useLive<T extends HTMLElement>(text: LiveText): (el: T | null) => void {
  const el = useRef<T | null>(null);
  const fn = useRef(text);
  const write = useCallback(() => {
    const node = el.current;
    if (!node) return;
    const v = fn.current(sceneStore.getState());
    if (node.textContent !== v) node.textContent = v;
  }, []);
  // a render may change what the text depends on (the selection): take the new text function
  // and rewrite after each
  useEffect(() => {
    fn.current = text;
    write();
  });
  useEffect(() => subscribeLive(write), [write]);
  return useCallback(
    (node: T | null) => {
      el.current = node;
      write();
    },
    [write],
  );
}
