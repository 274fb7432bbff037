// The 3D twin: a react-three-fiber root on our own canvas holding the base map, the city
// blocks, the grid (lines, cables, substations), the camera rig, picking and the label pins. React builds these once per network; every
// per-frame change happens in useFrame by mutating typed arrays and uniforms read from the
// scene store (STYLE.md: never React state at 60 Hz, never allocate in the frame loop).
import { createRoot, extend, useFrame, useThree, type ReconcilerRoot } from '@react-three/fiber';
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import { rgb } from 'd3';
import {
  AmbientLight,
  DirectionalLight,
  Group,
  MathUtils,
  Mesh,
  NoToneMapping,
  Raycaster,
  Vector2,
  Vector3,
  type BufferGeometry,
  type Camera,
  type Intersection,
  type Object3D,
  type PerspectiveCamera,
} from 'three';
import { MapControls } from 'three/examples/jsm/controls/MapControls.js';
import { sceneStore, samePick, type Pick } from '../state/scene-store.ts';
import { geoLayers } from '../state/session.ts';
import { plane } from '../geo/projection.ts';
import { buildBaseMap, disposeGroup, PALETTE } from './base-map.ts';
import {
  baseWidthPx,
  BUS_STRIDE,
  createFlowStyles,
  writeBranchStyles,
  writeBusStates,
  writeDistrictSupply,
  writeHvdcStyles,
  writeIdleStyles,
} from './buffers.ts';
import { presetGoal } from './camera-presets.ts';
import { DistrictBlocks } from './districts.ts';
import { FlowLines, segmentsOfPolylines } from './flow-lines.ts';
import { labelRegistry, labelVersion } from './labels.ts';
import type { SceneModel } from './network-model.ts';
import { HEIGHTS } from './network-model.ts';
import { NodeSprites } from './nodes.ts';
import { segmentDistance2 } from './picking.ts';

/**
 * prefers-reduced-motion: flows and pulses stand still and the camera jumps instead of flying
 * (the state still shows: colours, widths, dashes, rings). Also what makes screenshots of the
 * browser tests comparable.
 */
const motion = { reduced: false };
if (typeof window !== 'undefined' && window.matchMedia) {
  const q = window.matchMedia('(prefers-reduced-motion: reduce)');
  motion.reduced = q.matches;
  q.addEventListener('change', (e) => {
    motion.reduced = e.matches;
  });
}

/**
 * True on a software rasteriser (SwiftShader, llvmpipe): there multisampling costs a third of
 * the frame, and the lines and markers smooth their own edges anyway, so it is left off.
 */
export function softwareRenderer(): boolean {
  try {
    const c = document.createElement('canvas');
    const gl = c.getContext('webgl2') ?? c.getContext('webgl');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
  } catch {
    return false;
  }
}

/** The canvas element, for PNG snapshots. */
let canvasEl: HTMLCanvasElement | null = null;

export function snapshotPng(): string | null {
  return canvasEl ? canvasEl.toDataURL('image/png') : null;
}

// ── camera ─────────────────────────────────────────────────────────────────────────────────

/** current camera state while flying, reused every frame */
const fly = { offset: new Vector3(), active: false, seq: -1 };

function CameraRig(): null {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const dom = useThree((s) => s.gl.domElement);
  const controls = useMemo(() => new MapControls(camera, dom), [camera, dom]);

  useEffect(() => {
    controls.enableDamping = true;
    controls.dampingFactor = 0.12;
    controls.maxPolarAngle = MathUtils.degToRad(78);
    controls.minDistance = 1.5;
    controls.maxDistance = 4500;
    controls.zoomToCursor = true;
    const stop = (): void => {
      fly.active = false;
    };
    controls.addEventListener('start', stop);
    const g = presetGoal('region', sceneStore.getState().model);
    controls.target.set(g.target[0], HEIGHTS.land, g.target[1]);
    camera.position.set(
      g.target[0] + g.distance * Math.sin(g.polar) * Math.sin(g.azimuth),
      HEIGHTS.land + g.distance * Math.cos(g.polar),
      g.target[1] + g.distance * Math.sin(g.polar) * Math.cos(g.azimuth),
    );
    controls.update();
    return () => {
      controls.removeEventListener('start', stop);
      controls.dispose();
    };
  }, [controls, camera]);

  useFrame((_, dt) => {
    const { goal, goalSeq } = sceneStore.getState();
    if (goal && goalSeq !== fly.seq) {
      fly.seq = goalSeq;
      fly.active = true;
    }
    if (goal && fly.active) {
      const k = motion.reduced ? 1 : 1 - Math.exp(-Math.min(dt, 0.1) * 2.4);
      const t = controls.target;
      t.x += (goal.target[0] - t.x) * k;
      t.z += (goal.target[1] - t.z) * k;
      t.y = HEIGHTS.land;
      fly.offset.subVectors(camera.position, t);
      const r = fly.offset.length();
      const polar = Math.acos(MathUtils.clamp(fly.offset.y / r, -1, 1));
      const az = Math.atan2(fly.offset.x, fly.offset.z);
      let dAz = goal.azimuth - az;
      dAz = Math.atan2(Math.sin(dAz), Math.cos(dAz));
      const r2 = Math.exp(Math.log(r) + (Math.log(goal.distance) - Math.log(r)) * k);
      const p2 = polar + (goal.polar - polar) * k;
      const a2 = az + dAz * k;
      camera.position.set(
        t.x + r2 * Math.sin(p2) * Math.sin(a2),
        t.y + r2 * Math.cos(p2),
        t.z + r2 * Math.sin(p2) * Math.cos(a2),
      );
      const close =
        Math.hypot(goal.target[0] - t.x, goal.target[1] - t.z) < goal.distance * 0.002 &&
        Math.abs(Math.log(goal.distance / r2)) < 0.003 &&
        Math.abs(dAz) < 0.002 &&
        Math.abs(goal.polar - p2) < 0.002;
      if (close) fly.active = false;
    }
    controls.update();
    // near/far follow the distance so depth precision holds from a district to the region
    const dist = camera.position.distanceTo(controls.target);
    const near = Math.max(0.02, dist * 0.01);
    if (Math.abs(near / camera.near - 1) > 0.1) {
      camera.near = near;
      camera.far = dist * 20 + 6000;
      camera.updateProjectionMatrix();
    }
    viewDistance = dist;
  });
  return null;
}

/** km from the camera to its target, read by the layers for pattern spacing */
let viewDistance = 600;

// ── the grid ───────────────────────────────────────────────────────────────────────────────

const KV_COLOR: [number, string][] = [
  [380, '#eef3fb'],
  [300, '#d4dcea'],
  [200, '#b7c3d6'],
  [0, '#93a1b6'],
];
const EXTERNAL_COLOR = '#c9a8ff';

function busStyle(model: SceneModel): {
  color: Float32Array;
  size: Float32Array;
  shape: Uint8Array;
} {
  const n = model.network.buses.length;
  const color = new Float32Array(3 * n);
  const size = new Float32Array(n);
  const shape = new Uint8Array(n);
  model.network.buses.forEach((b, k) => {
    // sRGB straight to the shader (ShaderMaterial output is not colour-managed)
    const c = rgb(
      b.external ? EXTERNAL_COLOR : (KV_COLOR.find(([kv]) => b.baseKV >= kv)?.[1] ?? '#93a1b6'),
    );
    color[3 * k] = c.r / 255;
    color[3 * k + 1] = c.g / 255;
    color[3 * k + 2] = c.b / 255;
    size[k] = b.external ? 16 : b.baseKV >= 380 ? 10 : b.baseKV >= 200 ? 8 : 6;
    shape[k] = b.external ? 1 : 0;
  });
  return { color, size, shape };
}

function highlightOf(kind: Pick['kind'], hover: Pick | null, selected: Pick | null): number {
  if (hover?.kind === kind) return hover.index;
  if (selected?.kind === kind) return selected.index;
  return -1;
}

let readyMarked = false;

function GridLayer({ model }: { model: SceneModel }): ReactElement {
  const size = useThree((s) => s.size);
  const dpr = useThree((s) => s.viewport.dpr);
  const parts = useMemo(() => {
    const net = model.network;
    const nb = net.branches.length;
    const branchLines = new FlowLines(
      segmentsOfPolylines(
        net.branches.map((_, s) => {
          const a = model.branchFrom[s]!;
          const b = model.branchTo[s]!;
          if (a < 0 || b < 0) return new Float32Array(0);
          const p = model.busPos;
          return Float32Array.of(
            p[3 * a]!,
            HEIGHTS.line,
            p[3 * a + 2]!,
            p[3 * b]!,
            HEIGHTS.line,
            p[3 * b + 2]!,
          );
        }),
      ),
      nb,
    );
    // drawn over the land and the blocks: screen-wide strokes would otherwise sink into the
    // terrain in front of them on a tilted view
    branchLines.mesh.renderOrder = 3;
    branchLines.mesh.material.depthTest = false;
    const cables = new FlowLines(segmentsOfPolylines(model.hvdcPath), net.hvdcLinks.length);
    cables.mesh.renderOrder = 1;
    cables.setSubmerged(PALETTE.background);
    const bs = busStyle(model);
    const nodes = new NodeSprites(model.busPos, bs.color, bs.size, bs.shape);
    nodes.mesh.renderOrder = 4;
    nodes.mesh.material.depthTest = false;
    const branchBase = Float32Array.from(net.branches, (b) => {
      const a = model.branchFrom[model.branchIndex.get(b.id) ?? -1];
      return baseWidthPx(a !== undefined && a >= 0 ? net.buses[a]!.baseKV : 110);
    });
    const hvdcPmax = Float32Array.from(net.hvdcLinks, (l) => l.Pmax);
    const branchStyles = createFlowStyles(nb);
    const hvdcStyles = createFlowStyles(net.hvdcLinks.length);
    const busState = new Float32Array(BUS_STRIDE * net.buses.length);
    writeIdleStyles(
      net.branches.map((b) => b.inService),
      branchBase,
      branchStyles,
    );
    writeIdleStyles(
      net.hvdcLinks.map(() => true),
      Float32Array.from(net.hvdcLinks, (l) => 2.4 + (2.4 * Math.min(l.Pmax, 800)) / 800),
      hvdcStyles,
    );
    return { branchLines, cables, nodes, branchBase, hvdcPmax, branchStyles, hvdcStyles, busState };
  }, [model]);

  useEffect(
    () => () => {
      parts.branchLines.dispose();
      parts.cables.dispose();
      parts.nodes.dispose();
    },
    [parts],
  );

  const seen = useRef({
    frameSeq: -1,
    hover: null as Pick | null,
    selected: null as Pick | null,
    runId: '',
  });

  useFrame((state, dt) => {
    if (!readyMarked) {
      // the first frame with the grid on it: what the load-time benchmark measures
      readyMarked = true;
      performance.mark('finest:scene-ready');
    }
    const s = sceneStore.getState();
    const p = parts;
    const last = seen.current;
    const frameChanged = s.frameSeq !== last.frameSeq || s.maps?.runId !== last.runId;
    const pickChanged = !samePick(s.hover, last.hover) || !samePick(s.selected, last.selected);
    if (frameChanged) {
      last.frameSeq = s.frameSeq;
      last.runId = s.maps?.runId ?? '';
      if (s.frame && s.maps) {
        writeBranchStyles(s.frame, s.maps.branch, p.branchBase, p.branchStyles);
        writeHvdcStyles(s.frame, s.maps.hvdc, p.hvdcPmax, p.hvdcStyles);
        writeBusStates(s.frame, s.maps.bus, p.busState);
        for (let k = 0; k < model.network.buses.length; k++) {
          const shed = p.busState[BUS_STRIDE * k + 1]!;
          const ring = shed > 0.5 ? 0.25 + 0.75 * Math.min(1, shed / 400) : 0;
          p.nodes.setSupply(k, p.busState[BUS_STRIDE * k + 3]!, ring);
        }
      }
    }
    if (frameChanged || pickChanged) {
      last.hover = s.hover;
      last.selected = s.selected;
      p.branchLines.setStyles(p.branchStyles, highlightOf('branch', s.hover, s.selected));
      p.cables.setStyles(p.hvdcStyles, highlightOf('hvdc', s.hover, s.selected));
      p.nodes.commit(highlightOf('substation', s.hover, s.selected));
    }
    const time = motion.reduced ? 0 : state.clock.elapsedTime;
    if (motion.reduced) dt = 0;
    const spacing = viewDistance * 0.022;
    p.branchLines.tick(p.branchStyles, dt, time);
    p.cables.tick(p.hvdcStyles, dt, time);
    p.branchLines.setView(size.width, size.height, dpr, spacing, s.highContrast);
    p.cables.setView(size.width, size.height, dpr, spacing, s.highContrast);
    p.nodes.setView(size.width, size.height, dpr, time, s.highContrast);
  });

  return (
    <group name="grid">
      <primitive object={parts.cables.mesh} />
      <primitive object={parts.branchLines.mesh} />
      <primitive object={parts.nodes.mesh} />
    </group>
  );
}

// ── the cities ─────────────────────────────────────────────────────────────────────────────

function DistrictLayer(): ReactElement | null {
  const districts = sceneStore.getState().districts;
  const blocks = useMemo(() => new DistrictBlocks(districts), [districts]);
  const supply = useMemo(() => new Float32Array(districts.length).fill(1), [districts]);
  useEffect(() => () => blocks.dispose(), [blocks]);
  const seen = useRef(-1);
  useFrame((state, dt) => {
    const s = sceneStore.getState();
    if (s.frameSeq !== seen.current) {
      seen.current = s.frameSeq;
      if (s.frame && s.maps) writeDistrictSupply(s.frame, s.maps.districtFeeders, supply);
      else supply.fill(1);
      blocks.setSupply(supply);
    }
    blocks.tick(
      // reduced motion: no flash (an infinite step fades it at once)
      motion.reduced ? Infinity : dt,
      motion.reduced ? 0 : state.clock.elapsedTime,
      highlightOf('district', s.hover, s.selected),
    );
  });
  return <primitive object={blocks.mesh} />;
}

// ── base map ───────────────────────────────────────────────────────────────────────────────

function BaseMapLayer(): ReactElement | null {
  const group = useMemo(() => (geoLayers ? buildBaseMap(geoLayers, plane) : null), []);
  useEffect(
    () => () => {
      if (group) disposeGroup(group);
    },
    [group],
  );
  return group ? <primitive object={group} /> : null;
}

// ── picking ────────────────────────────────────────────────────────────────────────────────

const pointer = { x: 0, y: 0, inside: false, dirty: false, downX: 0, downY: 0, click: false };

function Picker({ model }: { model: SceneModel }): null {
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
    };
    const down = (e: PointerEvent): void => {
      pointer.downX = e.clientX;
      pointer.downY = e.clientY;
    };
    const up = (e: PointerEvent): void => {
      if (e.button === 0 && Math.hypot(e.clientX - pointer.downX, e.clientY - pointer.downY) < 5) {
        pointer.click = true;
        pointer.dirty = true;
      }
    };
    const leave = (): void => {
      pointer.inside = false;
      pointer.dirty = true;
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
  }, [dom]);

  useFrame(() => {
    if (!pointer.dirty) return;
    pointer.dirty = false;
    const w = dom.clientWidth;
    const hgt = dom.clientHeight;
    tmp.kind = null;
    if (pointer.inside) {
      pickScreen(model, camera, w, hgt, tmp);
      if (!tmp.kind) pickDistrict(scene.getObjectByName('districts'), camera, w, hgt, tmp);
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

/** The district block under the pointer (a ray cast: the blocks are real geometry). */
function pickDistrict(
  blocks: Object3D | undefined,
  camera: Camera,
  w: number,
  hgt: number,
  t: PickScratch,
): void {
  if (!(blocks instanceof Mesh)) return;
  t.ndc.set((pointer.x / w) * 2 - 1, 1 - (pointer.y / hgt) * 2);
  t.ray.setFromCamera(t.ndc, camera);
  t.hits.length = 0;
  t.ray.intersectObject(blocks, false, t.hits);
  const face = t.hits[0]?.face;
  if (!face) return;
  t.kind = 'district';
  t.index = Math.round((blocks.geometry as BufferGeometry).getAttribute('district').getX(face.a));
}

// ── labels ─────────────────────────────────────────────────────────────────────────────────

function LabelProjector(): null {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const v = useMemo(() => new Vector3(), []);
  // the camera as last projected: labels move only when it (or the set of labels) changes
  const last = useMemo(() => ({ view: new Float64Array(16), w: 0, h: 0, n: -1 }), []);
  useFrame(() => {
    const e = camera.matrixWorld.elements;
    let same = last.w === size.width && last.h === size.height && last.n === labelVersion.value;
    for (let k = 0; k < 16 && same; k++) same = last.view[k] === e[k];
    if (same) return;
    last.view.set(e);
    last.w = size.width;
    last.h = size.height;
    last.n = labelVersion.value;
    for (const l of labelRegistry.values()) {
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

// ── the canvas ─────────────────────────────────────────────────────────────────────────────

function SceneRoot({ model }: { model: SceneModel }): ReactElement {
  return (
    <group>
      <ambientLight intensity={1.4} />
      <directionalLight position={[-300, 600, 250]} intensity={1.6} />
      <BaseMapLayer />
      <DistrictLayer />
      <GridLayer model={model} />
      <CameraRig />
      <Picker model={model} />
      <LabelProjector />
    </group>
  );
}

// The canvas is r3f's createRoot on our own <canvas>, not <Canvas>: <Canvas> registers the
// whole THREE namespace (extend(THREE)), which keeps all of three.js in the bundle. Here only
// the elements the scene uses are registered; everything else is built imperatively.
extend({ Group, AmbientLight, DirectionalLight });

/** roots by canvas; unmounting waits a tick so StrictMode's remount keeps the same root */
const roots = new Map<
  HTMLCanvasElement,
  { root: ReconcilerRoot<HTMLCanvasElement>; drop: number }
>();

function rootFor(canvas: HTMLCanvasElement): ReconcilerRoot<HTMLCanvasElement> {
  const known = roots.get(canvas);
  if (known) {
    clearTimeout(known.drop);
    known.drop = 0;
    return known.root;
  }
  const root = createRoot(canvas);
  roots.set(canvas, { root, drop: 0 });
  return root;
}

function releaseRoot(canvas: HTMLCanvasElement): void {
  const known = roots.get(canvas);
  if (!known) return;
  known.drop = window.setTimeout(() => {
    roots.delete(canvas);
    known.root.unmount();
  }, 0);
}

export function TwinCanvas({ model }: { model: SceneModel }): ReactElement {
  const box = useRef<HTMLDivElement | null>(null);
  const ref = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    const canvas = ref.current;
    const wrap = box.current;
    if (!canvas || !wrap) return;
    const root = rootFor(canvas);
    const software = softwareRenderer();
    let alive = true;
    const apply = async (): Promise<void> => {
      const width = wrap.clientWidth;
      const height = wrap.clientHeight;
      if (width === 0 || height === 0) return;
      await root.configure({
        size: { width, height, top: 0, left: 0 },
        dpr: [1, 2],
        gl: {
          preserveDrawingBuffer: true,
          antialias: !software,
          alpha: false,
          powerPreference: 'high-performance',
        },
        camera: { fov: 40, near: 1, far: 20_000, position: [0, 600, 500] },
        flat: true,
        onCreated: (state) => {
          canvasEl = state.gl.domElement;
          state.gl.toneMapping = NoToneMapping;
          state.scene.background = PALETTE.background;
        },
      });
      if (alive) root.render(<SceneRoot model={model} />);
    };
    void apply();
    const ro = new ResizeObserver(() => void apply());
    ro.observe(wrap);
    return () => {
      alive = false;
      ro.disconnect();
      releaseRoot(canvas);
    };
  }, [model]);
  return (
    <div ref={box} className="twin-canvas">
      <canvas
        ref={ref}
        role="img"
        aria-label="3D view of the Finnish and Estonian grid, the Gulf of Finland, Helsinki and Tallinn"
      />
    </div>
  );
}
