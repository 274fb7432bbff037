// Live text: a DOM node whose text follows the frame on screen without React. The hook
// subscribes to the scene store and writes textContent when the frame (or the selection the
// text depends on) changes — at most once per animation frame.
import { useCallback, useEffect, useRef } from 'react';
import { sceneStore, type SceneState } from '../state/scene-store.ts';

export type LiveText = (s: SceneState) => string;

/** Returns a ref for an element whose text is `text(scene state)`, kept current. */
export function useLive<T extends HTMLElement>(text: LiveText): (el: T | null) => void {
  const el = useRef<T | null>(null);
  const fn = useRef(text);
  fn.current = text;
  const write = useCallback(() => {
    const node = el.current;
    if (!node) return;
    const v = fn.current(sceneStore.getState());
    if (node.textContent !== v) node.textContent = v;
  }, []);
  // a render may change what the text depends on (the selection): rewrite after each
  useEffect(() => write());
  useEffect(() => {
    let queued = 0;
    let last = -1;
    const unsub = sceneStore.subscribe((s) => {
      if (s.frameSeq === last || queued) return;
      queued = requestAnimationFrame(() => {
        queued = 0;
        last = sceneStore.getState().frameSeq;
        write();
      });
    });
    write();
    return () => {
      unsub();
      if (queued) cancelAnimationFrame(queued);
    };
  }, [write]);
  return useCallback(
    (node: T | null) => {
      el.current = node;
      write();
    },
    [write],
  );
}
