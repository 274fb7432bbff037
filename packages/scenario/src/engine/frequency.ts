// Aggregate frequency model of one synchronous area (a single-machine "system frequency
// response" model): the whole area's rotating mass, load self-regulation, frequency
// containment reserves with droop, capacity and a first-order activation lag, restoration
// reserves taking over, and under-frequency load shedding in stages.
//
//   2·Ek/f0 · dΔf/dt = −P_dist + P_fcr + P_frr + P_ufls − D·Δf        (MW; Ek in MWs)
//   T_fcr · dP_fcr/dt = P_fcr*(Δf) − P_fcr     P_fcr*: droop, capped at the reserve volume
//   T_frr · dP_frr/dt = (P_dist − P_ufls) − P_frr     (capped where the model says so)
//   P_ffr: fast frequency reserve, full within t_full of f crossing its threshold, held, then
//          withdrawn (Nordic FFR, facts A17–A20)
//   P_lfsm = −max(0, Δf − 0.2 Hz) / (droop · f0) · area capacity   (over-frequency response)
//
// with D = damping% / 100 · area load per Hz. P_dist is the area's unplanned power deficit
// (MW, > 0 when generation or import was lost). Integrated with classic Runge–Kutta (RK4).
// Reference: P. Kundur, Power System Stability and Control, 1994, §11.1 (load-frequency
// dynamics); reserve parameters in area-defaults.ts. The over-frequency term is the limited
// frequency sensitive mode (LFSM-O) every generating unit must have under the network code
// Requirements for Generators, Regulation (EU) 2016/631 Art. 13(2): from 50.2 Hz, output falls
// with a 5 % droop; the area's generating capacity is taken as its load.
import type { AreaModel } from './area-defaults.ts';

export interface FrequencyState {
  /** Hz, deviation from nominal */
  df: number;
  /** MW */
  fcrNormal: number;
  fcrDisturbance: number;
  frr: number;
  /** MW of the whole area's load shed by UFLS */
  ufls: number;
  /** stages triggered (a prefix of model.ufls) */
  stages: number;
  /** MW, the unplanned deficit being integrated */
  disturbance: number;
  /** s since the fast frequency reserve activated (−1: not yet) */
  ffrAge: number;
}

export interface UflsTrip {
  /** s within the integrated interval, from its start */
  after: number;
  stage: number;
  frequencyHz: number;
  /** MW of the whole area's load */
  shedMW: number;
}

export interface FrequencyTrace {
  /** extremes of f over the interval, Hz, and when (s from the interval start) */
  minHz: number;
  minAfter: number;
  maxHz: number;
  /** Hz/s, largest |df/dt| seen */
  maxRocof: number;
  /** s from the interval start at which FFR activated, when it did */
  ffrActivatedAfter?: number;
  ufls: UflsTrip[];
}

export function initialFrequencyState(): FrequencyState {
  return {
    df: 0,
    fcrNormal: 0,
    fcrDisturbance: 0,
    frr: 0,
    ufls: 0,
    stages: 0,
    disturbance: 0,
    ffrAge: -1,
  };
}

/** A state that needs no integration: nothing moves until the next disturbance. */
export function isQuiescent(s: FrequencyState): boolean {
  return (
    Math.abs(s.df) < 1e-6 &&
    Math.abs(s.disturbance - s.ufls - s.frr) < 1e-3 &&
    Math.abs(s.fcrNormal) + Math.abs(s.fcrDisturbance) < 1e-3 &&
    (s.ffrAge < 0 || s.ffrAge > FFR_REARM_S)
  );
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Droop target of the normal-operation reserve, MW (positive = more generation). */
function fcrNormalTarget(m: AreaModel, df: number): number {
  return clamp(-df / m.fcrNormal.fullAtHz, -1, 1) * m.fcrNormal.MW;
}

/** Droop target of the disturbance reserve, MW: zero inside ±startHz, full at ±fullHz. */
function fcrDisturbanceTarget(m: AreaModel, df: number): number {
  const d = m.fcrDisturbance;
  const span = d.fullHz - d.startHz;
  if (df < -d.startHz) return clamp((-df - d.startHz) / span, 0, 1) * d.upMW;
  if (df > d.startHz) return -clamp((df - d.startHz) / span, 0, 1) * d.downMW;
  return 0;
}

/** the integrated variables (Δf, P_fcr normal, P_fcr disturbance, P_frr), or their rates */
type Vec = Float64Array;
const VARIABLES = 4;

/** Hz above nominal where LFSM-O starts, and its droop (Regulation (EU) 2016/631 Art. 13(2)) */
const LFSM_O_THRESHOLD_HZ = 0.2;
const LFSM_O_DROOP = 0.05;

/** MW of FFR at `age` s after activation */
function ffrPower(m: AreaModel, age: number): number {
  const f = m.ffr;
  if (!f || f.MW <= 0 || age < 0) return 0;
  if (age <= f.fullS) return (f.MW * age) / f.fullS;
  const after = age - f.fullS - f.supportS;
  return after <= 0 ? f.MW : f.MW * Math.max(0, 1 - (after * f.rampDownPctPerS) / 100);
}

/** s after which a reserve unit can activate again (facts A20: within 15 min) */
const FFR_REARM_S = 900;

/** Coefficients of the swing equation that stay fixed over one integrated interval. */
interface SwingTerms {
  twoEkOverF0: number;
  damping: number;
}

function swingTerms(m: AreaModel): SwingTerms {
  return {
    twoEkOverF0: (2 * m.kineticEnergyGWs * 1000) / m.nominalHz,
    damping: (m.loadDampingPctPerHz / 100) * m.areaLoadMW,
  };
}

/** Writes dy/dt at y into `out` (no allocation: it runs four times per RK4 step). */
function derivative(
  m: AreaModel,
  terms: SwingTerms,
  s: FrequencyState,
  y: Vec,
  ffr: number,
  out: Vec,
): void {
  const df = y[0]!;
  const pn = y[1]!;
  const pd = y[2]!;
  const pr = y[3]!;
  const lfsm =
    df > LFSM_O_THRESHOLD_HZ
      ? ((df - LFSM_O_THRESHOLD_HZ) / (LFSM_O_DROOP * m.nominalHz)) * m.areaLoadMW
      : 0;
  const balance = -s.disturbance + pn + pd + pr + ffr + s.ufls - terms.damping * df - lfsm;
  const cap = m.restorationMaxMW;
  const frrTarget = cap
    ? Math.min(cap.up, Math.max(-cap.down, s.disturbance - s.ufls))
    : s.disturbance - s.ufls;
  out[0] = balance / terms.twoEkOverF0;
  out[1] = (fcrNormalTarget(m, df) - pn) / m.fcrNormal.timeConstantS;
  out[2] = (fcrDisturbanceTarget(m, df) - pd) / m.fcrDisturbance.timeConstantS;
  out[3] = (frrTarget - pr) / m.restorationTimeS;
}

/** out = y + c·k */
function offset(y: Vec, k: Vec, c: number, out: Vec): Vec {
  for (let i = 0; i < VARIABLES; i++) out[i] = y[i]! + c * k[i]!;
  return out;
}

/**
 * Advances the state by `duration` s in place. Steps of 0.05 s while frequency moves fast,
 * 0.5 s once it is slow; UFLS stages trip at the step where frequency crosses their setting.
 */
export function integrateFrequency(
  m: AreaModel,
  s: FrequencyState,
  duration: number,
): FrequencyTrace {
  const trace: FrequencyTrace = {
    minHz: m.nominalHz + s.df,
    minAfter: 0,
    maxHz: m.nominalHz + s.df,
    maxRocof: 0,
    ufls: [],
  };
  if (duration <= 0 || isQuiescent(s)) return trace;
  let t = 0;
  const terms = swingTerms(m);
  // one set of buffers per interval: a long interval takes thousands of RK4 steps
  const y: Vec = Float64Array.of(s.df, s.fcrNormal, s.fcrDisturbance, s.frr);
  const k1: Vec = new Float64Array(VARIABLES);
  const k2: Vec = new Float64Array(VARIABLES);
  const k3: Vec = new Float64Array(VARIABLES);
  const k4: Vec = new Float64Array(VARIABLES);
  const probe: Vec = new Float64Array(VARIABLES);
  while (t < duration - 1e-9) {
    const ffr = ffrPower(m, s.ffrAge);
    derivative(m, terms, s, y, ffr, k1);
    const fast = Math.abs(k1[0]!) > 1e-3 || Math.abs(y[0]!) > m.standardBandHz || ffr > 0;
    const h = Math.min(fast ? 0.05 : 0.5, duration - t);
    derivative(m, terms, s, offset(y, k1, h / 2, probe), ffr, k2);
    derivative(m, terms, s, offset(y, k2, h / 2, probe), ffr, k3);
    derivative(m, terms, s, offset(y, k3, h, probe), ffr, k4);
    for (let i = 0; i < VARIABLES; i++)
      y[i] = y[i]! + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
    if (s.ffrAge >= 0) s.ffrAge += h;
    if (
      m.ffr &&
      m.ffr.MW > 0 &&
      -y[0]! > m.ffr.thresholdHz &&
      (s.ffrAge < 0 || s.ffrAge > FFR_REARM_S)
    ) {
      s.ffrAge = 0;
      trace.ffrActivatedAfter ??= t + h;
    }
    t += h;
    trace.maxRocof = Math.max(trace.maxRocof, Math.abs(k1[0]!));
    const f = m.nominalHz + y[0]!;
    if (f < trace.minHz) {
      trace.minHz = f;
      trace.minAfter = t;
    }
    trace.maxHz = Math.max(trace.maxHz, f);
    while (s.stages < m.ufls.length && f < m.ufls[s.stages]!.frequencyHz) {
      const stage = m.ufls[s.stages]!;
      const shedMW = (stage.shedPct / 100) * m.areaLoadMW;
      s.ufls += shedMW;
      trace.ufls.push({ after: t, stage: s.stages, frequencyHz: stage.frequencyHz, shedMW });
      s.stages++;
    }
  }
  s.df = y[0]!;
  s.fcrNormal = y[1]!;
  s.fcrDisturbance = y[2]!;
  s.frr = y[3]!;
  return trace;
}

/** Restores the UFLS-shed load (operators reconnect it); the restoration reserve covers it. */
export function restoreUfls(s: FrequencyState): number {
  const mw = s.ufls;
  s.ufls = 0;
  s.stages = 0;
  return mw;
}
