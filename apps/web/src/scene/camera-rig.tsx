// The camera: map controls (drag to pan, right-drag to rotate, wheel to zoom), flights to the
// goals set in the scene store (presets, elements, the wall mode's tour), and the framing of
// the view in the part of the canvas no panel covers (wall mode). Renders on demand: the
// controls' change events and a flight in progress ask for frames, nothing else.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { MathUtils, Vector3, type PerspectiveCamera } from 'three';
import { MapControls } from 'three/examples/jsm/controls/MapControls.js';
import { sceneStore, type ViewFrame } from '../state/scene-store.ts';
import { presetGoal } from './camera-presets.ts';
import { HEIGHTS } from './network-model.ts';

/**
 * Frames the view in the part of the canvas the overlays leave free: the projection is shifted
 * and widened (a view offset) so that what the camera would show on the whole canvas shows,
 * centred and whole, in the largest rectangle of the canvas's shape inside `frame`; the rest of
 * the canvas shows what lies around it, under the panels. Camera goals need no change.
 */
export function frameView(
  camera: PerspectiveCamera,
  width: number,
  height: number,
  frame: ViewFrame | null,
): void {
  if (!frame || frame.width <= 0 || frame.height <= 0 || width <= 0 || height <= 0) {
    if (camera.view?.enabled) camera.clearViewOffset();
    return;
  }
  const fit = Math.min(frame.width / width, frame.height / height);
  const fullW = width * fit;
  const fullH = height * fit;
  const cx = frame.x + frame.width / 2;
  const cy = frame.y + frame.height / 2;
  // the canvas is a window onto a picture of fullW × fullH centred on the free part
  camera.setViewOffset(fullW, fullH, fullW / 2 - cx, fullH / 2 - cy, width, height);
}

export function CameraRig(): null {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const size = useThree((s) => s.size);
  const dom = useThree((s) => s.gl.domElement);
  const invalidate = useThree((s) => s.invalidate);
  const controls = useMemo(() => new MapControls(camera, dom), [camera, dom]);
  /** the flight in progress, reused every frame */
  const fly = useMemo(() => ({ offset: new Vector3(), active: false, seq: -1 }), []);
  /** the view frame and canvas size the projection was last framed for */
  const framed = useMemo(
    () => ({ frame: undefined as ViewFrame | null | undefined, w: 0, h: 0 }),
    [],
  );

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
    // render on demand: a drag, a zoom or the damping after them draws a frame
    const redraw = (): void => invalidate();
    controls.addEventListener('change', redraw);
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
      controls.removeEventListener('change', redraw);
      controls.dispose();
    };
  }, [controls, camera, fly, invalidate]);

  useFrame((_, dt) => {
    const { goal, goalSeq, viewFrame } = sceneStore.getState();
    if (viewFrame !== framed.frame || size.width !== framed.w || size.height !== framed.h) {
      framed.frame = viewFrame;
      framed.w = size.width;
      framed.h = size.height;
      frameView(camera, size.width, size.height, viewFrame);
    }
    if (goal && goalSeq !== fly.seq) {
      fly.seq = goalSeq;
      fly.active = true;
    }
    if (goal && fly.active) {
      const k = sceneStore.getState().reducedMotion ? 1 : 1 - Math.exp(-Math.min(dt, 0.1) * 2.4);
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
      else invalidate();
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
    sceneStore.getState().view.distance = dist;
  });
  return null;
}
