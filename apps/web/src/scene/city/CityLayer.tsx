// The twin city in the scene: the real buildings (one merged mesh) and the modelled fabric
// (one instanced mesh), standing on the land and exaggerated in height from afar (true scale
// up close). When the frame on screen changes, each item takes its feeder's supplied fraction;
// what changed is written into the vertex / instance attributes (no React state), and the
// scene keeps rendering only while a flicker runs.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import type { BufferAttribute, InstancedBufferAttribute } from 'three';
import { Mesh } from 'three';
import { sceneStore, type CompareMarks } from '../../state/scene-store.ts';
import { BUS_STRIDE, writeBusStates } from '../buffers.ts';
import { HEIGHTS } from '../network-model.ts';
import { buildBuildingGeometry, STATE_SIZE } from './building-geometry.ts';
import { cityMaterial } from './city-material.ts';
import type { CityModel } from './city-model.ts';
import { FLICKER_S, ItemSupply, writeItemSupply } from './city-supply.ts';
import { buildFabricMesh } from './fabric-mesh.ts';

/** × true height for a camera this far (km) from its target: 1 within 2 km, up to 8 */
export function exaggerationAt(distanceKm: number): number {
  return Math.min(8, Math.max(1, distanceKm / 2));
}

function writeRanges(
  attr: BufferAttribute,
  s: ItemSupply,
  start: Int32Array,
  count: Int32Array,
): void {
  const a = attr.array as Float32Array;
  for (let b = 0; b < start.length; b++) {
    if (!s.changed[b]) continue;
    for (let v = start[b]!, end = v + count[b]!; v < end; v++) {
      a[STATE_SIZE * v] = s.now[b]!;
      a[STATE_SIZE * v + 1] = s.before[b]!;
      a[STATE_SIZE * v + 2] = s.changedAt[b]!;
    }
  }
  attr.needsUpdate = true;
}

export function CityLayer({ city }: { city: CityModel }): ReactElement {
  const invalidate = useThree((s) => s.invalidate);
  const size = useThree((s) => s.size);
  const dpr = useThree((s) => s.viewport.dpr);
  const parts = useMemo(() => {
    const bg = buildBuildingGeometry(city.buildings);
    const buildingMaterial = cityMaterial(false);
    const buildings = new Mesh(bg.geometry, buildingMaterial);
    buildings.name = 'buildings';
    const fabric = buildFabricMesh(city.areas, cityMaterial(true));
    for (const m of [buildings, fabric.mesh]) {
      m.position.y = HEIGHTS.land;
      // drawn before the grid's lines (which ignore depth) and after the land
      m.renderOrder = 2;
    }
    return {
      bg,
      buildings,
      fabric,
      busState: new Float32Array(BUS_STRIDE * city.busCount),
      buildingSupply: new ItemSupply(city.buildings.length),
      blockSupply: new ItemSupply(city.blockArea.length),
      scratchB: new Float32Array(city.buildings.length),
      scratchK: new Float32Array(city.blockArea.length),
      flickerUntil: -1,
    };
  }, [city]);
  useEffect(
    () => () => {
      parts.buildings.geometry.dispose();
      parts.buildings.material.dispose();
      parts.fabric.mesh.geometry.dispose();
      parts.fabric.mesh.material.dispose();
      parts.fabric.mesh.dispose();
    },
    [parts],
  );
  const seen = useRef({ frameSeq: -1, runId: '', marks: null as CompareMarks | null });

  useFrame((state) => {
    const s = sceneStore.getState();
    const p = parts;
    const clock = state.clock.elapsedTime;
    const last = seen.current;
    if (s.frameSeq !== last.frameSeq || (s.maps?.runId ?? '') !== last.runId) {
      last.frameSeq = s.frameSeq;
      last.runId = s.maps?.runId ?? '';
      const live = s.frame && s.maps ? p.busState : null;
      if (live && s.frame && s.maps) {
        live.fill(0);
        // buses absent from the run count as supplied
        for (let b = 0; b < live.length / BUS_STRIDE; b++) live[BUS_STRIDE * b + 3] = 1;
        writeBusStates(s.frame, s.maps.bus, live);
      }
      writeItemSupply(live, city.buildingBus, p.scratchB);
      writeItemSupply(live, city.blockBus, p.scratchK);
      const flicker = !s.reducedMotion;
      const nb = p.buildingSupply.apply(p.scratchB, clock, flicker);
      const nk = p.blockSupply.apply(p.scratchK, clock, flicker);
      if (nb > 0) {
        writeRanges(
          p.buildings.geometry.getAttribute('aState') as BufferAttribute,
          p.buildingSupply,
          p.bg.start,
          p.bg.count,
        );
      }
      if (nk > 0) {
        const attr = p.fabric.mesh.geometry.getAttribute('iState') as InstancedBufferAttribute;
        const a = attr.array as Float32Array;
        for (let k = 0; k < p.blockSupply.now.length; k++) {
          a[STATE_SIZE * k] = p.blockSupply.now[k]!;
          a[STATE_SIZE * k + 1] = p.blockSupply.before[k]!;
          a[STATE_SIZE * k + 2] = p.blockSupply.changedAt[k]!;
        }
        attr.needsUpdate = true;
      }
      if ((nb > 0 || nk > 0) && flicker) p.flickerUntil = clock + FLICKER_S + 0.05;
    }
    if (s.compareMarks !== last.marks) {
      last.marks = s.compareMarks;
      const bus = s.compareMarks?.bus;
      const on = (b: number): number => (bus && b >= 0 && bus[b] ? 1 : 0);
      const am = p.buildings.geometry.getAttribute('aMark') as BufferAttribute;
      const a = am.array as Float32Array;
      for (let b = 0; b < city.buildings.length; b++)
        a.fill(on(city.buildingBus[b]!), p.bg.start[b]!, p.bg.start[b]! + p.bg.count[b]!);
      am.needsUpdate = true;
      const im = p.fabric.mesh.geometry.getAttribute('iMark') as InstancedBufferAttribute;
      const ia = im.array as Float32Array;
      for (let k = 0; k < city.blockBus.length; k++) ia[k] = on(city.blockBus[k]!);
      im.needsUpdate = true;
    }
    const exag = exaggerationAt(s.view.distance);
    s.view.exaggeration = exag;
    p.buildings.scale.y = exag;
    p.fabric.mesh.scale.y = exag;
    const hb =
      s.hover?.kind === 'building'
        ? s.hover.index
        : s.selected?.kind === 'building'
          ? s.selected.index
          : -1;
    const hk =
      s.hover?.kind === 'block'
        ? city.blockArea[s.hover.index]!
        : s.selected?.kind === 'block'
          ? city.blockArea[s.selected.index]!
          : -1;
    for (const [m, h] of [
      [p.buildings.material, hb],
      [p.fabric.mesh.material, hk],
    ] as const) {
      m.uniforms['uTime']!.value = clock;
      m.uniforms['uHighlight']!.value = h;
      m.uniforms['uContrast']!.value = s.highContrast ? 1 : 0;
      // the outline as bold on a 4K wall as at 1080p
      m.uniforms['uEdgePx']!.value = 1.5 * Math.max(1, (size.height * dpr) / 1080);
    }
    // the flicker is the only animation here: keep drawing until it has settled
    if (clock < p.flickerUntil) invalidate();
  });

  return (
    <group name="city">
      <primitive object={parts.buildings} />
      <primitive object={parts.fabric.mesh} />
    </group>
  );
}
