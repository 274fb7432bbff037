// prefers-reduced-motion, kept in the scene store: flows and pulses stand still, the camera
// jumps instead of flying and windows switch without a flicker (the state still shows:
// colours, widths, dashes, rings). Also what makes the browser tests' screenshots comparable.
import { sceneStore } from '../state/scene-store.ts';

/** Follows the media query into the store; returns a stop function. */
export function watchReducedMotion(): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => undefined;
  const q = window.matchMedia('(prefers-reduced-motion: reduce)');
  const set = (): void => {
    if (sceneStore.getState().reducedMotion !== q.matches)
      sceneStore.setState({ reducedMotion: q.matches });
  };
  set();
  q.addEventListener('change', set);
  return () => q.removeEventListener('change', set);
}
