// Lines and cables with animated flow: one instanced quad per straight segment, widened in
// screen space (so a 400 kV line stays ~3 px wide from a city block to the whole region), with
// chevrons that move along the line in the direction of flow at a speed set by the MW.
// Elements (a branch, a cable) own one or more segments; their style is written per element
// and copied to the segments here. No allocation after construction.
//
//   pattern coordinate  u = along / spacing − phase     (cycles; phase += speed · dt)
//   chevron             fract(s + 0.3 |side|) < 0.25,   s = ±u in the flow direction
import {
  BufferAttribute,
  DynamicDrawUsage,
  InstancedBufferAttribute,
  Color,
  InstancedBufferGeometry,
  Mesh,
  ShaderMaterial,
  Vector2,
} from 'three';
import { advancePhases, LINE, type FlowStyles } from './buffers.ts';

const vertexShader = /* glsl */ `
attribute vec2 corner;
attribute vec3 iA;
attribute vec3 iB;
attribute vec3 iColor;
attribute vec4 iStyle;   // width px, LINE code, phase (cycles), along0 (km)
attribute vec2 iExtra;   // flow direction (-1, 0, 1), highlight (0 … 1)
uniform vec2 uResolution;
uniform float uPixelRatio;
uniform float uWidthScale;
uniform float uSpacing;
uniform float uContrast;
varying vec3 vColor;
varying float vU;
varying float vSide;
varying float vCode;
varying float vDir;
varying float vHi;
void main() {
  vec4 ca = projectionMatrix * modelViewMatrix * vec4(iA, 1.0);
  vec4 cb = projectionMatrix * modelViewMatrix * vec4(iB, 1.0);
  vec2 half_ = uResolution * 0.5;
  vec2 sa = ca.xy / ca.w * half_;
  vec2 sb = cb.xy / cb.w * half_;
  vec2 d = sb - sa;
  float len = length(d);
  vec2 dir = len > 1e-4 ? d / len : vec2(1.0, 0.0);
  vec2 nrm = vec2(-dir.y, dir.x);
  float w = (iStyle.x * uWidthScale + 3.0 * iExtra.y) * uPixelRatio + 1.0;
  // the wall's palette: a tripped element twice as wide, to be seen across the room
  float tripped = step(1.5, iStyle.y) * step(iStyle.y, 2.5);
  w *= 1.0 + tripped * uContrast;
  vec4 c = corner.x < 0.5 ? ca : cb;
  vec2 off = nrm * corner.y * w * 0.5 + dir * (corner.x * 2.0 - 1.0) * min(w * 0.5, len * 0.5);
  c.xy += off / half_ * c.w;
  gl_Position = c;
  vU = (iStyle.w + corner.x * length(iB - iA)) / uSpacing - iStyle.z;
  vSide = corner.y;
  vColor = iColor;
  vCode = iStyle.y;
  vDir = iExtra.x;
  vHi = iExtra.y;
}
`;

const fragmentShader = /* glsl */ `
uniform float uTime;
uniform float uContrast;
uniform float uSubmerged;
uniform vec3 uSea;
varying vec3 vColor;
varying float vU;
varying float vSide;
varying float vCode;
varying float vDir;
varying float vHi;
void main() {
  float e = abs(vSide);
  float alpha = smoothstep(1.0, 0.72, e);
  vec3 col = vColor;
  if (vCode > 2.5) {
    // out of service: faint dots on the centre line
    if (fract(vU * 3.0) > 0.4 || e > 0.6) discard;
    col = vec3(0.46, 0.5, 0.56);
    alpha *= 0.8;
  } else if (vCode > 1.5 && uContrast > 0.5) {
    // tripped, in the wall's palette: red with white dashes in a dark casing, unbroken, so it
    // reads as one broken line from across the room (the loading scale has no such red-white)
    bool dash = fract(vU * 1.25) < 0.55 && e < 0.38;
    col = e > 0.78 ? vec3(0.03, 0.02, 0.03) : dash ? vec3(1.0) : vec3(1.0, 0.17, 0.12);
  } else if (vCode > 1.5) {
    // tripped: bold dashes, a light core in a dark casing
    if (fract(vU * 1.25) > 0.55) discard;
    col = e < 0.5 ? vec3(0.93, 0.93, 0.97) : vec3(0.05, 0.05, 0.08);
  } else {
    col *= mix(0.78, 1.0, uContrast);
    if (abs(vDir) > 0.5) {
      float s = fract(vDir > 0.0 ? vU : -vU);
      float chev = step(fract(s + 0.3 * e), 0.25);
      col = mix(col, mix(col, vec3(1.0), 0.6), chev);
    }
    if (vCode > 0.5) {
      // overloaded: hazard stripes on the casing, pulsing
      float stripe = step(0.5, fract(vU * 2.0));
      float pulse = 0.5 + 0.5 * sin(uTime * 6.0);
      if (e > 0.62) col = mix(vec3(0.04), vec3(1.0, 0.97, 0.9), stripe * (0.6 + 0.4 * pulse));
    }
  }
  if (vHi > 0.0 && e > 0.7) col = mix(col, vec3(1.0), vHi);
  // cables under the sea: seen through the water, less the highlight
  col = mix(col, uSea, uSubmerged * 0.35 * (1.0 - vHi) * (vCode > 1.5 && vCode < 2.5 ? 1.0 - uContrast : 1.0));
  gl_FragColor = vec4(col, alpha);
}
`;

export interface SegmentSet {
  /** x, y, z of each segment's start and end (km) */
  a: Float32Array;
  b: Float32Array;
  /** km along the element before the segment (keeps the pattern continuous across segments) */
  along0: Float32Array;
  /** the element each segment belongs to */
  element: Int32Array;
}

/** Segments of polylines (x, y, z, …) in element order. */
export function segmentsOfPolylines(lines: readonly Float32Array[]): SegmentSet {
  let n = 0;
  for (const p of lines) n += Math.max(0, p.length / 3 - 1);
  const out: SegmentSet = {
    a: new Float32Array(3 * n),
    b: new Float32Array(3 * n),
    along0: new Float32Array(n),
    element: new Int32Array(n),
  };
  let s = 0;
  lines.forEach((p, e) => {
    let along = 0;
    for (let k = 0; k + 1 < p.length / 3; k++, s++) {
      for (let c = 0; c < 3; c++) {
        out.a[3 * s + c] = p[3 * k + c]!;
        out.b[3 * s + c] = p[3 * k + 3 + c]!;
      }
      out.along0[s] = along;
      out.element[s] = e;
      along += Math.hypot(
        p[3 * k + 3]! - p[3 * k]!,
        p[3 * k + 4]! - p[3 * k + 1]!,
        p[3 * k + 5]! - p[3 * k + 2]!,
      );
    }
  });
  return out;
}

export class FlowLines {
  readonly mesh: Mesh<InstancedBufferGeometry, ShaderMaterial>;
  /** per element, pattern phase in cycles */
  readonly phase: Float32Array;
  private readonly seg: SegmentSet;
  private readonly color: InstancedBufferAttribute;
  private readonly style: InstancedBufferAttribute;
  private readonly extra: InstancedBufferAttribute;

  constructor(seg: SegmentSet, elements: number) {
    this.seg = seg;
    this.phase = new Float32Array(elements);
    const n = seg.element.length;
    const g = new InstancedBufferGeometry();
    g.setAttribute('corner', new BufferAttribute(Float32Array.from([0, -1, 1, -1, 1, 1, 0, 1]), 2));
    g.setIndex([0, 1, 2, 0, 2, 3]);
    g.setAttribute('position', new BufferAttribute(new Float32Array(12), 3));
    g.setAttribute('iA', new InstancedBufferAttribute(seg.a, 3));
    g.setAttribute('iB', new InstancedBufferAttribute(seg.b, 3));
    const dyn = (size: number): InstancedBufferAttribute => {
      const a = new InstancedBufferAttribute(new Float32Array(n * size), size);
      a.setUsage(DynamicDrawUsage);
      return a;
    };
    this.color = dyn(3);
    this.style = dyn(4);
    this.extra = dyn(2);
    for (let s = 0; s < n; s++) this.style.array[4 * s + 3] = seg.along0[s]!;
    g.setAttribute('iColor', this.color);
    g.setAttribute('iStyle', this.style);
    g.setAttribute('iExtra', this.extra);
    g.instanceCount = n;
    const m = new ShaderMaterial({
      vertexShader,
      fragmentShader,
      transparent: true,
      depthWrite: false,
      uniforms: {
        uResolution: { value: new Vector2(1, 1) },
        uPixelRatio: { value: 1 },
        uWidthScale: { value: 1 },
        uSpacing: { value: 10 },
        uTime: { value: 0 },
        uContrast: { value: 0 },
        uSubmerged: { value: 0 },
        uSea: { value: new Color('#07182b') },
      },
    });
    this.mesh = new Mesh(g, m);
    this.mesh.frustumCulled = false;
  }

  /** Copies element styles onto their segments (call when a frame arrives). */
  setStyles(st: FlowStyles, highlight: number): void {
    const { element } = this.seg;
    const c = this.color.array as Float32Array;
    const s = this.style.array as Float32Array;
    const x = this.extra.array as Float32Array;
    for (let k = 0; k < element.length; k++) {
      const e = element[k]!;
      c[3 * k] = st.color[3 * e]!;
      c[3 * k + 1] = st.color[3 * e + 1]!;
      c[3 * k + 2] = st.color[3 * e + 2]!;
      s[4 * k] = st.width[e]!;
      s[4 * k + 1] = st.code[e]!;
      const code = st.code[e]!;
      const v = st.speed[e]!;
      x[2 * k] = code === LINE.TRIPPED || code === LINE.OUT ? 0 : v > 0 ? 1 : v < 0 ? -1 : 0;
      x[2 * k + 1] = e === highlight ? 1 : 0;
    }
    this.color.needsUpdate = true;
    this.style.needsUpdate = true;
    this.extra.needsUpdate = true;
  }

  /** Advances the flow animation: phases by speed, copied to the segments. */
  tick(st: FlowStyles, dt: number, time: number): void {
    advancePhases(this.phase, st.speed, dt);
    const { element } = this.seg;
    const s = this.style.array as Float32Array;
    for (let k = 0; k < element.length; k++) s[4 * k + 2] = this.phase[element[k]!]!;
    this.style.needsUpdate = true;
    this.mesh.material.uniforms['uTime']!.value = time;
  }

  setView(
    width: number,
    height: number,
    pixelRatio: number,
    spacing: number,
    contrast: boolean,
  ): void {
    const u = this.mesh.material.uniforms;
    (u['uResolution']!.value as Vector2).set(width * pixelRatio, height * pixelRatio);
    u['uPixelRatio']!.value = pixelRatio;
    u['uSpacing']!.value = spacing;
    u['uContrast']!.value = contrast ? 1 : 0;
    // wall mode: bolder, and in proportion on a 4K wall
    u['uWidthScale']!.value = contrast ? 1.6 * Math.max(1, height / 1080) : 1;
  }

  /** Drawn as under water (the cables). */
  setSubmerged(sea: Color): void {
    const u = this.mesh.material.uniforms;
    u['uSubmerged']!.value = 1;
    (u['uSea']!.value as Color).copy(sea);
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
  }
}
