// Render on demand: asks the canvas for a frame whenever the scene store changes (a frame of
// the run, hover, selection, a camera goal, contrast) or playback starts and stops, and keeps
// frames coming only while a run plays — for the flow chevrons — unless motion is reduced.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { appStore } from '../state/app-store.ts';
import { sceneStore } from '../state/scene-store.ts';

export function Invalidator(): null {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const offScene = sceneStore.subscribe(() => invalidate());
    const offApp = appStore.subscribe((s, p) => {
      if (s.playing !== p.playing || s.wall !== p.wall) invalidate();
    });
    return () => {
      offScene();
      offApp();
    };
  }, [invalidate]);
  useFrame(() => {
    if (appStore.getState().playing && !sceneStore.getState().reducedMotion) invalidate();
  });
  return null;
}
