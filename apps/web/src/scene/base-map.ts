// The base map: land raised slightly above the sea (Finland and Estonia a shade lighter than
// their neighbours), coastlines and dashed land borders. Built once from the geo layers.
// The sea is the scene's background colour, not a plane: a full-screen transparent plane over a
// seabed doubled the fill cost for a software rasteriser (the wall PCs and headless tests),
// and the cables under it are tinted as submerged in their own shader instead (flow-lines.ts).
// Faces are flat, so unlit colours look the same as lit ones at a fraction of the cost.
// The land, coastline and border layers end where their clipped source data does: they fade
// into the sea over the last EDGE_FADE_KM inside it (edge-fade.ts), not at a straight edge.
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  Group,
  LineBasicMaterial,
  LineDashedMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
} from 'three';
import { edgeFadeMask } from '../geo/edge-fade-mask.ts';
import {
  lineSegments,
  lonLatBounds,
  planePolygons,
  type FeatureCollection,
} from '../geo/layers.ts';
import type { PlaneProjection } from '../geo/projection.ts';
import { extrudeOnPlane } from './districts.ts';
import { createEdgeFade, fadeAtEdges, type EdgeFade } from './edge-fade.ts';
import { HEIGHTS } from './network-model.ts';

export interface GeoLayers {
  land: FeatureCollection;
  coastline: FeatureCollection;
  borders: FeatureCollection;
  countries: FeatureCollection;
}

export const PALETTE = {
  /** the sea */
  background: new Color('#07182b'),
  land: new Color('#1b2129'),
  landSide: new Color('#0c1015'),
  home: new Color('#232d37'),
  coast: new Color('#4d7894'),
  border: new Color('#8a93a6'),
};

/** km over which the clipped layers fade out inside the edge of their data */
export const EDGE_FADE_KM = 100;

function segmentsMesh(
  pos: Float32Array,
  material: LineBasicMaterial | LineDashedMaterial,
): LineSegments {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(pos, 3));
  const l = new LineSegments(g, material);
  if (material instanceof LineDashedMaterial) l.computeLineDistances();
  return l;
}

export function buildBaseMap(layers: GeoLayers, proj: PlaneProjection): Group {
  const group = new Group();
  group.name = 'base-map';
  // the land layer's bounds are the box its source was clipped to
  const box = lonLatBounds(layers.land);
  const fade: EdgeFade | null = box
    ? createEdgeFade(edgeFadeMask(box, proj, EDGE_FADE_KM), PALETTE.background)
    : null;
  const fading = <M extends MeshBasicMaterial | LineBasicMaterial | LineDashedMaterial>(
    m: M,
  ): M => {
    if (fade) fadeAtEdges(m, fade);
    return m;
  };
  if (fade) group.userData.edgeFade = fade;

  const landGeom = extrudeOnPlane(
    planePolygons(layers.land, proj),
    HEIGHTS.landBase,
    HEIGHTS.land - HEIGHTS.landBase,
  );
  if (landGeom) {
    const land = new Mesh(landGeom, [
      fading(new MeshBasicMaterial({ color: PALETTE.land })),
      fading(new MeshBasicMaterial({ color: PALETTE.landSide })),
    ]);
    land.name = 'land';
    group.add(land);
  }
  // Finland, Estonia and Åland: a lighter skin just above the land
  const home = extrudeOnPlane(planePolygons(layers.countries, proj), HEIGHTS.land, 0.01);
  if (home) {
    const m = new Mesh(
      home,
      new MeshBasicMaterial({
        color: PALETTE.home,
        polygonOffset: true,
        polygonOffsetFactor: -1,
      }),
    );
    m.name = 'home-countries';
    group.add(m);
  }

  const coast = segmentsMesh(
    lineSegments(layers.coastline, proj, HEIGHTS.land + 0.02),
    fading(new LineBasicMaterial({ color: PALETTE.coast, transparent: true, opacity: 0.7 })),
  );
  const borders = segmentsMesh(
    lineSegments(layers.borders, proj, HEIGHTS.land + 0.03),
    fading(new LineDashedMaterial({ color: PALETTE.border, dashSize: 6, gapSize: 4 })),
  );
  coast.name = 'coastline';
  borders.name = 'borders';
  group.add(coast, borders);
  return group;
}

export function disposeGroup(g: Group): void {
  (g.userData.edgeFade as EdgeFade | undefined)?.texture.dispose();
  g.traverse((o) => {
    if (o instanceof Mesh || o instanceof LineSegments) {
      o.geometry.dispose();
      const m = o.material as { dispose(): void } | { dispose(): void }[];
      (Array.isArray(m) ? m : [m]).forEach((x) => x.dispose());
    }
  });
}
