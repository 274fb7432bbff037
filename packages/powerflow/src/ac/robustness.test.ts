// The AC power flow on degenerate cases (issue 9): isolated buses, islands with and without a
// reference, zero and extreme impedances, a zero start voltage, an overloaded case. Each gives
// a solution, a PowerflowInputError naming the element, or `converged: false` with a reason;
// never NaN reported as converged, never an exception of another type.
import { describe, expect, it } from 'vitest';
import { testBranch, testBus, testGenerator, testNetwork } from '@finest/grid/testing';
import { PowerflowInputError } from '../errors.ts';
import { buildPfCase } from '../model/pf-case.ts';
import { triangle } from '../test-support/triangle.ts';
import { runAcPowerFlow } from './run-ac.ts';

const solve = (net: Parameters<typeof buildPfCase>[0]) => runAcPowerFlow(buildPfCase(net));
const allFinite = (a: Float64Array): boolean => a.every(Number.isFinite);

describe('AC power flow on degenerate cases', () => {
  it('solves around an isolated (NONE) bus and reports it as given', () => {
    const net = triangle({
      buses: [testBus('4', { type: 'NONE', Pd: 40, Vm: 0.97, Va: 12 })],
      branches: [testBranch('d', '2', '4')],
    });
    const r = solve(net);
    expect(r.converged).toBe(true);
    expect([r.Vm[3], r.Pf[3], r.Qt[3]]).toEqual([0.97, 0, 0]);
    expect(r.Va[3]).toBeCloseTo(12, 12);
    expect(r.Vm.subarray(0, 3)).toEqual(solve(triangle()).Vm);
  });

  it('reports a PQ bus with no branch in service as an island without a reference', () => {
    const net = triangle({
      buses: [testBus('4', { Pd: 10 })],
      branches: [testBranch('d', '3', '4', { inService: false })],
    });
    const r = solve(net);
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(0);
    expect(Number.isFinite(r.mismatch)).toBe(true);
    expect(r.reason).toMatch(/^island of 1 bus \(4\) has no REF or PV bus with an in-service/);
  });

  it('solves an island with a PV unit on its own reference, as if it were alone', () => {
    const island = {
      buses: [testBus('4', { type: 'PV' }), testBus('5', { Pd: 30, Qd: 5 })],
      branches: [testBranch('d', '4', '5')],
      generators: [testGenerator('g4', '4', { Pg: 10, Vg: 1.03 })],
    };
    const both = solve(triangle(island));
    expect(both.converged).toBe(true);
    const alone = solve(
      testNetwork({
        ...island,
        buses: [{ ...island.buses[0]!, type: 'REF' }, island.buses[1]!],
        areas: [{ id: '1', name: 'Area 1' }],
      }),
    );
    expect(Array.from(both.Vm.subarray(3))).toEqual(Array.from(alone.Vm));
    expect(both.Pg[2]).toBeCloseTo(alone.Pg[0]!, 9);
  });

  it('refuses a zero-impedance branch, naming its row and buses', () => {
    const net = triangle({
      buses: [testBus('4')],
      branches: [testBranch('d', '3', '4', { r: 0, x: 0 })],
    });
    expect(() => solve(net)).toThrow(PowerflowInputError);
    expect(() => solve(net)).toThrow(
      '@finest/powerflow: branch 4 (bus 3 → 4) has zero impedance (r = x = 0): its admittance ' +
        'would be infinite; merge its two buses or give it a small reactance',
    );
  });

  it('refuses an impedance or a tap whose admittance overflows', () => {
    const tiny = triangle({
      buses: [testBus('4')],
      branches: [testBranch('d', '3', '4', { r: 1e-170, x: 1e-170 })],
    });
    expect(() => solve(tiny)).toThrow(
      /branch 4 \(bus 3 → 4\) has an impedance too small to invert/,
    );
    const tap = triangle({ branches: [testBranch('d', '3', '2', { tap: 1e-300 })] });
    expect(() => solve(tap)).toThrow(/branch 4 \(bus 3 → 2\) has a non-finite admittance/);
  });

  it('names the bus whose Jacobian column is empty (a branch of 1e200 pu is no connection)', () => {
    const net = triangle({
      buses: [testBus('4', { Pd: 10 })],
      branches: [testBranch('d', '3', '4', { r: 1e200, x: 1e200 })],
    });
    const r = solve(net);
    expect(r.converged).toBe(false);
    expect(r.reason).toBe(
      'singular Jacobian at iteration 1: no usable pivot for the voltage angle of bus 4 (row 4)',
    );
  });

  it('starts a PQ bus stored at 0 pu from 1 pu (at V = 0 the Jacobian has no angle column)', () => {
    const net = triangle();
    net.buses[1]!.Vm = 0;
    const r = solve(net);
    expect(r.converged).toBe(true);
    expect(r.Vm[1]).toBeCloseTo(solve(triangle()).Vm[1]!, 9);
  });

  it('reports an overloaded case as not converged, with finite numbers and the mismatch', () => {
    const net = triangle();
    net.buses[1]!.Pd = 5000;
    const r = solve(net);
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(10);
    expect(r.reason).toMatch(
      /^no convergence in 10 iterations \(max iterations\): mismatch \d\.\d\de\+\d pu, from 5\.00e\+1 pu, tolerance 1\.00e-8 pu$/,
    );
    expect(allFinite(r.Vm) && allFinite(r.Pf)).toBe(true);
  });

  it('stops as diverged once the mismatch has grown by divergenceRatio', () => {
    const net = triangle();
    net.buses[1]!.Pd = 5000;
    const pf = buildPfCase(net);
    const r = runAcPowerFlow(pf, { maxIterations: 50, divergenceRatio: 10 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBeLessThan(50);
    expect(r.reason).toMatch(
      /^diverged: mismatch grew to \S+ pu at iteration \d+ \(from 5\.00e\+1 pu\)$/,
    );
    expect(r.mismatch).toBeGreaterThan(500);
  });
});
