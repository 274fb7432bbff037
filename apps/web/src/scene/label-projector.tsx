// Moves the HTML labels (scene/labels.ts) to their projected positions, in the frames the scene
// renders anyway, and only when the camera, the set of labels, the frame (alerts) or the
// contrast (wall type sizes) changed. A pass: project each label (a label along a line: the
// part of the line in the free view) and write its position and alert class; read every
// candidate's rectangle (one layout for all); work out its places, each moved into the free
// part of the view if it reaches under a panel; keep the most important of overlapping labels,
// each at its first free place (declutter.ts), and hide the rest.
import { useFrame, useThree } from '@react-three/fiber';
import { useMemo } from 'react';
import { Vector3, type Camera } from 'three';
import { sceneStore, type PinnedLabel } from '../state/scene-store.ts';
import {
  clipSegment,
  declutter,
  declutterScratch,
  ensureCapacity,
  MAX_PLACES,
} from './declutter.ts';
import { LABEL_RANK } from './labels.ts';

/** px kept between two labels shown */
const LABEL_GAP_PX = 3;
/**
 * Where a label along a line may go, in order of preference: the fraction along the visible
 * part of the line, and whether on it (0), below it (1) or above it (−1), clear of it by the
 * label's height. Beside the line comes after along it: a short line under a city's name (two
 * trips of a cascade near Helsinki) still gets its label, next to the line.
 */
const PLACES_ALONG: readonly (readonly [number, Side])[] = [
  [0.5, 0],
  [0.3, 0],
  [0.7, 0],
  [0.15, 0],
  [0.85, 0],
  [0.5, 1],
  [0.5, -1],
  [0.3, 1],
  [0.7, -1],
  // a label's height further: lines that trip together side by side (the Baltic ties at Narva)
  [0.5, 3],
  [0.5, -3],
  [0.5, 5],
  [0.5, -5],
];
/** px between a label beside its line or point and the line or point */
const BESIDE_GAP_PX = 4;
/**
 * a place on its line or point (0), below (1), above (−1), right (2) or left (−2) of it, or
 * below (3, 5) or above (−3, −5) it by one or two more labels' height
 */
type Side = -5 | -3 | -2 | -1 | 0 | 1 | 2 | 3 | 5;

/** beside a point label's own point, and beside one of its alternatives */
const POINT_SIDES: readonly Side[] = [1, -1, 2, -2];
const ALTERNATIVE_SIDES: readonly Side[] = [2, -2];

/** a projected point in front of the camera and inside [x0, x1] × [y0, y1] */
function inFrame(q: Vector3, x0: number, y0: number, x1: number, y1: number): boolean {
  return q.z < 1 && q.x >= x0 && q.x <= x1 && q.y >= y0 && q.y <= y1;
}

/** Writes candidate k's next place (anchor and side), if it has room; its new count of places. */
function putPlace(
  at: Float64Array,
  sides: Int8Array,
  k: number,
  places: number,
  x: number,
  y: number,
  side: Side,
): number {
  if (places >= MAX_PLACES) return places;
  const o = 2 * MAX_PLACES * k;
  at[o + 2 * places] = x;
  at[o + 2 * places + 1] = y;
  sides[MAX_PLACES * k + places] = side;
  return places + 1;
}

function setHidden(l: PinnedLabel, hidden: boolean): void {
  if (hidden === l.hidden) return;
  l.hidden = hidden;
  l.el.style.visibility = hidden ? 'hidden' : 'visible';
}

/** px on a canvas of width × height of a scene point; z > 1 behind the camera */
function project(
  v: Vector3,
  p: readonly [number, number, number],
  camera: Camera,
  width: number,
  height: number,
): Vector3 {
  v.set(p[0], p[1], p[2]).project(camera);
  return v.set(((v.x + 1) / 2) * width, ((1 - v.y) / 2) * height, v.z);
}

export function LabelProjector(): null {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const canvas = useThree((s) => s.gl.domElement);
  const v = useMemo(() => new Vector3(), []);
  const w = useMemo(() => new Vector3(), []);
  // what was last projected: labels move only when it changes
  const last = useMemo(
    () => ({
      view: new Float64Array(16),
      projection: new Float64Array(16),
      w: 0,
      h: 0,
      n: -1,
      frameSeq: -1,
      contrast: false,
      candidates: [] as PinnedLabel[],
      /** px, per candidate and place: the anchor (x, y) */
      anchor: new Float64Array(2 * MAX_PLACES * 128),
      /** per candidate and place: its Side */
      side: new Int8Array(MAX_PLACES * 128),
      /** px, per candidate: its rectangle's corner relative to its anchor */
      rel: new Float64Array(2 * 128),
      clip: new Float64Array(2),
      scratch: declutterScratch(128),
    }),
    [],
  );
  useFrame(() => {
    const s = sceneStore.getState();
    const reg = s.registries;
    const e = camera.matrixWorld.elements;
    const pe = camera.projectionMatrix.elements;
    let same =
      last.w === size.width &&
      last.h === size.height &&
      last.n === reg.labelVersion &&
      last.frameSeq === s.frameSeq &&
      last.contrast === s.highContrast;
    for (let k = 0; k < 16 && same; k++)
      same = last.view[k] === e[k] && last.projection[k] === pe[k];
    if (same) return;
    last.view.set(e);
    last.projection.set(pe);
    last.w = size.width;
    last.h = size.height;
    last.n = reg.labelVersion;
    last.frameSeq = s.frameSeq;
    last.contrast = s.highContrast;
    // the free part of the view (wall mode's panels cover the rest)
    const f = s.viewFrame;
    const x0 = f ? f.x : 0;
    const y0 = f ? f.y : 0;
    const x1 = f ? f.x + f.width : size.width;
    const y1 = f ? f.y + f.height : size.height;

    const cand = last.candidates;
    cand.length = 0;
    last.scratch = ensureCapacity(last.scratch, reg.labels.size);
    const sc = last.scratch;
    if (last.anchor.length < 2 * MAX_PLACES * reg.labels.size) {
      last.anchor = new Float64Array(4 * MAX_PLACES * reg.labels.size);
      last.side = new Int8Array(2 * MAX_PLACES * reg.labels.size);
      last.rel = new Float64Array(4 * reg.labels.size);
    }
    const at = last.anchor;
    for (const l of reg.labels.values()) {
      const alert = l.alert !== null && l.alert(s);
      if (alert !== l.alerted) {
        l.alerted = alert;
        l.el.classList.toggle('label-alert', alert);
      }
      const k = cand.length;
      const o = 2 * MAX_PLACES * k;
      let places = 0;
      const a = project(v, l.pos, camera, size.width, size.height);
      const far = camera.position.distanceTo(w.set(l.pos[0], l.pos[1], l.pos[2])) > l.maxDistance;
      if (l.to) {
        const b = project(w, l.to, camera, size.width, size.height);
        if (
          !far &&
          a.z < 1 &&
          b.z < 1 &&
          clipSegment(a.x, a.y, b.x, b.y, x0, y0, x1, y1, last.clip)
        ) {
          const [t0, t1] = last.clip;
          for (const [along, side] of PLACES_ALONG) {
            const t = t0! + (t1! - t0!) * along;
            places = putPlace(
              at,
              last.side,
              k,
              places,
              a.x + (b.x - a.x) * t,
              a.y + (b.y - a.y) * t,
              side,
            );
          }
        }
      } else if (!far) {
        // at its point, else at the first of its alternatives free, else beside its point
        // (below, above, right, left), else beside an alternative (right, left)
        if (inFrame(a, x0, y0, x1, y1)) places = putPlace(at, last.side, k, places, a.x, a.y, 0);
        const onPoint = places;
        for (const q of l.alternatives) {
          const b = project(w, q, camera, size.width, size.height);
          if (inFrame(b, x0, y0, x1, y1)) places = putPlace(at, last.side, k, places, b.x, b.y, 0);
        }
        const onPoints = places;
        for (let p = 0; p < onPoints; p++) {
          const x = at[o + 2 * p]!;
          const y = at[o + 2 * p + 1]!;
          for (const side of p < onPoint ? POINT_SIDES : ALTERNATIVE_SIDES)
            places = putPlace(at, last.side, k, places, x, y, side);
        }
      }
      if (places === 0 || (l.alertOnly && !alert)) {
        setHidden(l, true);
        continue;
      }
      sc.places[k] = places;
      l.el.style.transform = `translate(${at[o]!.toFixed(1)}px, ${at[o + 1]!.toFixed(1)}px)`;
      cand.push(l);
    }
    // every write is done: one layout gives all the rectangles
    const origin = canvas.getBoundingClientRect();
    for (let k = 0; k < cand.length; k++) {
      const l = cand[k]!;
      const r = l.el.getBoundingClientRect();
      // the rectangle relative to its anchor, the same at every place
      const o = 2 * MAX_PLACES * k;
      const rx = r.x - origin.x - at[o]!;
      const ry = r.y - origin.y - at[o + 1]!;
      last.rel[2 * k] = rx;
      last.rel[2 * k + 1] = ry;
      for (let p = 0; p < sc.places[k]!; p++) {
        // beside its line or point: the label's near edge BESIDE_GAP_PX from the anchor
        const side = last.side[MAX_PLACES * k + p]!;
        const ax = at[o + 2 * p]!;
        const ay = at[o + 2 * p + 1]!;
        let bx =
          side === 2 ? ax + BESIDE_GAP_PX : side === -2 ? ax - BESIDE_GAP_PX - r.width : ax + rx;
        // below: the label's top under the anchor; above: its bottom over it (rows further: 3, 5)
        const rows = side === 2 || side === -2 ? 0 : (Math.abs(side) - 1) / 2;
        const further = rows * (r.height + BESIDE_GAP_PX);
        let by =
          side === 1 || side === 3 || side === 5
            ? ay + BESIDE_GAP_PX + further
            : side === -1 || side === -3 || side === -5
              ? ay - BESIDE_GAP_PX - r.height - further
              : ay + ry;
        // reaching under a panel: moved into the free part of the view
        if (r.width <= x1 - x0) bx = Math.min(Math.max(bx, x0), x1 - r.width);
        if (r.height <= y1 - y0) by = Math.min(Math.max(by, y0), y1 - r.height);
        const q = 4 * (MAX_PLACES * k + p);
        sc.box[q] = bx;
        sc.box[q + 1] = by;
        sc.box[q + 2] = r.width;
        sc.box[q + 3] = r.height;
      }
      sc.rank[k] = l.rank + (l.alerted ? LABEL_RANK.alert : 0);
    }
    declutter(sc, cand.length, LABEL_GAP_PX);
    for (let k = 0; k < cand.length; k++) {
      const l = cand[k]!;
      const p = sc.chosen[k]!;
      setHidden(l, p < 0);
      if (p < 0) continue;
      // placed where its anchor is, unless moved along its line or into the free view
      const b = 4 * (MAX_PLACES * k + p);
      const o = 2 * MAX_PLACES * k;
      if (
        p > 0 ||
        sc.box[b] !== at[o]! + last.rel[2 * k]! ||
        sc.box[b + 1] !== at[o + 1]! + last.rel[2 * k + 1]!
      ) {
        const x = sc.box[b]! - last.rel[2 * k]!;
        const y = sc.box[b + 1]! - last.rel[2 * k + 1]!;
        l.el.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
      }
    }
  });
  return null;
}
