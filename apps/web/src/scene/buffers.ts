// Frame → per-element drawing state, written into preallocated typed arrays (no allocation per
// frame): line and cable colour, width, style and flow speed; bus supply; district supply; and a
// summary row (shed, load, Estlink transfers, frequencies) for the KPIs and the charts.
// Frames come in the run's layout order; `map` arrays turn a layout index into a scene index.
import { STATUS, type Frame } from '@finest/scenario/schema';
import { writeLoadingColor } from './color-scale.ts';

/** Line style codes, shared with the flow-line shader. */
export const LINE = { NORMAL: 0, OVERLOAD: 1, TRIPPED: 2, OUT: 3 } as const;

export interface FlowStyles {
  /** sRGB 0 … 1, 3 per element */
  color: Float32Array;
  /** px */
  width: Float32Array;
  /** LINE codes */
  code: Uint8Array;
  /** signed pattern cycles per second, + in the from → to direction */
  speed: Float32Array;
  /** MW at the from end, + from → to */
  mw: Float32Array;
  /** % of rating */
  loading: Float32Array;
}

export function createFlowStyles(n: number): FlowStyles {
  return {
    color: new Float32Array(3 * n),
    width: new Float32Array(n),
    code: new Uint8Array(n),
    speed: new Float32Array(n),
    mw: new Float32Array(n),
    loading: new Float32Array(n),
  };
}

/** px, a line's width at no load by its voltage */
export function baseWidthPx(kV: number): number {
  if (kV >= 380) return 3.2;
  if (kV >= 300) return 2.8;
  if (kV >= 200) return 2.3;
  if (kV >= 100) return 1.6;
  return 1.3;
}

/** Pattern cycles per second for a flow: 0 below 1 MW, then faster with MW up to 700 MW. */
export function flowSpeed(mw: number): number {
  const a = Math.abs(mw);
  if (!(a >= 1)) return 0;
  return Math.sign(mw) * (0.35 + 1.65 * Math.min(1, a / 700));
}

function writeOne(
  out: FlowStyles,
  s: number,
  status: number,
  mw: number,
  pct: number,
  base: number,
): void {
  out.mw[s] = mw;
  out.loading[s] = pct;
  if (status === STATUS.TRIPPED || status === STATUS.OUT) {
    out.code[s] = status === STATUS.TRIPPED ? LINE.TRIPPED : LINE.OUT;
    out.speed[s] = 0;
    out.width[s] = base;
    writeLoadingColor(0, out.color, 3 * s);
    return;
  }
  const over = pct > 100;
  out.code[s] = over ? LINE.OVERLOAD : LINE.NORMAL;
  out.speed[s] = flowSpeed(mw);
  out.width[s] = base * (1 + (0.5 * Math.min(pct, 130)) / 130) * (over ? 1.35 : 1);
  writeLoadingColor(pct, out.color, 3 * s);
}

/** AC branches of a frame into `out` (scene order); baseWidth per scene branch, px. */
export function writeBranchStyles(
  frame: Frame,
  map: Int32Array,
  baseWidth: Float32Array,
  out: FlowStyles,
): void {
  for (let i = 0; i < map.length; i++) {
    const s = map[i]!;
    if (s < 0) continue;
    writeOne(
      out,
      s,
      frame.branchStatus[i] ?? STATUS.IN,
      frame.branchFlowMW[i] ?? 0,
      frame.branchLoadingPct[i] ?? 0,
      baseWidth[s] ?? 1.5,
    );
  }
}

/** HVDC links of a frame into `out`; loading is |MW| / Pmax. */
export function writeHvdcStyles(
  frame: Frame,
  map: Int32Array,
  pmax: Float32Array,
  out: FlowStyles,
): void {
  for (let i = 0; i < map.length; i++) {
    const s = map[i]!;
    if (s < 0) continue;
    const mw = frame.hvdcMW[i] ?? 0;
    const cap = pmax[s] ?? 0;
    const pct = cap > 0 ? (100 * Math.abs(mw)) / cap : 0;
    writeOne(
      out,
      s,
      frame.hvdcStatus[i] ?? STATUS.IN,
      mw,
      pct,
      2.4 + (2.4 * Math.min(cap, 800)) / 800,
    );
  }
}

/** Styles before any run: in-service elements idle, the rest out. */
export function writeIdleStyles(
  inService: ArrayLike<boolean>,
  base: Float32Array,
  out: FlowStyles,
): void {
  for (let s = 0; s < inService.length; s++)
    writeOne(out, s, inService[s] ? STATUS.IN : STATUS.OUT, 0, 0, base[s] ?? 1.5);
}

/** Per bus: 4 floats — served MW, shed MW, |V| pu, supplied fraction (0 … 1). */
export const BUS_STRIDE = 4;

export function writeBusStates(frame: Frame, map: Int32Array, out: Float32Array): void {
  for (let i = 0; i < map.length; i++) {
    const s = map[i]!;
    if (s < 0) continue;
    const served = frame.busLoadMW[i] ?? 0;
    const shed = frame.busShedMW[i] ?? 0;
    const vm = frame.busVm[i] ?? 1;
    const o = BUS_STRIDE * s;
    out[o] = served;
    out[o + 1] = shed;
    out[o + 2] = vm;
    out[o + 3] = supplied(served, shed, vm);
  }
}

/** Fraction of a bus's demand supplied; a bus without demand counts by its voltage. */
export function supplied(served: number, shed: number, vm: number): number {
  const total = served + shed;
  if (total > 0.01) return Math.max(0, Math.min(1, served / total));
  return vm > 0.3 ? 1 : 0;
}

/**
 * Per district, the mean supplied fraction of its feeding substations (layout bus indices,
 * −1 when the run's network lacks one: counted as supplied).
 */
export function writeDistrictSupply(frame: Frame, feeders: Int32Array[], out: Float32Array): void {
  for (let d = 0; d < feeders.length; d++) {
    const f = feeders[d]!;
    let sum = 0;
    for (let k = 0; k < f.length; k++) {
      const i = f[k]!;
      sum +=
        i < 0 ? 1 : supplied(frame.busLoadMW[i] ?? 0, frame.busShedMW[i] ?? 0, frame.busVm[i] ?? 1);
    }
    out[d] = f.length > 0 ? sum / f.length : 1;
  }
}

/**
 * The summary row of a frame. Slots, for C countries, L watched links and A areas:
 *   [0, C)            MW shed per country
 *   [C, 2C)           MW served per country
 *   [2C, 2C+L)        MW on each watched HVDC link (+ from → to)
 *   [2C+L, 2C+L+A)    Hz per synchronous area (layout order)
 */
export interface SummaryContext {
  countries: number;
  /** per layout bus, country index or −1 */
  busCountry: Int8Array;
  /** layout hvdc indices of the watched links (−1 when absent) */
  links: Int32Array;
  areas: number;
}

export function summaryWidth(c: SummaryContext): number {
  return 2 * c.countries + c.links.length + c.areas;
}

export function writeSummary(frame: Frame, c: SummaryContext, out: Float64Array, at = 0): void {
  const C = c.countries;
  for (let k = 0; k < 2 * C; k++) out[at + k] = 0;
  for (let i = 0; i < c.busCountry.length; i++) {
    const k = c.busCountry[i]!;
    if (k < 0) continue;
    out[at + k] = out[at + k]! + (frame.busShedMW[i] ?? 0);
    out[at + C + k] = out[at + C + k]! + (frame.busLoadMW[i] ?? 0);
  }
  for (let l = 0; l < c.links.length; l++) {
    const i = c.links[l]!;
    out[at + 2 * C + l] = i < 0 ? NaN : (frame.hvdcMW[i] ?? 0);
  }
  const base = at + 2 * C + c.links.length;
  for (let a = 0; a < c.areas; a++) out[base + a] = frame.areaFrequencyHz[a] ?? NaN;
}

/** phase += speed · dt, kept small so float32 keeps its precision; no allocation. */
export function advancePhases(phase: Float32Array, speed: Float32Array, dt: number): void {
  for (let k = 0; k < phase.length; k++) {
    const p = phase[k]! + speed[k]! * dt;
    phase[k] = p - Math.floor(p / 64) * 64;
  }
}
