import { lab, rgb } from 'd3';
import { describe, expect, it } from 'vitest';
import { LOADING_MAX_PCT, loadingCss, writeLoadingColor } from './color-scale.ts';

// Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
const CVD: Record<string, number[]> = {
  normal: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  protanopia: [
    0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998,
  ],
  deuteranopia: [
    0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881,
  ],
  tritanopia: [
    1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039,
  ],
};
const toLin = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toSrgb = (c: number): number =>
  Math.min(1, Math.max(0, c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055));

function seen(pct: number, m: number[]): [number, number, number] {
  const out = new Float32Array(3);
  writeLoadingColor(pct, out, 0);
  const l = [toLin(out[0]!), toLin(out[1]!), toLin(out[2]!)];
  const s = [0, 1, 2].map((r) =>
    toSrgb(m[3 * r]! * l[0]! + m[3 * r + 1]! * l[1]! + m[3 * r + 2]! * l[2]!),
  );
  const c = lab(rgb(s[0]! * 255, s[1]! * 255, s[2]! * 255));
  return [c.l, c.a, c.b];
}
const dE = (a: number[], b: number[]): number =>
  Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

describe('loading colour scale', () => {
  it('writes sRGB in place and clamps outside 0 … max', () => {
    const out = new Float32Array(6);
    writeLoadingColor(-50, out, 0);
    writeLoadingColor(0, out, 3);
    expect(Array.from(out.subarray(0, 3))).toEqual(Array.from(out.subarray(3, 6)));
    expect(loadingCss(500)).toBe(loadingCss(LOADING_MAX_PCT));
    expect(loadingCss(Number.NaN)).toBe(loadingCss(0));
  });

  it.each(Object.keys(CVD))(
    'keeps idle, loaded, full and overloaded apart for %s vision',
    (kind) => {
      const m = CVD[kind]!;
      const steps = [0, 35, 70, 100, 130].map((p) => seen(p, m));
      for (let k = 1; k < steps.length; k++)
        expect(dE(steps[k - 1]!, steps[k]!)).toBeGreaterThan(12);
      // idle and overloaded never look alike
      expect(dE(steps[0]!, steps[4]!)).toBeGreaterThan(30);
      // nor idle and full
      expect(dE(steps[0]!, steps[3]!)).toBeGreaterThan(30);
    },
  );
});
