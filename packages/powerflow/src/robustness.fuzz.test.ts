// Fuzz tests of the solvers' robustness (issue 9): small random networks, many of them
// degenerate (test-support/random-network.ts), go through buildPfCase and the AC and DC power
// flows. Every outcome must be one of two: a PowerflowError with a message, or a result that
// either converged with every number finite (and the AC mismatch within tolerance) or did not
// converge and says why. Any other exception, a NaN in a converged result, or a hang is a bug.
// FINEST_FUZZ_RUNS=<n> scales the inputs up for a campaign; FINEST_FUZZ_REPORT=1 writes the
// tally to .fuzz-counts/powerflow.json.
import fc from 'fast-check';
import type { Network } from '@finest/grid';
import { afterAll, describe, expect, it } from 'vitest';
import { attempt, FUZZ_TEST_TIMEOUT_MS, fuzzRuns } from '../../grid/src/test-support/fuzz.ts';
import { runAcPowerFlow } from './ac/run-ac.ts';
import { energiseIslands } from './contingency/energise-islands.ts';
import { runDcN1 } from './contingency/dc-n1.ts';
import { runDcPowerFlow } from './dc/run-dc.ts';
import { PowerflowError } from './errors.ts';
import { buildPfCase, type PfCase } from './model/pf-case.ts';
import { PfFuzzTally } from './test-support/pf-fuzz-tally.ts';
import { randomNetworkArb } from './test-support/random-network.ts';

/**
 * ms one solve may take before it counts as hung. A hang detector, not a speed test: a solve
 * of 30 buses takes well under a millisecond, so only an endless loop comes near it.
 */
const HANG_BOUND_MS = 5000;
const TOLERANCE = 1e-8;

const tally = new PfFuzzTally('powerflow');
afterAll(() => tally.report());

/** Runs `solve`; a throw must be a PowerflowError with a message. Returns the result or null. */
function solveChecked<T>(solve: () => T): T | null {
  const out = attempt(solve);
  expect(out.ms, 'solve time (ms)').toBeLessThan(HANG_BOUND_MS);
  if (out.ok) return out.value;
  if (!(out.error instanceof PowerflowError)) throw out.error;
  expect(out.error.message.length).toBeGreaterThan('@finest/powerflow: '.length);
  tally.error(out.error.code, out.error.message);
  return null;
}

interface Solved {
  converged: boolean;
  reason?: string;
  mismatch: number;
}

function expectHonest<R extends Solved>(
  result: R,
  arrays: readonly (keyof R & string)[],
  tolerance: number,
): void {
  tally.solved(result.converged, result.reason);
  if (!result.converged) {
    expect(typeof result.reason === 'string' && result.reason.length > 0, 'reason').toBe(true);
    return;
  }
  expect(result.mismatch).toBeLessThanOrEqual(tolerance);
  for (const name of arrays) {
    const values = result[name] as unknown as Float64Array;
    const bad = values.findIndex((v) => !Number.isFinite(v));
    expect(bad, `${name}[${bad}] = ${values[bad]} in a converged result`).toBe(-1);
  }
}

const AC_ARRAYS = ['Vm', 'Va', 'Pf', 'Qf', 'Pt', 'Qt', 'Pg', 'Qg'] as const;

function solveBoth(pf: PfCase): void {
  const ac = solveChecked(() => runAcPowerFlow(pf));
  if (ac) expectHonest(ac, AC_ARRAYS, TOLERANCE);
  const dc = solveChecked(() => runDcPowerFlow(pf));
  // The DC solve is direct: its residual is reported, and must be finite when converged.
  if (dc) expectHonest(dc, ['Va', 'Pf', 'Pt', 'Pg'], Infinity);
}

describe('power flow under fuzzing', () => {
  it(
    'solves a random network, refuses it with a PowerflowError, or says why it did not converge',
    () => {
      fc.assert(
        fc.property(randomNetworkArb, (net) => {
          tally.inputs++;
          const pf = solveChecked(() => buildPfCase(net));
          if (pf) solveBoth(pf);
        }),
        { seed: 20_251_123, numRuns: fuzzRuns(500) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'never reports an island without a reference once the islands are energised',
    () => {
      fc.assert(
        fc.property(randomNetworkArb, (net: Network) => {
          tally.inputs++;
          const energised = solveChecked(() => buildPfCase(energiseIslands(net).network));
          if (!energised) return;
          const ac = solveChecked(() => runAcPowerFlow(energised));
          if (ac) {
            expect(ac.reason ?? '').not.toMatch(/no REF or PV bus/);
            expectHonest(ac, AC_ARRAYS, TOLERANCE);
          }
          const n1 = solveChecked(() => runDcN1(energiseIslands(net).network));
          if (n1?.baseConverged) {
            expect(n1.maxLoadingPct.every(Number.isFinite), 'DC N-1 loadings').toBe(true);
          }
        }),
        { seed: 9_009, numRuns: fuzzRuns(300) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
