// The time limit of a Newton solve, made deterministic with an injected clock that jumps a
// fixed step at every read (no real work is timed): it is checked before each iteration, the
// solve stops there with a reason, and an unlimited solve never reads the clock.
import { describe, expect, it } from 'vitest';
import { PowerflowInputError } from '../errors.ts';
import { classifyBuses } from '../model/bus-types.ts';
import { buildPfCase } from '../model/pf-case.ts';
import { triangle } from '../test-support/triangle.ts';
import { makeYbus } from '../ybus/make-ybus.ts';
import { makeSbus } from './make-sbus.ts';
import { newtonPowerFlow } from './newton.ts';
import { runAcPowerFlow } from './run-ac.ts';

/** A clock that advances `step` ms at every read, and counts the reads. */
function jumpingClock(step: number): { now: () => number; reads: () => number } {
  let t = 0;
  let reads = 0;
  return {
    now: () => {
      reads++;
      return (t += step);
    },
    reads: () => reads,
  };
}

function newtonOn(
  pf: ReturnType<typeof buildPfCase>,
  options: Parameters<typeof newtonPowerFlow>[5],
) {
  const Va = Float64Array.from(pf.Va0, (d) => (d * Math.PI) / 180);
  return newtonPowerFlow(makeYbus(pf), makeSbus(pf), pf.Vm0, Va, classifyBuses(pf), options);
}

describe('time limit per solve', () => {
  const pf = buildPfCase(triangle());

  it('stops Newton at the first iteration boundary past the limit', () => {
    // reads: the start (600), before iteration 1 (1200: 600 ms used), before iteration 2
    // (1800: 1200 ms used, over the 1000 ms limit)
    const clock = jumpingClock(600);
    const r = newtonOn(pf, { timeLimitMs: 1000, now: clock.now });
    expect(r).toMatchObject({
      converged: false,
      iterations: 1,
      timedOut: true,
      reason: 'time limit of 1000 ms exceeded after 1 iteration',
    });
    expect(clock.reads()).toBe(3);
  });

  it('reads the clock once per iteration, and never without a limit', () => {
    const limited = jumpingClock(1);
    const r = newtonOn(pf, { timeLimitMs: 1e9, now: limited.now });
    expect(r.converged).toBe(true);
    expect(limited.reads()).toBe(1 + r.iterations);
    const unlimited = jumpingClock(1);
    expect(newtonOn(pf, { now: unlimited.now }).converged).toBe(true);
    expect(newtonOn(pf, { timeLimitMs: Infinity, now: unlimited.now }).converged).toBe(true);
    expect(unlimited.reads()).toBe(0);
  });

  it('covers all the re-solves of reactive-limit enforcement, with their total iterations', () => {
    // unit 2 cannot give the reactive power bus 2 asks for: one re-solve with it at Qmax
    const net = triangle();
    net.generators[1]!.Qmax = 5;
    net.buses[1]!.Qd = 60;
    const limitedQ = buildPfCase(net);
    const first = runAcPowerFlow(limitedQ);
    const full = runAcPowerFlow(limitedQ, { enforceQLimits: 'simultaneous' });
    expect(full.qLimited).toEqual([1]);
    expect(full.iterations).toBeGreaterThan(first.iterations);
    // 1 ms per clock read: enough for the first solve, not for the re-solve
    const clock = jumpingClock(1);
    const r = runAcPowerFlow(limitedQ, {
      enforceQLimits: 'simultaneous',
      timeLimitMs: 5,
      now: clock.now,
    });
    expect(r.converged).toBe(false);
    expect(r.qLimited).toEqual([1]);
    expect(r.iterations).toBeGreaterThanOrEqual(first.iterations);
    expect(r.iterations).toBeLessThan(full.iterations);
    expect(r.reason).toBe(`time limit of 5 ms exceeded after ${r.iterations} iterations`);
  });

  it('refuses a limit that is not a number ≥ 0', () => {
    for (const timeLimitMs of [-1, NaN]) {
      expect(() => runAcPowerFlow(pf, { timeLimitMs })).toThrow(PowerflowInputError);
    }
    expect(() => runAcPowerFlow(pf, { timeLimitMs: -1 })).toThrow(
      'timeLimitMs must be a number ≥ 0, got -1',
    );
  });
});
