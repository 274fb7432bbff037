// A run's frames as CSV, one row per frame: time, each area's frequency, each HVDC link's
// transfer, served and shed load per country (summed over its buses), and each branch's
// loading. Columns are named by element id, so a spreadsheet can read it without the layout.
import { decodeFrame } from '@finest/protocol';
import type { FrameLayout } from '@finest/scenario/schema';
import type { RunFrames } from './run-frames.ts';

const csvText = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const num = (x: number): string => (Number.isFinite(x) ? String(Math.round(x * 1e4) / 1e4) : '');

/** Yields the CSV a line at a time (a long run is never one big string). */
export function* csvLines(
  layout: FrameLayout,
  frames: RunFrames,
  busCountry: ReadonlyMap<string, string>,
): Generator<string> {
  const countries = [...new Set(layout.busIds.map((b) => busCountry.get(b) ?? '??'))].sort();
  const busSlot = layout.busIds.map((b) => countries.indexOf(busCountry.get(b) ?? '??'));
  yield (
    [
      'tick',
      't_s',
      'keyframe',
      ...layout.areaIds.map((a) => `frequency_Hz:${a}`),
      ...layout.hvdcIds.map((h) => `hvdc_MW:${h}`),
      ...countries.map((c) => `load_MW:${c}`),
      ...countries.map((c) => `shed_MW:${c}`),
      ...layout.branchIds.map((b) => `loading_pct:${b}`),
    ]
      .map(csvText)
      .join(',') + '\n'
  );
  for (let tick = 0; tick < frames.count; tick++) {
    const { frame: f } = decodeFrame(frames.bytes(tick));
    const load = new Float64Array(countries.length);
    const shed = new Float64Array(countries.length);
    busSlot.forEach((c, k) => {
      load[c]! += f.busLoadMW[k]!;
      shed[c]! += f.busShedMW[k]!;
    });
    yield (
      [
        String(tick),
        num(f.t),
        f.keyframe ? '1' : '0',
        ...Array.from(f.areaFrequencyHz, num),
        ...Array.from(f.hvdcMW, num),
        ...Array.from(load, num),
        ...Array.from(shed, num),
        ...Array.from(f.branchLoadingPct, num),
      ].join(',') + '\n'
    );
  }
}
