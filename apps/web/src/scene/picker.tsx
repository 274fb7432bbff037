// Picking: what the pointer is on. Markers and lines are drawn a few pixels wide whatever the
// zoom, so they are picked by pixel distance (picking.ts); buildings, blocks and district
// plates are real geometry and are ray cast. The pointer's moves ask for a frame; the pick is
// made in that frame and written to the scene store only when it changes.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import {
  InstancedMesh,
  Mesh,
  Raycaster,
  Vector2,
  Vector3,
  type BufferGeometry,
  type Camera,
  type Intersection,
  type Object3D,
} from 'three';
import { sceneStore, type Pick } from '../state/scene-store.ts';
import type { SceneModel } from './network-model.ts';
import { segmentDistance2 } from './picking.ts';

interface Pointer {
  x: number;
  y: number;
  inside: boolean;
  dirty: boolean;
  downX: number;
  downY: number;
  click: boolean;
}

export function Picker({ model }: { model: SceneModel }): null {
  const invalidate = useThree((s) => s.invalidate);
  const pointer = useMemo(
    (): Pointer => ({ x: 0, y: 0, inside: false, dirty: false, downX: 0, downY: 0, click: false }),
    [],
  );
  const camera = useThree((s) => s.camera);
  const dom = useThree((s) => s.gl.domElement);
  const scene = useThree((s) => s.scene);
  const tmp = useMemo(
    (): PickScratch => ({
      v: new Vector3(),
      ndc: new Vector2(),
      ray: new Raycaster(),
      hits: [],
      bus: new Float32Array(2 * model.network.buses.length),
      cable: model.hvdcPath.map((p) => new Float32Array((2 * p.length) / 3)),
      kind: null,
      index: -1,
    }),
    [model],
  );

  useEffect(() => {
    const move = (e: PointerEvent): void => {
      const r = dom.getBoundingClientRect();
      pointer.x = e.clientX - r.left;
      pointer.y = e.clientY - r.top;
      pointer.inside = true;
      pointer.dirty = true;
      // picking happens in the next frame: ask for one
      invalidate();
    };
    const down = (e: PointerEvent): void => {
      pointer.downX = e.clientX;
      pointer.downY = e.clientY;
    };
    const up = (e: PointerEvent): void => {
      if (e.button === 0 && Math.hypot(e.clientX - pointer.downX, e.clientY - pointer.downY) < 5) {
        pointer.click = true;
        pointer.dirty = true;
        invalidate();
      }
    };
    const leave = (): void => {
      pointer.inside = false;
      pointer.dirty = true;
      invalidate();
    };
    dom.addEventListener('pointermove', move);
    dom.addEventListener('pointerdown', down);
    dom.addEventListener('pointerup', up);
    dom.addEventListener('pointerleave', leave);
    return () => {
      dom.removeEventListener('pointermove', move);
      dom.removeEventListener('pointerdown', down);
      dom.removeEventListener('pointerup', up);
      dom.removeEventListener('pointerleave', leave);
    };
  }, [dom, pointer, invalidate]);

  useFrame(() => {
    if (!pointer.dirty) return;
    pointer.dirty = false;
    const w = dom.clientWidth;
    const hgt = dom.clientHeight;
    tmp.kind = null;
    if (pointer.inside) {
      pickScreen(model, camera, w, hgt, pointer, tmp);
      // the nearest surface under the pointer: a building, a block, else a district plate
      if (!tmp.kind) pickSurface(scene, camera, w, hgt, pointer, tmp);
    }
    const s = sceneStore.getState();
    const same =
      tmp.kind === null
        ? s.hover === null
        : s.hover?.kind === tmp.kind && s.hover.index === tmp.index;
    // a new pick object only when the pick changes
    const pick: Pick | null = same
      ? s.hover
      : tmp.kind === null
        ? null
        : { kind: tmp.kind, index: tmp.index };
    if (!same) sceneStore.setState({ hover: pick });
    dom.style.cursor = pick ? 'pointer' : '';
    if (pointer.click) {
      pointer.click = false;
      sceneStore.setState({ selected: pick });
    }
  });
  return null;
}

interface PickScratch {
  v: Vector3;
  ndc: Vector2;
  ray: Raycaster;
  hits: Intersection[];
  /** screen x, y per bus and per cable point */
  bus: Float32Array;
  cable: Float32Array[];
  kind: Pick['kind'] | null;
  index: number;
}

/** Screen position (px) of a scene point into out[at], out[at + 1]; behind the camera far off. */
function toScreen(
  t: PickScratch,
  camera: Camera,
  w: number,
  hgt: number,
  x: number,
  y: number,
  z: number,
  out: Float32Array,
  at: number,
): void {
  t.v.set(x, y, z).project(camera);
  out[at] = t.v.z > 1 ? -1e6 : ((t.v.x + 1) / 2) * w;
  out[at + 1] = ((1 - t.v.y) / 2) * hgt;
}

/** The nearest substation within 12 px, else line or cable within 7 px, into t.kind/t.index. */
function pickScreen(
  model: SceneModel,
  camera: Camera,
  w: number,
  hgt: number,
  pointer: Pointer,
  t: PickScratch,
): void {
  const p = model.busPos;
  let best = 12 * 12;
  for (let k = 0; k < model.network.buses.length; k++) {
    toScreen(t, camera, w, hgt, p[3 * k]!, p[3 * k + 1]!, p[3 * k + 2]!, t.bus, 2 * k);
    const d2 = (t.bus[2 * k]! - pointer.x) ** 2 + (t.bus[2 * k + 1]! - pointer.y) ** 2;
    if (d2 < best) {
      best = d2;
      t.kind = 'substation';
      t.index = k;
    }
  }
  if (t.kind) return;
  best = 7 * 7;
  for (let s = 0; s < model.branchFrom.length; s++) {
    const a = model.branchFrom[s]!;
    const b = model.branchTo[s]!;
    if (a < 0 || b < 0 || a === b) continue;
    const d2 = segmentDistance2(
      pointer.x,
      pointer.y,
      t.bus[2 * a]!,
      t.bus[2 * a + 1]!,
      t.bus[2 * b]!,
      t.bus[2 * b + 1]!,
    );
    if (d2 < best) {
      best = d2;
      t.kind = 'branch';
      t.index = s;
    }
  }
  for (let l = 0; l < model.hvdcPath.length; l++) {
    const path = model.hvdcPath[l]!;
    const scr = t.cable[l]!;
    const n = path.length / 3;
    for (let k = 0; k < n; k++)
      toScreen(t, camera, w, hgt, path[3 * k]!, path[3 * k + 1]!, path[3 * k + 2]!, scr, 2 * k);
    for (let k = 0; k + 1 < n; k++) {
      const d2 = segmentDistance2(
        pointer.x,
        pointer.y,
        scr[2 * k]!,
        scr[2 * k + 1]!,
        scr[2 * k + 2]!,
        scr[2 * k + 3]!,
      );
      if (d2 < best) {
        best = d2;
        t.kind = 'hvdc';
        t.index = l;
      }
    }
  }
}

/** The first building, block or district plate under the pointer (ray casts: real geometry). */
function pickSurface(
  scene: Object3D,
  camera: Camera,
  w: number,
  hgt: number,
  pointer: Pointer,
  t: PickScratch,
): void {
  t.ndc.set((pointer.x / w) * 2 - 1, 1 - (pointer.y / hgt) * 2);
  t.ray.setFromCamera(t.ndc, camera);
  t.hits.length = 0;
  for (const name of ['buildings', 'fabric', 'districts']) {
    const o = scene.getObjectByName(name);
    if (o instanceof Mesh) t.ray.intersectObject(o, false, t.hits);
  }
  t.hits.sort((a, b) => a.distance - b.distance);
  const hit = t.hits[0];
  if (!hit) return;
  const o = hit.object;
  if (o instanceof InstancedMesh && hit.instanceId !== undefined) {
    t.kind = 'block';
    t.index = hit.instanceId;
  } else if (hit.face && o instanceof Mesh) {
    const g = o.geometry as BufferGeometry;
    const attr = o.name === 'buildings' ? 'aBuilding' : 'district';
    t.kind = o.name === 'buildings' ? 'building' : 'district';
    t.index = Math.round(g.getAttribute(attr).getX(hit.face.a));
  }
}
