// Moves the HTML labels (scene/labels.ts) to their projected positions, in the frames the scene
// renders anyway, and only when the camera or the set of labels changed.
import { useFrame, useThree } from '@react-three/fiber';
import { useMemo } from 'react';
import { Vector3 } from 'three';
import { sceneStore } from '../state/scene-store.ts';

export function LabelProjector(): null {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const v = useMemo(() => new Vector3(), []);
  // the camera as last projected: labels move only when it (or the set of labels) changes
  const last = useMemo(() => ({ view: new Float64Array(16), w: 0, h: 0, n: -1 }), []);
  useFrame(() => {
    const reg = sceneStore.getState().registries;
    const e = camera.matrixWorld.elements;
    let same = last.w === size.width && last.h === size.height && last.n === reg.labelVersion;
    for (let k = 0; k < 16 && same; k++) same = last.view[k] === e[k];
    if (same) return;
    last.view.set(e);
    last.w = size.width;
    last.h = size.height;
    last.n = reg.labelVersion;
    for (const l of reg.labels.values()) {
      v.set(l.pos[0], l.pos[1], l.pos[2]);
      const far = camera.position.distanceTo(v) > l.maxDistance;
      v.project(camera);
      const hidden = far || v.z > 1 || v.x < -1.1 || v.x > 1.1 || v.y < -1.1 || v.y > 1.1;
      if (hidden !== l.hidden) {
        l.hidden = hidden;
        l.el.style.visibility = hidden ? 'hidden' : 'visible';
      }
      if (hidden) continue;
      const x = ((v.x + 1) / 2) * size.width;
      const y = ((1 - v.y) / 2) * size.height;
      l.el.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
    }
  });
  return null;
}
