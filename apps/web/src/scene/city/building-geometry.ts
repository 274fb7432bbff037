// The real buildings as one merged, non-indexed BufferGeometry (one draw call): OSM outlines
// extruded from their base to their height with a flat roof, LOD2 buildings from the City
// model's own wall and roof polygons. Each vertex carries its building's index, window
// coordinates (metres along the wall and up from the ground; roofs marked), where on its wall
// it is (0 … 1 along and up, for the wall palette's outline) and a supply state
// the layer mutates when the frame changes (supply now, supply before, when it changed).
// Positions: x, z km on the plane, y km above the ground (the mesh stands on the land).
import { BufferAttribute, BufferGeometry, ShapeUtils, Vector2 } from 'three';
import type { Building, Ring2, Ring3 } from '../../geo/city-layers.ts';

/** floats per vertex of the supply state: supplied now, supplied before, s of the change */
export const STATE_SIZE = 3;

export interface BuildingGeometry {
  geometry: BufferGeometry;
  /** per building, its first vertex and vertex count */
  start: Int32Array;
  count: Int32Array;
}

/** a roof's face coordinates: the middle, so no outline (the walls' top edges draw it) */
const NO_EDGE = 0.5;

class Sink {
  pos: number[] = [];
  nor: number[] = [];
  win: number[] = [];
  id: number[] = [];
  /** where on its wall the vertex is, 0 … 1 along and up (the wall palette's outline) */
  edge: number[] = [];

  vertex(
    x: number,
    y: number,
    z: number,
    n: number[],
    u: number,
    v: number,
    wall: number,
    b: number,
    ea = NO_EDGE,
    eb = NO_EDGE,
  ): void {
    this.pos.push(x, y, z);
    this.nor.push(n[0]!, n[1]!, n[2]!);
    this.win.push(u, v, wall);
    this.id.push(b);
    this.edge.push(ea, eb);
  }

  get length(): number {
    return this.id.length;
  }
}

const ROOF_UP = [0, 1, 0];

function triangulate(contour: Vector2[], holes: Vector2[][]): number[][] {
  try {
    return ShapeUtils.triangulateShape(contour, holes);
  } catch {
    return [];
  }
}

/** An OSM outline: walls from base to top, a flat roof. */
function extruded(s: Sink, b: number, rings: Ring2[], baseM: number, topM: number): void {
  const [outer, ...holes] = rings;
  if (!outer || outer.length < 3) return;
  const y0 = baseM / 1000;
  const y1 = topM / 1000;
  const v2 = (r: Ring2): Vector2[] => r.map(([x, z]) => new Vector2(x, z));
  const flat = [...outer, ...holes.flat()];
  for (const [i, j, k] of triangulate(v2(outer), holes.map(v2))) {
    for (const q of [i!, j!, k!]) {
      const p = flat[q]!;
      s.vertex(p[0], y1, p[1], ROOF_UP, 0, topM, 0, b);
    }
  }
  for (const ring of rings) {
    let u = 0;
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k]!;
      const c = ring[(k + 1) % ring.length]!;
      const dx = c[0] - a[0];
      const dz = c[1] - a[1];
      const len = Math.hypot(dx, dz);
      if (len < 1e-6) continue;
      const n = [dz / len, 0, -dx / len];
      const u1 = u + len * 1000;
      // two triangles: a-bottom, c-bottom, c-top; a-bottom, c-top, a-top
      s.vertex(a[0], y0, a[1], n, u, baseM, 1, b, 0, 0);
      s.vertex(c[0], y0, c[1], n, u1, baseM, 1, b, 1, 0);
      s.vertex(c[0], y1, c[1], n, u1, topM, 1, b, 1, 1);
      s.vertex(a[0], y0, a[1], n, u, baseM, 1, b, 0, 0);
      s.vertex(c[0], y1, c[1], n, u1, topM, 1, b, 1, 1);
      s.vertex(a[0], y1, a[1], n, u, topM, 1, b, 0, 1);
      u = u1;
    }
  }
}

/** Newell's normal of a ring in world units (x km, y km up, z km). */
function newell(r: Ring3): number[] {
  let nx = 0;
  let ny = 0;
  let nz = 0;
  for (let k = 0; k < r.length; k++) {
    const [x0, z0, h0] = r[k]!;
    const [x1, z1, h1] = r[(k + 1) % r.length]!;
    const y0 = h0 / 1000;
    const y1 = h1 / 1000;
    nx += (y0 - y1) * (z0 + z1);
    ny += (z0 - z1) * (x0 + x1);
    nz += (x0 - x1) * (y0 + y1);
  }
  const l = Math.hypot(nx, ny, nz) || 1;
  return [nx / l, ny / l, nz / l];
}

/** A planar LOD2 polygon (wall or roof), triangulated in its own plane. */
function planar(s: Sink, b: number, rings: Ring3[], wall: boolean): void {
  const outer = rings[0];
  if (!outer || outer.length < 3) return;
  const n = newell(outer);
  // a wall's horizontal axis along its face; a roof is triangulated seen from above
  const h = Math.hypot(n[0]!, n[2]!) || 1;
  const ux = -n[2]! / h;
  const uz = n[0]! / h;
  const to2 = (r: Ring3): Vector2[] =>
    r.map(([x, z, hm]) => (wall ? new Vector2(x * ux + z * uz, hm / 1000) : new Vector2(x, z)));
  const flat = rings.flat();
  // a wall's outline: its extent in its own plane (exact for the rectangular walls most are)
  const plane2 = to2(outer);
  const lo = new Vector2(Infinity, Infinity);
  const hi = new Vector2(-Infinity, -Infinity);
  for (const p of plane2) {
    lo.min(p);
    hi.max(p);
  }
  const span = (v: number, a: number, b: number): number =>
    b - a > 1e-9 ? (v - a) / (b - a) : NO_EDGE;
  for (const tri of triangulate(plane2, rings.slice(1).map(to2)))
    for (const q of tri) {
      const [x, z, hm] = flat[q]!;
      const along = x * ux + z * uz;
      s.vertex(
        x,
        hm / 1000,
        z,
        n,
        wall ? along * 1000 : 0,
        hm,
        wall ? 1 : 0,
        b,
        wall ? span(along, lo.x, hi.x) : NO_EDGE,
        wall ? span(hm / 1000, lo.y, hi.y) : NO_EDGE,
      );
    }
}

export function buildBuildingGeometry(buildings: readonly Building[]): BuildingGeometry {
  const s = new Sink();
  const start = new Int32Array(buildings.length);
  const count = new Int32Array(buildings.length);
  buildings.forEach((bd, b) => {
    start[b] = s.length;
    if (bd.roofs.length > 0 || bd.walls.length > 0) {
      for (const p of bd.walls) planar(s, b, p, true);
      for (const p of bd.roofs) planar(s, b, p, false);
    } else for (const rings of bd.footprint) extruded(s, b, rings, bd.baseM, bd.heightM);
    count[b] = s.length - start[b]!;
  });
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(Float32Array.from(s.pos), 3));
  g.setAttribute('normal', new BufferAttribute(Float32Array.from(s.nor), 3));
  g.setAttribute('aWin', new BufferAttribute(Float32Array.from(s.win), 3));
  g.setAttribute('aBuilding', new BufferAttribute(Float32Array.from(s.id), 1));
  g.setAttribute('aEdge', new BufferAttribute(Float32Array.from(s.edge), 2));
  const state = new Float32Array(STATE_SIZE * s.length);
  for (let k = 0; k < s.length; k++) {
    state[STATE_SIZE * k] = 1;
    state[STATE_SIZE * k + 1] = 1;
    state[STATE_SIZE * k + 2] = -1e4;
  }
  g.setAttribute('aState', new BufferAttribute(state, STATE_SIZE));
  // 1 where the compare map mode marks the building worse in B
  g.setAttribute('aMark', new BufferAttribute(new Float32Array(s.length), 1));
  g.computeBoundingSphere();
  g.computeBoundingBox();
  return { geometry: g, start, count };
}
