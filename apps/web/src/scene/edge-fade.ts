// Fades the clipped base-map layers into the sea at the edge of their data (geo/edge-fade-mask.ts
// says why and where). The mask is one small single-channel texture shared by the layers; each
// layer's built-in material gets a few lines of shader (onBeforeCompile) that look the mask up at
// the fragment's world x, z and mix its colour toward the sea's. The sea is the background
// colour, so a faded fragment is indistinguishable from open sea.
import {
  DataTexture,
  LinearFilter,
  RedFormat,
  UnsignedByteType,
  Vector2,
  type Color,
  type Material,
} from 'three';
import type { EdgeFadeMask } from '../geo/edge-fade-mask.ts';

export interface EdgeFade {
  texture: DataTexture;
  /** world x, z → texture coordinates: uv = xz · scale + offset */
  scale: Vector2;
  offset: Vector2;
  /** the colour a faded fragment takes: the sea's */
  to: Color;
}

export function createEdgeFade(mask: EdgeFadeMask, sea: Color): EdgeFade {
  const texture = new DataTexture(mask.data, mask.width, mask.height, RedFormat, UnsignedByteType);
  texture.magFilter = LinearFilter;
  texture.minFilter = LinearFilter;
  texture.needsUpdate = true;
  // grid points sit at texel centres: point c is at u = (c + 0.5) / width
  const cellX = mask.sizeX / (mask.width - 1);
  const cellZ = mask.sizeZ / (mask.height - 1);
  const scale = new Vector2(1 / (cellX * mask.width), 1 / (cellZ * mask.height));
  const offset = new Vector2(
    0.5 / mask.width - mask.minX * scale.x,
    0.5 / mask.height - mask.minZ * scale.y,
  );
  return { texture, scale, offset, to: sea };
}

/**
 * Makes a MeshBasicMaterial, LineBasicMaterial or LineDashedMaterial fade by the mask. Outside
 * the mask's rectangle the texture's edge (sea) repeats, since it is clamped.
 */
export function fadeAtEdges(material: Material, fade: EdgeFade): void {
  material.onBeforeCompile = (shader) => {
    shader.uniforms.uEdgeFade = { value: fade.texture };
    shader.uniforms.uEdgeFadeScale = { value: fade.scale };
    shader.uniforms.uEdgeFadeOffset = { value: fade.offset };
    shader.uniforms.uEdgeFadeTo = { value: fade.to };
    shader.vertexShader = shader.vertexShader
      .replace('void main() {', 'varying vec2 vEdgeFadeXZ;\nvoid main() {')
      .replace(
        '#include <project_vertex>',
        '#include <project_vertex>\n\tvEdgeFadeXZ = (modelMatrix * vec4(transformed, 1.0)).xz;',
      );
    shader.fragmentShader = shader.fragmentShader
      .replace(
        'void main() {',
        [
          'uniform sampler2D uEdgeFade;',
          'uniform vec2 uEdgeFadeScale;',
          'uniform vec2 uEdgeFadeOffset;',
          'uniform vec3 uEdgeFadeTo;',
          'varying vec2 vEdgeFadeXZ;',
          'void main() {',
        ].join('\n'),
      )
      .replace(
        '#include <opaque_fragment>',
        [
          '#include <opaque_fragment>',
          '\tgl_FragColor.rgb = mix(uEdgeFadeTo, gl_FragColor.rgb,',
          '\t\ttexture2D(uEdgeFade, vEdgeFadeXZ * uEdgeFadeScale + uEdgeFadeOffset).r);',
        ].join('\n'),
      );
  };
  // one compiled program for every material patched alike, apart from the built-in's own
  material.customProgramCacheKey = () => 'edge-fade';
}
