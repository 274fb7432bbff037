// The scene's fast state: the latest frame, the run's index maps, hover and selection, camera
// goals. A vanilla zustand store: the three.js side reads it with getState() inside useFrame
// and never subscribes React to it, so frames arriving at stream rate re-render nothing.
import type { ReconcilerRoot } from '@react-three/fiber';
import type { Frame } from '@finest/scenario/schema';
import { createStore } from 'zustand/vanilla';
import type { District } from '../geo/layers.ts';
import type { GeoLayers } from '../scene/base-map.ts';
import type { CityModel } from '../scene/city/city-model.ts';
import type { SummaryContext } from '../scene/buffers.ts';
import type { SceneModel } from '../scene/network-model.ts';

export type PickKind =
  'branch' | 'hvdc' | 'substation' | 'district' | 'boundary' | 'building' | 'block';
export interface Pick {
  kind: PickKind;
  /**
   * scene index (district index for districts, boundary index for boundaries, building index
   * for buildings, block index for blocks of the fabric)
   */
  index: number;
}

/** Where the camera should go: a point on the plane, a distance and two angles. */
export interface CameraGoal {
  /** [x, z] km */
  target: [number, number];
  /** km from the target */
  distance: number;
  /** rad from straight down (0) towards the horizon */
  polar: number;
  /** rad, 0 looking north */
  azimuth: number;
}

/** Layout → scene index maps of the current run, built once per run. */
export interface RunMaps {
  runId: string;
  bus: Int32Array;
  branch: Int32Array;
  hvdc: Int32Array;
  generator: Int32Array;
  /** scene → layout index (−1 when the run lacks the element) */
  busInv: Int32Array;
  branchInv: Int32Array;
  hvdcInv: Int32Array;
  generatorInv: Int32Array;
  /** per district, its feeders as layout bus indices */
  districtFeeders: Int32Array[];
  summary: SummaryContext;
  /** names of the watched HVDC links, as in the summary row */
  linkNames: string[];
  areaIds: string[];
}

/**
 * What the scene measures as it renders, mutated in place (never through setState, so nothing
 * re-renders or re-runs per frame): the camera's distance to its target and the vertical
 * exaggeration of the city at that distance.
 */
export interface SceneView {
  /** km from the camera to its target */
  distance: number;
  /** × true height of buildings and blocks */
  exaggeration: number;
  /** the first frame with the grid on it was drawn (the load benchmark's mark) */
  readyMarked: boolean;
}

/** The compare map mode: per scene element, 1 where run B is worse than run A. */
export interface CompareMarks {
  branch: Uint8Array;
  district: Uint8Array;
  /** feeding buses whose buildings and blocks are dark for longer in B */
  bus: Uint8Array;
}

/** An HTML label pinned to a scene position (scene/labels.ts). */
export interface PinnedLabel {
  el: HTMLElement;
  /** x, y, z km */
  pos: [number, number, number];
  /**
   * a label along a line from pos to here (x, y, z km): placed on the part of it in the free
   * view, at its middle or, where that is taken, further along; null: a label at pos
   */
  to: [number, number, number] | null;
  /**
   * a label at a point: further points (x, y, z km) it may move to, in order, where pos is
   * taken or out of view (a cable's name along its route)
   */
  alternatives: readonly (readonly [number, number, number])[];
  /** hide when the camera is further than this (km), e.g. district names up close only */
  maxDistance: number;
  /** of two labels overlapping on screen the higher shows (scene/labels.ts LABEL_RANK) */
  rank: number;
  /**
   * true while the label marks trouble in the frame on screen (a district without supply, a
   * tripped line): drawn as an alert and ranked above every quiet label; null: never
   */
  alert: ((s: SceneState) => boolean) | null;
  /** shown only while `alert` holds (a tripped element's name) */
  alertOnly: boolean;
  /** as last shown (the projector touches the DOM only on a change) */
  hidden: boolean | null;
  alerted: boolean | null;
}

/** The part of the canvas no overlay covers (wall mode's panels), px from its top left. */
export interface ViewFrame {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The registries the scene's imperative parts share, mutated in place like SceneView (they
 * change at DOM and render rate, and nothing renders them through React): the pinned labels,
 * the r3f roots by canvas, and the batch of live texts (ui/live.ts).
 */
export interface SceneRegistries {
  labels: Map<string, PinnedLabel>;
  /** bumps when a label comes or goes */
  labelVersion: number;
  /** roots by canvas; unmounting waits a tick so StrictMode's remount keeps the same root */
  roots: Map<HTMLCanvasElement, { root: ReconcilerRoot<HTMLCanvasElement>; drop: number }>;
  /** writers of live text, and the pending batch (ui/live.ts) */
  liveWriters: Set<() => void>;
  liveTimer: ReturnType<typeof setTimeout> | null;
  /** frameSeq the live texts last showed */
  liveSeen: number;
  /** the store subscription that schedules live batches, while there are writers */
  liveUnsubscribe: (() => void) | null;
}

export interface SceneState {
  model: SceneModel | null;
  districts: District[];
  /** the base map's layers, once loaded */
  geo: GeoLayers | null;
  /** the twin city: real buildings and the modelled fabric, with their feeders */
  city: CityModel | null;
  /** prefers-reduced-motion: no flow animation, flights or flicker */
  reducedMotion: boolean;
  /** the WebGL canvas, for PNG snapshots */
  canvas: HTMLCanvasElement | null;
  view: SceneView;
  registries: SceneRegistries;
  maps: RunMaps | null;
  frame: Frame | null;
  /** bumps with every frame shown (the scene redraws its buffers when it changes) */
  frameSeq: number;
  hover: Pick | null;
  selected: Pick | null;
  goal: CameraGoal | null;
  /** bumps when a goal is set, so setting the same goal twice still flies */
  goalSeq: number;
  highContrast: boolean;
  /**
   * the part of the canvas the overlays leave free (wall mode): the camera frames its goals
   * there and labels outside it are hidden; null: the whole canvas
   */
  viewFrame: ViewFrame | null;
  /** the compare map mode (null: off) */
  compareMarks: CompareMarks | null;
}

export const sceneStore = createStore<SceneState>()(() => ({
  model: null,
  districts: [],
  geo: null,
  city: null,
  reducedMotion: false,
  canvas: null,
  view: { distance: 600, exaggeration: 1, readyMarked: false },
  registries: {
    labels: new Map(),
    labelVersion: 0,
    roots: new Map(),
    liveWriters: new Set(),
    liveTimer: null,
    liveSeen: -1,
    liveUnsubscribe: null,
  },
  maps: null,
  frame: null,
  frameSeq: 0,
  hover: null,
  selected: null,
  goal: null,
  goalSeq: 0,
  highContrast: false,
  viewFrame: null,
  compareMarks: null,
}));

export function showFrame(frame: Frame | null): void {
  sceneStore.setState((s) => ({ frame, frameSeq: s.frameSeq + 1 }));
}

export function flyTo(goal: CameraGoal): void {
  sceneStore.setState((s) => ({ goal, goalSeq: s.goalSeq + 1 }));
}

export const samePick = (a: Pick | null, b: Pick | null): boolean =>
  a === b || (a !== null && b !== null && a.kind === b.kind && a.index === b.index);
