// The DC power flow on degenerate cases (issue 9): an island without a reference, a B matrix
// that is singular even with every island referenced, zero and tiny reactances. Each is a
// PowerflowInputError naming the branch, or `converged: false` with a reason naming the buses;
// a converged result is finite and its residual is reported.
import { describe, expect, it } from 'vitest';
import { testBranch, testBus, testGenerator } from '@finest/grid/testing';
import { runDcN1 } from '../contingency/dc-n1.ts';
import { PowerflowInputError, PowerflowUnsolvableError } from '../errors.ts';
import { buildPfCase } from '../model/pf-case.ts';
import { triangle } from '../test-support/triangle.ts';
import { runDcPowerFlow } from './run-dc.ts';

const solve = (net: Parameters<typeof buildPfCase>[0]) => runDcPowerFlow(buildPfCase(net));

describe('DC power flow on degenerate cases', () => {
  it('reports its residual, tiny for a sound case', () => {
    const r = solve(triangle());
    expect(r.converged).toBe(true);
    expect(r.mismatch).toBeLessThan(1e-12);
  });

  it('reports an island without a source, naming its buses', () => {
    const net = triangle({
      buses: [testBus('4', { Pd: 5 }), testBus('5', { Pd: 10 })],
      branches: [testBranch('d', '4', '5')],
    });
    const r = solve(net);
    expect(r).toMatchObject({ converged: false, iterations: 0 });
    expect(r.reason).toMatch(/^island of 2 buses \(4, 5\) has no REF or PV bus/);
    expect(Number.isNaN(r.mismatch)).toBe(true);
    // DC N-1 has no result to carry it: the same reason, thrown
    expect(() => runDcN1(net)).toThrow(PowerflowUnsolvableError);
    expect(() => runDcN1(net)).toThrow(/island of 2 buses \(4, 5\)/);
  });

  it('solves an island with a PV unit on its own reference angle', () => {
    const net = triangle({
      buses: [testBus('4', { type: 'PV', Va: 7 }), testBus('5', { Pd: 10 })],
      branches: [testBranch('d', '4', '5', { x: 0.2 })],
      generators: [testGenerator('g4', '4', { Pg: 10 })],
    });
    const r = solve(net);
    expect(r.converged).toBe(true);
    expect(r.Va[3]).toBe(7);
    expect(r.Pf[3]).toBeCloseTo(10, 9);
    expect(r.Va[4]).toBeCloseTo(7 - (0.1 * 0.2 * 180) / Math.PI, 9);
  });

  it('names the bus whose angle is undetermined when reactances cancel', () => {
    // 1/0.1 + 1/(-0.1) = 0: bus 4 is tied to bus 3 by no susceptance at all
    const net = triangle({
      buses: [testBus('4', { Pd: 5 })],
      branches: [testBranch('d', '3', '4', { x: 0.1 }), testBranch('e', '3', '4', { x: -0.1 })],
    });
    const r = solve(net);
    expect(r.converged).toBe(false);
    expect(r.reason).toBe(
      'singular DC matrix: no usable pivot for the angle of bus 4 (row 4) ' +
        '(cancelling, near-zero or huge reactances around it?)',
    );
  });

  it('refuses a zero reactance, or one too small to invert, naming the branch', () => {
    const zero = triangle({
      buses: [testBus('4')],
      branches: [testBranch('d', '3', '4', { x: 0 })],
    });
    expect(() => solve(zero)).toThrow(PowerflowInputError);
    expect(() => solve(zero)).toThrow(
      'branch 4 (bus 3 → 4) has zero reactance: no DC model; merge its two buses or give it a small reactance',
    );
    const tiny = triangle({
      buses: [testBus('4')],
      branches: [testBranch('d', '3', '4', { x: 1e-320 })],
    });
    expect(() => solve(tiny)).toThrow(/branch 4 \(bus 3 → 4\) has a reactance too small to invert/);
  });
});
