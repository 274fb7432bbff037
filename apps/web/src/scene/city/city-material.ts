// Shaders of the twin city. Real buildings (warm walls, single windows, plain roofs) and the
// modelled fabric (blue-grey blocks, continuous bands per floor, hatched roofs) are drawn
// differently on purpose: a viewer can tell measured or mapped buildings from blocks that only
// stand for statistics. Windows are lit where a per-window hash is below the supplied
// fraction; for FLICKER_S after a change they blink between the old and the new state. Seen
// from afar a window grid is finer than a pixel, so it fades to its average brightness. In the
// wall's palette (uContrast) what has no supply is black with a red outline of each face.
import { DoubleSide, ShaderMaterial } from 'three';
import { FLICKER_S } from './city-supply.ts';

const buildingVertex = /* glsl */ `
attribute vec3 aWin;
attribute float aBuilding;
attribute vec3 aState;
attribute float aMark;
attribute vec2 aEdge;
varying float vMark;
varying vec3 vNormal;
varying vec3 vWin;
varying vec3 vState;
varying float vId;
varying vec2 vEdge;
void main() {
  vNormal = normalize(mat3(modelMatrix) * normal);
  vWin = aWin;
  vEdge = aEdge;
  vState = aState;
  vId = aBuilding;
  vMark = aMark;
  gl_Position = projectionMatrix * viewMatrix * modelMatrix * vec4(position, 1.0);
}
`;

// the unit box of a block, scaled per instance: window coordinates from its scale, in metres
const fabricVertex = /* glsl */ `
attribute vec3 iState;
attribute float iArea;
attribute float iMark;
varying float vMark;
varying vec3 vNormal;
varying vec3 vWin;
varying vec3 vState;
varying float vId;
varying vec2 vEdge;
void main() {
  vec3 sx = vec3(instanceMatrix[0]);
  vec3 sy = vec3(instanceMatrix[1]);
  vec3 sz = vec3(instanceMatrix[2]);
  float wall = abs(normal.y) > 0.5 ? 0.0 : 1.0;
  // where on its face the fragment is, 0 … 1 both ways, for the outline (the box spans
  // x, z in −0.5 … 0.5 and y in 0 … 1)
  vEdge = wall < 0.5
    ? position.xz + 0.5
    : vec2(abs(normal.x) > 0.5 ? position.z + 0.5 : position.x + 0.5, position.y);
  float along = (position.x + 0.5) * length(sx) + (position.z + 0.5) * length(sz);
  vWin = vec3(along * 1000.0, position.y * length(sy) * 1000.0, wall);
  vNormal = normalize(mat3(modelMatrix) * normal);
  vState = iState;
  vId = iArea;
  vMark = iMark;
  gl_Position = projectionMatrix * viewMatrix * modelMatrix * instanceMatrix * vec4(position, 1.0);
}
`;

const fragment = /* glsl */ `
uniform float uTime;
uniform float uHighlight;
uniform float uContrast;
uniform float uEdgePx;
varying vec3 vNormal;
varying vec3 vWin;
varying vec3 vState;
varying float vId;
varying float vMark;
varying vec2 vEdge;

float hash(vec2 p) { return fract(sin(dot(p, vec2(12.9898, 78.233))) * 43758.5453); }

void main() {
  vec3 n = normalize(gl_FrontFacing ? vNormal : -vNormal);
  float light = 0.5 + 0.5 * max(dot(n, normalize(vec3(-0.4, 0.8, 0.45))), 0.0);
  float age = uTime - vState.z;
  float blink = step(0.45, hash(vec2(floor(uTime * 14.0), vId)));
  float supplied = age < ${FLICKER_S.toFixed(2)} ? mix(vState.y, vState.x, blink) : vState.x;
#ifdef FABRIC
  vec3 wallCol = vec3(0.26, 0.31, 0.4);
  vec3 roofCol = vec3(0.3, 0.36, 0.46);
  vec3 litCol = vec3(0.62, 0.86, 1.0);
  float cellW = 1e6; // bands: one continuous strip per floor
#else
  vec3 wallCol = vec3(0.5, 0.45, 0.4);
  vec3 roofCol = vec3(0.56, 0.5, 0.43);
  vec3 litCol = vec3(1.0, 0.8, 0.45);
  float cellW = 3.0;
#endif
  vec3 dark = vec3(0.05, 0.06, 0.09);
  vec3 col;
  if (vWin.z < 0.5) {
    // roof: carries the supply for a view from above; the fabric's is hatched
    col = mix(dark * 1.6, roofCol, supplied) * light;
#ifdef FABRIC
    float stripe = step(0.5, fract((gl_FragCoord.x + gl_FragCoord.y) / 7.0));
    col *= 0.82 + 0.18 * stripe;
#endif
  } else {
    vec2 g = vec2(vWin.x / cellW, vWin.y / 3.2);
    vec2 cell = floor(g);
    vec2 f = fract(g);
    float win = step(0.3, f.y) * step(f.y, 0.75);
#ifndef FABRIC
    win *= step(0.2, f.x) * step(f.x, 0.8);
#endif
    float on = step(hash(cell + vId * 1.37), supplied * 0.92);
    // finer than a pixel: the average of the grid instead of aliasing
    float fine = smoothstep(0.35, 0.9, max(fwidth(g.x), fwidth(g.y)));
    float lit = mix(win * on, 0.3 * supplied, fine);
    col = wallCol * light * mix(0.35, 1.0, supplied) + lit * litCol;
  }
  // dark: a cold tint that reads at any distance (the wall's palette has its own, below);
  // hover: lighter
  col = mix(col, vec3(0.3, 0.12, 0.36), (1.0 - supplied) * 0.45 * (1.0 - uContrast));
  col = mix(col, vec3(1.0), abs(vId - uHighlight) < 0.5 ? 0.3 : 0.0);
  col = mix(col, col * 1.25, uContrast);
  if (uContrast > 0.5) {
    // wall: no supply is black with a red outline, fully so at half supplied (what the legend
    // counts as dark); from afar, where a block is a few pixels, the outline fills it: red
    float off = clamp((1.0 - supplied) * 2.0, 0.0, 1.0);
    vec2 px = min(vEdge, 1.0 - vEdge) / max(fwidth(vEdge), vec2(1e-6));
    float edge = 1.0 - smoothstep(uEdgePx - 0.75, uEdgePx + 0.75, min(px.x, px.y));
    col = mix(col, vec3(0.012, 0.01, 0.016), off * 0.9);
    col = mix(col, vec3(1.0, 0.17, 0.12), off * edge);
  }
  // compare map mode: dark for longer in B — magenta stripes
  float stripe2 = step(0.5, fract((gl_FragCoord.x - gl_FragCoord.y) / 9.0));
  col = mix(col, vec3(1.0, 0.25, 0.85), vMark * (0.35 + 0.35 * stripe2));
  gl_FragColor = vec4(col, 1.0);
}
`;

export function cityMaterial(fabric: boolean): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: fabric ? fabricVertex : buildingVertex,
    fragmentShader: fragment,
    defines: fabric ? { FABRIC: 1 } : {},
    side: DoubleSide,
    uniforms: {
      uTime: { value: 0 },
      uHighlight: { value: -1 },
      uContrast: { value: 0 },
      // px of the wall palette's outline (CityLayer scales it with the screen)
      uEdgePx: { value: 1.5 },
    },
  });
}
