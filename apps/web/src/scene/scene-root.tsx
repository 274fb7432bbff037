// What the canvas holds: lights, the base map, the district plates, the twin city, the grid,
// and the parts without geometry (camera rig, picking, label projection, invalidation).
import type { ReactElement } from 'react';
import { sceneStore } from '../state/scene-store.ts';
import { BaseMapLayer } from './base-map-layer.tsx';
import { CameraRig } from './camera-rig.tsx';
import { CityLayer } from './city/CityLayer.tsx';
import { DistrictLayer } from './district-layer.tsx';
import { GridLayer } from './grid-layer.tsx';
import { Invalidator } from './invalidator.tsx';
import { LabelProjector } from './label-projector.tsx';
import type { SceneModel } from './network-model.ts';
import { Picker } from './picker.tsx';

export function SceneRoot({ model }: { model: SceneModel }): ReactElement {
  const city = sceneStore.getState().city;
  return (
    <group>
      <ambientLight intensity={1.4} />
      <directionalLight position={[-300, 600, 250]} intensity={1.6} />
      <BaseMapLayer />
      <DistrictLayer />
      {city ? <CityLayer city={city} /> : null}
      <GridLayer model={model} />
      <CameraRig />
      <Picker model={model} />
      <LabelProjector />
      <Invalidator />
    </group>
  );
}
