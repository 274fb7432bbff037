// The base map (land, coastline, borders) from the geo layers, built once.
import { useEffect, useMemo, type ReactElement } from 'react';
import { plane } from '../geo/projection.ts';
import { sceneStore } from '../state/scene-store.ts';
import { buildBaseMap, disposeGroup } from './base-map.ts';

export function BaseMapLayer(): ReactElement | null {
  const geo = sceneStore.getState().geo;
  const group = useMemo(() => (geo ? buildBaseMap(geo, plane) : null), [geo]);
  useEffect(
    () => () => {
      if (group) disposeGroup(group);
    },
    [group],
  );
  return group ? <primitive object={group} /> : null;
}
