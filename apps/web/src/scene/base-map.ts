// The base map: a sea you can see the cables through, a seabed below it, land raised slightly
// above the water (Finland and Estonia a shade lighter than their neighbours), coastlines and
// dashed land borders. Built once from the geo layers.
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
  MeshLambertMaterial,
  PlaneGeometry,
} from 'three';
import { lineSegments, planePolygons, type FeatureCollection } from '../geo/layers.ts';
import type { PlaneProjection } from '../geo/projection.ts';
import { extrudeOnPlane } from './districts.ts';
import { HEIGHTS } from './network-model.ts';

export interface GeoLayers {
  land: FeatureCollection;
  coastline: FeatureCollection;
  borders: FeatureCollection;
  countries: FeatureCollection;
}

export const PALETTE = {
  background: new Color('#04080f'),
  sea: new Color('#0b2540'),
  seabed: new Color('#030a14'),
  land: new Color('#1b2129'),
  landSide: new Color('#10151b'),
  home: new Color('#222c35'),
  coast: new Color('#4d7894'),
  border: new Color('#8a93a6'),
};

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

  const sea = new Mesh(
    new PlaneGeometry(6000, 6000).rotateX(-Math.PI / 2),
    new MeshBasicMaterial({
      color: PALETTE.sea,
      transparent: true,
      opacity: 0.62,
      depthWrite: false,
    }),
  );
  sea.renderOrder = 2;
  sea.name = 'sea';
  const seabed = new Mesh(
    new PlaneGeometry(6000, 6000).rotateX(-Math.PI / 2).translate(0, HEIGHTS.seabed, 0),
    new MeshBasicMaterial({ color: PALETTE.seabed }),
  );
  group.add(seabed, sea);

  const landGeom = extrudeOnPlane(
    planePolygons(layers.land, proj),
    HEIGHTS.seabed,
    HEIGHTS.land - HEIGHTS.seabed,
  );
  if (landGeom) {
    const land = new Mesh(landGeom, [
      new MeshLambertMaterial({ color: PALETTE.land }),
      new MeshLambertMaterial({ color: PALETTE.landSide }),
    ]);
    land.name = 'land';
    group.add(land);
  }
  // Finland, Estonia and Åland: a lighter skin just above the land
  const home = extrudeOnPlane(planePolygons(layers.countries, proj), HEIGHTS.land, 0.01);
  if (home) {
    const m = new Mesh(
      home,
      new MeshLambertMaterial({
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
    new LineBasicMaterial({ color: PALETTE.coast, transparent: true, opacity: 0.7 }),
  );
  const borders = segmentsMesh(
    lineSegments(layers.borders, proj, HEIGHTS.land + 0.03),
    new LineDashedMaterial({ color: PALETTE.border, dashSize: 6, gapSize: 4 }),
  );
  coast.name = 'coastline';
  borders.name = 'borders';
  group.add(coast, borders);
  return group;
}

export function disposeGroup(g: Group): void {
  g.traverse((o) => {
    if (o instanceof Mesh || o instanceof LineSegments) {
      o.geometry.dispose();
      const m = o.material as { dispose(): void } | { dispose(): void }[];
      (Array.isArray(m) ? m : [m]).forEach((x) => x.dispose());
    }
  });
}
