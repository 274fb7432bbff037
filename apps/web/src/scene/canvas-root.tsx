// The canvas: a react-three-fiber root on our own <canvas> holding the scene (scene-root.tsx).
// It renders on demand (frameloop "demand"): frames come when something changes — a frame of
// the run, the camera, the pointer, a flight, a flicker, or the flow animation while a run
// plays — so an idle page draws nothing. `?frameloop=always` restores a continuous loop, for
// measuring what demand rendering saves (npm run bench -w @finest/web).
import { createRoot, extend, type ReconcilerRoot } from '@react-three/fiber';
import { useEffect, useRef, type ReactElement } from 'react';
import { AmbientLight, DirectionalLight, Group, NoToneMapping } from 'three';
import { sceneStore } from '../state/scene-store.ts';
import { PALETTE } from './base-map.ts';
import { watchReducedMotion } from './motion.ts';
import type { SceneModel } from './network-model.ts';
import { SceneRoot } from './scene-root.tsx';

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

/** The canvas as a PNG (the drawing buffer is preserved), or null before the scene exists. */
export function snapshotPng(): string | null {
  return sceneStore.getState().canvas?.toDataURL('image/png') ?? null;
}

function frameloop(): 'demand' | 'always' {
  return new URLSearchParams(window.location.search).get('frameloop') === 'always'
    ? 'always'
    : 'demand';
}

// The canvas is r3f's createRoot on our own <canvas>, not <Canvas>: <Canvas> registers the
// whole THREE namespace (extend(THREE)), which keeps all of three.js in the bundle. Here only
// the elements the scene uses are registered; everything else is built imperatively.
extend({ Group, AmbientLight, DirectionalLight });

// roots by canvas live in the scene store (registries.roots): unmounting waits a tick so
// StrictMode's remount keeps the same root
function rootFor(canvas: HTMLCanvasElement): ReconcilerRoot<HTMLCanvasElement> {
  const { roots } = sceneStore.getState().registries;
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
  const { roots } = sceneStore.getState().registries;
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
  useEffect(() => watchReducedMotion(), []);
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
        frameloop: frameloop(),
        onCreated: (state) => {
          sceneStore.setState({ canvas: state.gl.domElement });
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
