// Ybus and branch flows against an independent model of each branch written from the physics
// (ideal transformer τ = tap·e^(jφ) at the from side, π-model line behind it).
import { describe, expect, it } from 'vitest';
import { busPowers } from '../ac/newton.ts';
import { branchFlows } from '../ac/pf-solution.ts';
import { buildPfCase } from '../model/pf-case.ts';
import { smallNetwork } from '../test-support/small-network.ts';
import { makeYbus } from './make-ybus.ts';

type C = [number, number];
const add = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
const sub = (a: C, b: C): C => [a[0] - b[0], a[1] - b[1]];
const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const conj = (a: C): C => [a[0], -a[1]];
const div = (a: C, b: C): C => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};

describe('makeYbus', () => {
  const net = smallNetwork();
  const pf = buildPfCase(net);
  const ybus = makeYbus(pf);
  const V: C[] = [
    [1.03, 0],
    [1.0 * Math.cos(-0.05), 1.0 * Math.sin(-0.05)],
    [0.97 * Math.cos(-0.12), 0.97 * Math.sin(-0.12)],
    [0.99 * Math.cos(-0.08), 0.99 * Math.sin(-0.08)],
  ];

  // Physical branch currents into each end.
  const expectedFlows = net.branches.map((br) => {
    if (!br.inService) return { sf: [0, 0] as C, st: [0, 0] as C, f: 0, t: 0 };
    const f = pf.busIndex.get(br.from)!;
    const t = pf.busIndex.get(br.to)!;
    const ratio = br.tap === 0 ? 1 : br.tap;
    const phi = (br.shift * Math.PI) / 180;
    const tau: C = [ratio * Math.cos(phi), ratio * Math.sin(phi)];
    const ys = div([1, 0], [br.r, br.x]);
    const vfInner = div(V[f]!, tau); // voltage behind the ideal transformer
    const iSeries = mul(ys, sub(vfInner, V[t]!));
    const iInner = add(iSeries, mul([0, br.b / 2], vfInner));
    const iF = div(iInner, conj(tau)); // power is conserved through the ideal transformer
    const iT = add(mul([-1, 0], iSeries), mul([0, br.b / 2], V[t]!));
    return { sf: mul(V[f]!, conj(iF)), st: mul(V[t]!, conj(iT)), f, t };
  });

  it('gives the physical branch flows', () => {
    const vr = Float64Array.from(V, (v) => v[0]);
    const vi = Float64Array.from(V, (v) => v[1]);
    const flows = branchFlows(pf, ybus.branch, vr, vi);
    expectedFlows.forEach((e, l) => {
      expect(flows.Pf[l]).toBeCloseTo(e.sf[0] * 100, 10);
      expect(flows.Qf[l]).toBeCloseTo(e.sf[1] * 100, 10);
      expect(flows.Pt[l]).toBeCloseTo(e.st[0] * 100, 10);
      expect(flows.Qt[l]).toBeCloseTo(e.st[1] * 100, 10);
    });
  });

  it('gives bus injections equal to branch flows plus shunts', () => {
    const vr = Float64Array.from(V, (v) => v[0]);
    const vi = Float64Array.from(V, (v) => v[1]);
    const sRe = new Float64Array(4);
    const sIm = new Float64Array(4);
    busPowers(ybus, vr, vi, sRe, sIm);
    const expected: C[] = net.buses.map((b, i) => {
      // shunt: S = V conj(Ysh V) = |V|² (Gs - j Bs) / baseMVA
      const v2 = V[i]![0] ** 2 + V[i]![1] ** 2;
      return [(v2 * b.Gs) / 100, (-v2 * b.Bs) / 100];
    });
    for (const e of expectedFlows) {
      expected[e.f] = add(expected[e.f]!, e.sf);
      expected[e.t] = add(expected[e.t]!, e.st);
    }
    for (let i = 0; i < 4; i++) {
      expect(sRe[i]).toBeCloseTo(expected[i]![0], 12);
      expect(sIm[i]).toBeCloseTo(expected[i]![1], 12);
    }
  });

  it('leaves out-of-service branches out of the pattern', () => {
    // bus 10 connects to 20 and 40 only (branch 5 to 30 is out): 3 entries in its column
    const col = 0;
    expect(ybus.G.colPtr[col + 1]! - ybus.G.colPtr[col]!).toBe(3);
  });

  it('rejects a zero-impedance branch with its row and buses', () => {
    const bad = smallNetwork();
    bad.branches[1] = { ...bad.branches[1]!, r: 0, x: 0 };
    expect(() => makeYbus(buildPfCase(bad))).toThrow(/branch 2 \(bus 20 → 30\) has zero impedance/);
  });
});
