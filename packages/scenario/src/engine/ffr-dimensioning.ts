// How much fast frequency reserve an area needs: the Nordic TSOs procure FFR so that the loss
// of the largest unit or HVDC link does not take frequency below 49.0 Hz (facts A16), and the
// need grows as inertia falls (A22: "determined by the inertia of the hour"). Here the need is
// found the same way, by simulating the reference incident (A15: the largest single imbalance;
// A04: the FCR-D up volume is sized for it, 1,450 MW) on the area model and bisecting the
// FFR volume until the nadir stays at the limit. With the default 200 GWs (A23) no FFR is
// needed; at the record-low 110 GWs (A24) it is.
import type { AreaModel } from './area-defaults.ts';
import { initialFrequencyState, integrateFrequency } from './frequency.ts';

export const FFR_DIMENSIONING = {
  /** Hz, the lowest frequency allowed after the reference incident (A16) */
  minimumHz: 49.0,
  /** s simulated after the incident: the nadir comes within seconds */
  horizonS: 30,
  /** MW, bisection tolerance */
  toleranceMW: 1,
};

function nadirWith(m: AreaModel, incidentMW: number, ffrMW: number): number {
  const model: AreaModel = { ...m, ffr: { ...m.ffr!, MW: ffrMW } };
  const st = initialFrequencyState();
  st.disturbance = incidentMW;
  return integrateFrequency(model, st, FFR_DIMENSIONING.horizonS).minHz;
}

/** MW of FFR the area needs for a reference incident of incidentMW (0 when none). */
export function dimensionFfr(m: AreaModel, incidentMW: number): number {
  if (!m.ffr) return 0;
  const limit = FFR_DIMENSIONING.minimumHz;
  if (nadirWith(m, incidentMW, 0) >= limit) return 0;
  let lo = 0;
  let hi = incidentMW;
  if (nadirWith(m, incidentMW, hi) < limit) return hi;
  while (hi - lo > FFR_DIMENSIONING.toleranceMW) {
    const mid = (lo + hi) / 2;
    if (nadirWith(m, incidentMW, mid) >= limit) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi);
}
