// The loading colour scale of lines and cables: blue (idle) → green → amber → orange-red →
// dark red (overloaded), interpolated in CIELAB. Hue alone would fail colour-blind viewers on
// the green/red axis, so the scale also climbs in lightness up to amber and falls after it,
// the blue and red ends differ on the blue/yellow axis every common colour deficiency keeps,
// and overload (> 100 %) is also drawn wider and hazard-striped (see flow-lines.ts).
import { color, interpolateLab, scaleLinear } from 'd3';

/** % of RATE_A at each stop, and its colour */
export const LOADING_STOPS: readonly (readonly [number, string])[] = [
  [0, '#3b7fc4'],
  [40, '#3fae8e'],
  [70, '#f0bb3c'],
  [100, '#e8602c'],
  [130, '#a3162b'],
];

/** % at which the scale saturates */
export const LOADING_MAX_PCT = 130;

const LUT_SIZE = 256;

function buildLut(stops: readonly (readonly [number, string])[]): Float32Array {
  const scale = scaleLinear<string>()
    .domain(stops.map((s) => s[0]))
    .range(stops.map((s) => s[1]))
    .interpolate(interpolateLab)
    .clamp(true);
  const lut = new Float32Array(LUT_SIZE * 3);
  for (let k = 0; k < LUT_SIZE; k++) {
    const c = color(scale((k / (LUT_SIZE - 1)) * LOADING_MAX_PCT))?.rgb();
    lut[3 * k] = (c?.r ?? 0) / 255;
    lut[3 * k + 1] = (c?.g ?? 0) / 255;
    lut[3 * k + 2] = (c?.b ?? 0) / 255;
  }
  return lut;
}

const LUT = buildLut(LOADING_STOPS);

function lutIndex(pct: number): number {
  const v = Number.isFinite(pct) ? pct : 0;
  const k = Math.round(
    (Math.min(Math.max(v, 0), LOADING_MAX_PCT) / LOADING_MAX_PCT) * (LUT_SIZE - 1),
  );
  return 3 * k;
}

/** Writes the sRGB colour (0 … 1) of a loading into out[at … at+2]; no allocation. */
export function writeLoadingColor(pct: number, out: Float32Array, at: number): void {
  const k = lutIndex(pct);
  out[at] = LUT[k]!;
  out[at + 1] = LUT[k + 1]!;
  out[at + 2] = LUT[k + 2]!;
}

/** CSS colour of a loading, for legends and panels. */
export function loadingCss(pct: number): string {
  const k = lutIndex(pct);
  const c = (i: number): number => Math.round(LUT[k + i]! * 255);
  return `rgb(${c(0)} ${c(1)} ${c(2)})`;
}

/** A CSS linear-gradient of the whole scale, left (0 %) to right (LOADING_MAX_PCT). */
export function loadingGradientCss(): string {
  const parts = LOADING_STOPS.map(([p, c]) => `${c} ${((p / LOADING_MAX_PCT) * 100).toFixed(1)}%`);
  return `linear-gradient(90deg, ${parts.join(', ')})`;
}
