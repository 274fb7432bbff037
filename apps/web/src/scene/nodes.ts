// Substations and boundary nodes as screen-sized markers: one instanced quad each, shaped in the
// fragment shader (disc for a substation, diamond for an external equivalent). The fill says
// the voltage level; a pulsing ring grows with load shed at the bus; a hollow dark marker is a
// de-energised bus. Sizes in px so the grid reads the same from a district to the region.
import {
  BufferAttribute,
  DynamicDrawUsage,
  InstancedBufferAttribute,
  InstancedBufferGeometry,
  Mesh,
  ShaderMaterial,
  Vector2,
} from 'three';

const vertexShader = /* glsl */ `
attribute vec2 corner;
attribute vec3 iPos;
attribute vec3 iColor;
attribute vec4 iState;  // size px, shape (0 disc, 1 diamond), supplied 0 … 1, shed ring 0 … 1
attribute float iHi;
uniform vec2 uResolution;
uniform float uPixelRatio;
uniform float uSizeScale;
varying vec2 vP;
varying vec3 vColor;
varying vec4 vState;
varying float vHi;
varying float vR;
void main() {
  vec4 c = projectionMatrix * modelViewMatrix * vec4(iPos, 1.0);
  float ring = iState.w > 0.0 ? 1.0 + 1.2 * iState.w : 1.0;
  float size = (iState.x * uSizeScale + 4.0 * iHi) * ring * uPixelRatio + 2.0;
  c.xy += corner * size / uResolution * c.w;
  gl_Position = c;
  vP = corner;
  vR = 1.0 / ring;
  vColor = iColor;
  vState = iState;
  vHi = iHi;
}
`;

const fragmentShader = /* glsl */ `
uniform float uTime;
varying vec2 vP;
varying vec3 vColor;
varying vec4 vState;
varying float vHi;
varying float vR;
void main() {
  // distance in units of the marker's own radius
  float d = vState.y > 0.5 ? (abs(vP.x) + abs(vP.y)) / vR : length(vP) / vR;
  vec3 col = vColor;
  float a = 0.0;
  if (d < 1.0) {
    bool dead = vState.z < 0.05;
    float border = smoothstep(0.68, 0.78, d);
    vec3 fill = dead ? vec3(0.06, 0.07, 0.1) : mix(vec3(0.12), col, vState.z);
    col = mix(fill, dead ? vec3(0.75, 0.78, 0.85) : vec3(0.04, 0.05, 0.08), border);
    a = 1.0 - smoothstep(0.92, 1.0, d);
  } else if (vState.w > 0.0) {
    // shed ring: amber/magenta pulse outside the marker
    float r = length(vP);
    float pulse = 0.5 + 0.5 * sin(uTime * 5.0);
    float band = smoothstep(1.0, 0.9, r) * smoothstep(vR * 1.05, vR * 1.25, r);
    col = mix(vec3(1.0, 0.3, 0.75), vec3(1.0, 0.75, 0.2), pulse);
    a = band * (0.55 + 0.45 * pulse);
  }
  if (vHi > 0.0 && d > 0.95 && d < 1.25) { col = vec3(1.0); a = max(a, vHi); }
  if (a < 0.01) discard;
  gl_FragColor = vec4(col, a);
}
`;

export class NodeSprites {
  readonly mesh: Mesh<InstancedBufferGeometry, ShaderMaterial>;
  readonly state: Float32Array;
  private readonly stateAttr: InstancedBufferAttribute;
  private readonly hiAttr: InstancedBufferAttribute;

  /** positions x, y, z and sRGB colours per node; sizes px; shapes 0 disc, 1 diamond */
  constructor(pos: Float32Array, color: Float32Array, size: Float32Array, shape: Uint8Array) {
    const n = size.length;
    const g = new InstancedBufferGeometry();
    g.setAttribute(
      'corner',
      new BufferAttribute(Float32Array.from([-1, -1, 1, -1, 1, 1, -1, 1]), 2),
    );
    g.setAttribute('position', new BufferAttribute(new Float32Array(12), 3));
    g.setIndex([0, 1, 2, 0, 2, 3]);
    g.setAttribute('iPos', new InstancedBufferAttribute(pos, 3));
    g.setAttribute('iColor', new InstancedBufferAttribute(color, 3));
    this.state = new Float32Array(4 * n);
    for (let k = 0; k < n; k++) {
      this.state[4 * k] = size[k]!;
      this.state[4 * k + 1] = shape[k]!;
      this.state[4 * k + 2] = 1;
    }
    this.stateAttr = new InstancedBufferAttribute(this.state, 4);
    this.stateAttr.setUsage(DynamicDrawUsage);
    this.hiAttr = new InstancedBufferAttribute(new Float32Array(n), 1);
    this.hiAttr.setUsage(DynamicDrawUsage);
    g.setAttribute('iState', this.stateAttr);
    g.setAttribute('iHi', this.hiAttr);
    g.instanceCount = n;
    const m = new ShaderMaterial({
      vertexShader,
      fragmentShader,
      transparent: true,
      depthWrite: false,
      uniforms: {
        uResolution: { value: new Vector2(1, 1) },
        uPixelRatio: { value: 1 },
        uSizeScale: { value: 1 },
        uTime: { value: 0 },
      },
    });
    this.mesh = new Mesh(g, m);
    this.mesh.frustumCulled = false;
  }

  /** supplied fraction (0 … 1) and shed ring size (0 … 1) of node k */
  setSupply(k: number, supplied: number, ring: number): void {
    this.state[4 * k + 2] = supplied;
    this.state[4 * k + 3] = ring;
  }

  commit(highlight: number): void {
    this.stateAttr.needsUpdate = true;
    const hi = this.hiAttr.array as Float32Array;
    for (let k = 0; k < hi.length; k++) hi[k] = k === highlight ? 1 : 0;
    this.hiAttr.needsUpdate = true;
  }

  setView(
    width: number,
    height: number,
    pixelRatio: number,
    time: number,
    contrast: boolean,
  ): void {
    const u = this.mesh.material.uniforms;
    (u['uResolution']!.value as Vector2).set(width * pixelRatio, height * pixelRatio);
    u['uPixelRatio']!.value = pixelRatio;
    u['uSizeScale']!.value = contrast ? 1.5 * Math.max(1, height / 1080) : 1;
    u['uTime']!.value = time;
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
  }
}
