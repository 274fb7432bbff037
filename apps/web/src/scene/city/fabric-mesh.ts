// The modelled city fabric as one InstancedMesh (one draw call): a unit box per block, scaled
// to its footprint and height, with per-instance supply state (as the buildings' vertices
// carry theirs) and the index of the area it stands for (for hover highlighting).
import {
  BoxGeometry,
  InstancedBufferAttribute,
  InstancedMesh,
  Matrix4,
  Quaternion,
  Vector3,
  type ShaderMaterial,
} from 'three';
import type { BlockArea } from '../../geo/city-layers.ts';
import { STATE_SIZE } from './building-geometry.ts';

/** m: blocks with little or no floor area left still show as a plinth above the plates */
const MIN_HEIGHT_M = 3;

export interface FabricMesh {
  mesh: InstancedMesh<BoxGeometry, ShaderMaterial>;
  /** per block, the index of its area */
  blockArea: Int32Array;
}

export function buildFabricMesh(areas: readonly BlockArea[], material: ShaderMaterial): FabricMesh {
  const n = areas.reduce((s, a) => s + a.cells.length, 0);
  const box = new BoxGeometry(1, 1, 1);
  box.translate(0, 0.5, 0);
  const mesh = new InstancedMesh(box, material, Math.max(1, n));
  mesh.count = n;
  const blockArea = new Int32Array(n);
  const state = new Float32Array(STATE_SIZE * Math.max(1, n));
  const area = new Float32Array(Math.max(1, n));
  const m = new Matrix4();
  const q = new Quaternion();
  const p = new Vector3();
  const s = new Vector3();
  let k = 0;
  areas.forEach((a, ai) => {
    const side = a.blockM / 1000;
    const height = Math.max(a.heightM, MIN_HEIGHT_M) / 1000;
    for (const [x, z] of a.cells) {
      m.compose(p.set(x, 0, z), q, s.set(side, height, side));
      mesh.setMatrixAt(k, m);
      blockArea[k] = ai;
      area[k] = ai;
      state[STATE_SIZE * k] = 1;
      state[STATE_SIZE * k + 1] = 1;
      state[STATE_SIZE * k + 2] = -1e4;
      k++;
    }
  });
  box.setAttribute('iState', new InstancedBufferAttribute(state, STATE_SIZE));
  box.setAttribute('iArea', new InstancedBufferAttribute(area, 1));
  box.setAttribute('iMark', new InstancedBufferAttribute(new Float32Array(Math.max(1, n)), 1));
  mesh.instanceMatrix.needsUpdate = true;
  mesh.computeBoundingSphere();
  mesh.name = 'fabric';
  return { mesh, blockArea };
}
