// What a transformer end's tap changers do at their position: a ratio ρ that multiplies the
// end's rated voltage, an angle α (degrees) added to its phase, and percentage corrections of
// the end's r, x, g, b from a tabular changer. Formulas of IEC 61970-301 (TapChanger and its
// subclasses): ratio changer ρ = 1 + (step − neutralStep)·stepVoltageIncrement/100; linear phase
// changer α = (step − neutralStep)·stepPhaseShiftIncrement; symmetrical α = 2·atan(du/2);
// asymmetrical α = atan2(du·sin θ, 1 + du·cos θ), ρ = |1 + du·e^{jθ}| (θ = winding connection
// angle); tabular changers read the point of their step.
import type { CimObject, CimStore } from './store.ts';

export interface TapEffect {
  ratio: number;
  /** degrees */
  angle: number;
  /** % corrections of the end's impedance and admittance (tabular changers) */
  r: number;
  x: number;
  g: number;
  b: number;
}

export const NO_TAP: TapEffect = { ratio: 1, angle: 0, r: 0, x: 0, g: 0, b: 0 };

const DEG = 180 / Math.PI;

const PHASE_CLASSES = [
  'PhaseTapChangerLinear',
  'PhaseTapChangerSymmetrical',
  'PhaseTapChangerAsymmetrical',
  'PhaseTapChangerTabular',
];

export class TapChangers {
  private readonly ratioOf = new Map<string, CimObject>();
  private readonly phaseOf = new Map<string, CimObject>();
  private readonly svStep = new Map<string, number>();
  private readonly points = new Map<string, CimObject[]>();
  private readonly useSv: boolean;
  /** tap changers whose SV position differs from SSH: label → [ssh, sv] */
  readonly moved: string[] = [];

  constructor(store: CimStore, useSv: boolean) {
    this.useSv = useSv;
    for (const tc of store.all('RatioTapChanger')) {
      const end = tc.ref('RatioTapChanger.TransformerEnd');
      if (this.ratioOf.has(end.key))
        tc.fail('duplicate', `${end.label} has a second RatioTapChanger`);
      this.ratioOf.set(end.key, tc);
    }
    for (const tc of store.all(...PHASE_CLASSES)) {
      const end = tc.ref('PhaseTapChanger.TransformerEnd');
      if (this.phaseOf.has(end.key))
        tc.fail('duplicate', `${end.label} has a second PhaseTapChanger`);
      this.phaseOf.set(end.key, tc);
    }
    for (const sv of store.all('SvTapStep')) {
      const key = sv.optRefKey('SvTapStep.TapChanger');
      const pos = sv.optNum('SvTapStep.position');
      if (key !== undefined && pos !== undefined) this.svStep.set(key, pos);
    }
    for (const p of store.all('RatioTapChangerTablePoint', 'PhaseTapChangerTablePoint')) {
      const table =
        p.optRefKey('RatioTapChangerTablePoint.RatioTapChangerTable') ??
        p.optRefKey('PhaseTapChangerTablePoint.PhaseTapChangerTable');
      if (table === undefined) continue;
      let list = this.points.get(table);
      if (list === undefined) this.points.set(table, (list = []));
      list.push(p);
    }
  }

  /** The combined effect of the ratio and phase changers of one transformer end. */
  effect(end: CimObject): TapEffect {
    const out = { ...NO_TAP };
    const rtc = this.ratioOf.get(end.key);
    if (rtc !== undefined) this.applyRatio(rtc, out);
    const ptc = this.phaseOf.get(end.key);
    if (ptc !== undefined) this.applyPhase(ptc, out);
    return out;
  }

  hasChanger(end: CimObject): boolean {
    return this.ratioOf.has(end.key) || this.phaseOf.has(end.key);
  }

  /** The position used: SSH TapChanger.step, or the SV's when chosen and given. */
  step(tc: CimObject): number {
    const ssh = tc.optNum('TapChanger.step') ?? tc.optNum('TapChanger.normalStep');
    const sv = this.svStep.get(tc.key);
    if (ssh !== undefined && sv !== undefined && sv !== ssh)
      this.moved.push(`${tc.label}: SSH step ${ssh}, SV ${sv}`);
    const s = this.useSv && sv !== undefined ? sv : ssh;
    if (s === undefined)
      tc.fail(
        'missing-profile',
        'TapChanger.step is missing (an SSH property: is the SSH profile loaded?)',
      );
    const low = tc.optNum('TapChanger.lowStep');
    const high = tc.optNum('TapChanger.highStep');
    if ((low !== undefined && s < low) || (high !== undefined && s > high))
      tc.fail('bad-value', `step ${s} is outside lowStep ${low} … highStep ${high}`);
    return s;
  }

  private applyRatio(tc: CimObject, out: TapEffect): void {
    const step = this.step(tc);
    const table = tc.optRefKey('RatioTapChanger.RatioTapChangerTable');
    if (table !== undefined && this.points.has(table)) {
      const p = this.point(tc, table, step);
      out.ratio *= p.optNum('TapChangerTablePoint.ratio') ?? 1;
      addCorrections(p, out);
      return;
    }
    const neutral = tc.num('TapChanger.neutralStep');
    const svi = tc.optNum('RatioTapChanger.stepVoltageIncrement') ?? 0;
    out.ratio *= 1 + ((step - neutral) * svi) / 100;
    if (!(out.ratio > 0)) tc.fail('bad-value', `gives a ratio of ${out.ratio} at step ${step}`);
  }

  private applyPhase(tc: CimObject, out: TapEffect): void {
    const step = this.step(tc);
    if (tc.cls === 'PhaseTapChangerTabular') {
      const table = tc.ref('PhaseTapChangerTabular.PhaseTapChangerTable');
      const p = this.point(tc, table.key, step);
      out.angle += p.optNum('PhaseTapChangerTablePoint.angle') ?? 0;
      out.ratio *= p.optNum('TapChangerTablePoint.ratio') ?? 1;
      addCorrections(p, out);
      return;
    }
    const n = step - tc.num('TapChanger.neutralStep');
    if (tc.cls === 'PhaseTapChangerLinear') {
      out.angle += n * tc.num('PhaseTapChangerLinear.stepPhaseShiftIncrement');
      return;
    }
    const du = (n * tc.num('PhaseTapChangerNonLinear.voltageStepIncrement')) / 100;
    if (tc.cls === 'PhaseTapChangerSymmetrical') {
      out.angle += 2 * Math.atan(du / 2) * DEG;
      return;
    }
    const theta = tc.num('PhaseTapChangerAsymmetrical.windingConnectionAngle') / DEG;
    const re = 1 + du * Math.cos(theta);
    const im = du * Math.sin(theta);
    out.angle += Math.atan2(im, re) * DEG;
    out.ratio *= Math.hypot(re, im);
  }

  private point(tc: CimObject, table: string, step: number): CimObject {
    const p = (this.points.get(table) ?? []).find(
      (q) => q.optNum('TapChangerTablePoint.step') === step,
    );
    if (p === undefined)
      tc.fail('inconsistent', `its table ${table} has no point for step ${step}`);
    return p;
  }
}

function addCorrections(p: CimObject, out: TapEffect): void {
  out.r += p.optNum('TapChangerTablePoint.r') ?? 0;
  out.x += p.optNum('TapChangerTablePoint.x') ?? 0;
  out.g += p.optNum('TapChangerTablePoint.g') ?? 0;
  out.b += p.optNum('TapChangerTablePoint.b') ?? 0;
}
