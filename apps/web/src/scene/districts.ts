// Helsinki and Tallinn districts as low plates on the land, all in one merged geometry: each
// vertex carries its district's index and a uniform array holds each district's state
// (supplied fraction, shedding flash, highlight). The plates are the cities seen from afar;
// the buildings and the modelled blocks (scene/city) stand on them and carry the volume. In
// the wall's palette a district without supply is hatched red on black.
import {
  BufferAttribute,
  ExtrudeGeometry,
  Mesh,
  Shape,
  ShaderMaterial,
  Vector2,
  Vector4,
  type BufferGeometry,
} from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { District, PlanePolygon } from '../geo/layers.ts';
import { HEIGHTS } from './network-model.ts';

/** km, the plates' thickness: above the land, below the lowest block */
export const PLATE_KM = 0.002;

/** three.js Shape in (east, north) from a plane polygon in (x, z). */
export function shapeOf(poly: PlanePolygon): Shape | null {
  const [outer, ...holes] = poly;
  if (!outer || outer.length < 3) return null;
  const shape = new Shape(outer.map(([x, z]) => new Vector2(x, -z)));
  for (const h of holes)
    if (h.length >= 3) shape.holes.push(new Shape(h.map(([x, z]) => new Vector2(x, -z))));
  return shape;
}

/** An extruded polygon set standing on the plane from y0 to y0 + depth (km). */
export function extrudeOnPlane(
  polys: PlanePolygon[],
  y0: number,
  depth: number,
): BufferGeometry | null {
  const shapes = polys.map(shapeOf).filter((s): s is Shape => s !== null);
  if (shapes.length === 0) return null;
  const g = new ExtrudeGeometry(shapes, { depth, bevelEnabled: false, curveSegments: 1 });
  // shape (east, north, up) → world (x = east, y = up, z = south)
  g.rotateX(-Math.PI / 2);
  g.translate(0, y0, 0);
  return g;
}

const vertexShader = /* glsl */ `
attribute float district;
uniform vec4 uState[N_DISTRICTS];
varying vec3 vNormal;
varying vec3 vWorld;
varying vec4 vState;
varying float vTone;
void main() {
  vState = uState[int(district + 0.5)];
  // a slight per-district shade so neighbouring blocks of equal height stay apart (per vertex:
  // the hash amplifies any interpolation error)
  vTone = 0.88 + 0.24 * fract(sin(floor(district + 0.5) * 91.7) * 4375.85);
  vNormal = normal;
  vec4 w = modelMatrix * vec4(position, 1.0);
  vWorld = w.xyz;
  gl_Position = projectionMatrix * viewMatrix * w;
}
`;

const fragmentShader = /* glsl */ `
uniform float uTime;
uniform float uBase;
uniform float uContrast;
uniform float uHatchPx;
varying vec3 vNormal;
varying vec3 vWorld;
varying vec4 vState;
varying float vTone;
void main() {
  float supplied = vState.x;
  vec3 n = normalize(vNormal);
  float light = 0.45 + 0.55 * max(dot(n, normalize(vec3(-0.4, 0.8, 0.45))), 0.0);
  vec3 dark = vec3(0.09, 0.1, 0.14);
  vec3 lit = vec3(0.95, 0.8, 0.52);
  vec3 col;
  float tone = vTone;
  if (abs(n.y) > 0.5) {
    // roof: warm and bright when supplied, near black when not
    col = mix(dark, vec3(0.62, 0.52, 0.34), supplied) * light * tone;
  } else {
    // walls: windows on a ~250 m grid, lit where a per-window hash is below the supply
    float u = (vWorld.x + vWorld.z) * 4.0;
    float v = (vWorld.y - uBase) * 5.0;
    vec2 cell = floor(vec2(u, v));
    float hash = fract(sin(dot(cell, vec2(12.9898, 78.233))) * 43758.5453);
    vec2 f = fract(vec2(u, v));
    float win = step(0.2, f.x) * step(f.x, 0.8) * step(0.25, f.y) * step(f.y, 0.75);
    float on = win * step(hash, supplied * 0.9);
    col = dark * light * 1.5 * tone + on * lit;
  }
  // shedding: a magenta flash that fades, and a steady tint while still dark
  float flash = vState.y * (0.6 + 0.4 * sin(uTime * 9.0));
  col = mix(col, vec3(0.95, 0.25, 0.7), clamp(flash, 0.0, 1.0) * 0.7);
  col = mix(col, vec3(0.42, 0.16, 0.4), (1.0 - supplied) * 0.35 * (1.0 - uContrast));
  // the wall's palette: the ground of a district without supply hatched red on black, in
  // proportion to what is off (fully at half supplied), between its dark buildings
  float hatch = step(0.5, fract((gl_FragCoord.x + gl_FragCoord.y) / uHatchPx));
  float off = clamp((1.0 - supplied) * 2.0, 0.0, 1.0) * uContrast;
  col = mix(col, mix(vec3(0.02, 0.0, 0.0), vec3(0.78, 0.06, 0.05), hatch), off);
  col = mix(col, vec3(1.0), vState.z * 0.35);
  // compare map mode: worse in B
  col = mix(col, vec3(1.0, 0.25, 0.85), vState.w * 0.65);
  gl_FragColor = vec4(col, 1.0);
}
`;

export class DistrictBlocks {
  readonly mesh: Mesh<BufferGeometry, ShaderMaterial>;
  readonly state: Vector4[];
  /** per district, the supplied fraction shown last (to start a flash when it drops) */
  private readonly shown: Float32Array;

  constructor(districts: readonly District[]) {
    const parts: BufferGeometry[] = [];
    districts.forEach((d, k) => {
      const g = extrudeOnPlane(d.polygons, HEIGHTS.land, PLATE_KM);
      if (!g) return;
      const n = g.getAttribute('position').count;
      g.setAttribute('district', new BufferAttribute(new Float32Array(n).fill(k), 1));
      parts.push(g);
    });
    const merged = parts.length > 0 ? mergeGeometries(parts, false) : null;
    parts.forEach((p) => p.dispose());
    const n = Math.max(1, districts.length);
    this.state = Array.from({ length: n }, () => new Vector4(1, 0, 0, 0));
    this.shown = new Float32Array(n).fill(1);
    const m = new ShaderMaterial({
      vertexShader,
      fragmentShader,
      defines: { N_DISTRICTS: n },
      uniforms: {
        uState: { value: this.state },
        uTime: { value: 0 },
        uBase: { value: HEIGHTS.land },
        uContrast: { value: 0 },
        uHatchPx: { value: 10 },
      },
    });
    this.mesh = new Mesh(merged ?? new ExtrudeGeometry([]), m);
    this.mesh.name = 'districts';
  }

  /** Supplied fraction per district (from a frame); a drop starts a flash. */
  setSupply(supply: Float32Array): void {
    for (let k = 0; k < this.state.length; k++) {
      const v = supply[k] ?? 1;
      if (v < this.shown[k]! - 0.01) this.state[k]!.y = 1;
      this.shown[k] = v;
      this.state[k]!.x = v;
    }
  }

  /** The wall's palette on or off; hatching `hatchPx` device pixels wide. */
  setContrast(on: boolean, hatchPx: number): void {
    const u = this.mesh.material.uniforms;
    u['uContrast']!.value = on ? 1 : 0;
    u['uHatchPx']!.value = hatchPx;
  }

  /** Fades the flashes; highlights one district (−1 for none). */
  tick(dt: number, time: number, highlight: number): void {
    const fade = Math.exp(-dt / 1.5);
    for (let k = 0; k < this.state.length; k++) {
      const s = this.state[k]!;
      s.y = s.y < 0.01 ? 0 : s.y * fade;
      s.z = k === highlight ? 1 : 0;
    }
    this.mesh.material.uniforms['uTime']!.value = time;
  }

  /** Marks districts worse in B (compare map mode); null clears. */
  setMarks(marks: Uint8Array | null): void {
    for (let k = 0; k < this.state.length; k++) this.state[k]!.w = marks?.[k] ? 1 : 0;
  }

  /** True while a shedding flash is still fading (the scene keeps drawing until it has). */
  flashing(): boolean {
    return this.state.some((s) => s.y > 0);
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
  }
}
