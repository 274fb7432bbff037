// The DC OPF on small hand-made networks whose answers are known: infeasible and unbounded
// cases named, islands with their own prices, piecewise-linear costs, a phase shifter, units
// sharing a bus, unlimited ratings, elements out of service, angle limits. Every case runs in
// both formulations (constraint generation and B-θ), which must agree.
import { testBranch, testBus, testGenerator, testNetwork } from '@finest/grid/testing';
import type { Network } from '@finest/grid';
import { describe, expect, it } from 'vitest';
import { buildPfCase } from '../model/pf-case.ts';
import { runDcPowerFlow } from '../dc/run-dc.ts';
import { buildOpfCase } from './opf-case.ts';
import { runDcOpf, type DcOpfOptions, type DcOpfResult } from './run-dc-opf.ts';

const poly = (c2: number, c1: number, c0 = 0): number[] => [2, 0, 0, 3, c2, c1, c0];
const pwl = (...points: [number, number][]): number[] => [1, 0, 0, points.length, ...points.flat()];

const FORMULATIONS = ['ptdf', 'angles'] as const;

async function both(
  input: Parameters<typeof runDcOpf>[0],
  options: DcOpfOptions = {},
): Promise<DcOpfResult[]> {
  const results: DcOpfResult[] = [];
  for (const formulation of FORMULATIONS)
    results.push(await runDcOpf(input, { ...options, formulation }));
  return results;
}

/** bus 1 (REF, cheap unit) — bus 2 (dear unit, load), one line of x = 0.1 */
function twoBus(fields: { load?: number; rateA?: number; cheapMax?: number } = {}): Network {
  return testNetwork({
    buses: [testBus('1', { type: 'REF' }), testBus('2', { type: 'PV', Pd: fields.load ?? 100 })],
    branches: [testBranch('1', '1', '2', { rateA: fields.rateA ?? 0 })],
    generators: [
      testGenerator('1', '1', { Pmax: fields.cheapMax ?? 200 }),
      testGenerator('2', '2', { Pmax: 200 }),
    ],
    gencost: [poly(0, 10), poly(0, 30)],
  });
}

describe('DC OPF: infeasible and unbounded cases are results that name the cause', () => {
  it('load above the units’ total PMAX', async () => {
    for (const r of await both(twoBus({ load: 500 }))) {
      expect(r).toMatchObject({ success: false, status: 'infeasible' });
      expect(r.reason).toMatch(/load of 500 MW above its units' total PMAX 400 MW/);
      expect(Number.isNaN(r.objective)).toBe(true);
    }
  });

  it('a rating that no dispatch can respect, named', async () => {
    // the only unit sits at bus 1; the 100 MW load at bus 2 must cross a 50 MW line
    const net = twoBus({ rateA: 50 });
    net.generators[1]!.inService = false;
    const [ptdf, angles] = await both(net);
    expect(ptdf).toMatchObject({ success: false, status: 'infeasible' });
    expect(ptdf!.reason).toMatch(/respects the rating of branch 1 \(bus 1 → 2\)/);
    expect(angles).toMatchObject({ success: false, status: 'infeasible' });
    expect(angles!.reason).toMatch(/^infeasible: /);
  });

  it('a unit with PMIN above PMAX', async () => {
    const net = twoBus();
    net.generators[1]!.Pmin = 150;
    net.generators[1]!.Pmax = 100;
    const r = await runDcOpf(net);
    expect(r.status).toBe('infeasible');
    expect(r.reason).toMatch(/generator 2 at bus 2 has PMIN 150 MW above its PMAX 100 MW/);
  });

  it('a falling cost without a limit is unbounded, and the unit is named', async () => {
    const opf = buildOpfCase(twoBus());
    opf.Pmax[0] = Infinity; // a unit paid to produce without limit …
    opf.Pmin[1] = -Infinity; // … and one that can absorb it all
    const costs = [{ kind: 'polynomial', c2: 0, c1: -5, c0: 0 } as const, opf.costs[1]!];
    for (const r of await both({ ...opf, costs })) {
      expect(r).toMatchObject({ success: false, status: 'unbounded' });
      expect(r.reason).toMatch(
        /generator 1 at bus 1 \(row 1\) falls without limit as its output grows/,
      );
    }
  });

  it('a negative cost within finite limits is an ordinary optimum', async () => {
    const net = twoBus({ load: 100 });
    net.gencost = [poly(0, -5), poly(0, 30)];
    net.generators[1]!.Pmin = -150; // the dear unit may absorb (a pumped storage)
    for (const r of await both(net)) {
      expect(r.success).toBe(true);
      expect(Array.from(r.Pg)).toEqual([200, -100].map((v) => expect.closeTo(v, 6)));
      expect(r.objective).toBeCloseTo(-1000 - 3000, 6);
      expect(r.lam_P[1]).toBeCloseTo(30, 6);
    }
  });

  it('an island without units but with load', async () => {
    const net = twoBus();
    net.buses.push(testBus('3', { Pd: 10 }));
    const r = await runDcOpf(net);
    expect(r.status).toBe('infeasible');
    expect(r.reason).toMatch(
      /island of bus 3 \(1 bus\) has a load of 10 MW and no in-service unit/,
    );
  });
});

describe('DC OPF on small networks', () => {
  it('dispatches the cheap unit and prices the bus at its marginal cost', async () => {
    for (const r of await both(twoBus())) {
      expect(r.success).toBe(true);
      expect(r.Pg[0]).toBeCloseTo(100, 6);
      expect(r.Pg[1]).toBeCloseTo(0, 6);
      expect(r.objective).toBeCloseTo(1000, 6);
      expect(Array.from(r.lam_P)).toEqual([expect.closeTo(10, 6), expect.closeTo(10, 6)]);
      expect(r.binding).toHaveLength(0);
    }
  });

  it('RATE_A = 0 is no limit', async () => {
    for (const r of await both(twoBus({ load: 190, rateA: 0 }))) {
      expect(r.Pf[0]).toBeCloseTo(190, 6);
      expect(r.binding).toHaveLength(0);
    }
  });

  it('a binding rating splits the prices; its shadow price is their difference', async () => {
    for (const r of await both(twoBus({ load: 100, rateA: 60 }))) {
      expect(r.success).toBe(true);
      expect(r.Pf[0]).toBeCloseTo(60, 6);
      expect(r.Pg[1]).toBeCloseTo(40, 6);
      expect(r.lam_P[0]).toBeCloseTo(10, 6);
      expect(r.lam_P[1]).toBeCloseTo(30, 6);
      expect(r.mu_Sf[0]).toBeCloseTo(20, 6);
      expect(r.mu_St[0]).toBeCloseTo(0, 6);
      expect(Array.from(r.binding)).toEqual([0]);
    }
  });

  it('balances two islands each on its own, with its own price', async () => {
    const net = testNetwork({
      buses: [
        testBus('1', { type: 'REF' }),
        testBus('2', { Pd: 50 }),
        testBus('3', { type: 'PV' }),
        testBus('4', { Pd: 80, Va: 7 }),
      ],
      branches: [testBranch('1', '1', '2'), testBranch('2', '3', '4')],
      generators: [testGenerator('1', '1'), testGenerator('2', '3'), testGenerator('3', '4')],
      gencost: [poly(0.01, 20), poly(0.02, 12), poly(0, 40)],
    });
    for (const r of await both(net)) {
      expect(r.success).toBe(true);
      // island 1: one unit meets 50 MW at 2·0.01·50 + 20 = 21 $/MWh
      expect(r.Pg[0]).toBeCloseTo(50, 6);
      expect(r.lam_P[0]).toBeCloseTo(21, 6);
      expect(r.lam_P[1]).toBeCloseTo(21, 6);
      // island 2: the quadratic unit up to 40 $/MWh would be 700 MW; 80 MW costs 2·0.02·80 + 12
      expect(r.Pg[1]).toBeCloseTo(80, 6);
      expect(r.Pg[2]).toBeCloseTo(0, 6);
      expect(r.lam_P[2]).toBeCloseTo(15.2, 6);
      expect(r.lam_P[3]).toBeCloseTo(15.2, 6);
      // the second island's reference is its PV bus 3, at its case angle 0
      expect(r.Va[2]).toBeCloseTo(0, 9);
    }
  });

  it('piecewise-linear costs: the unit stops at the breakpoint where its slope passes the price', async () => {
    const net = twoBus({ load: 80 });
    // slopes 10 and 20 $/MWh against the other unit's 15
    net.gencost = [pwl([0, 0], [50, 500], [100, 1500]), poly(0, 15)];
    for (const r of await both(net)) {
      expect(r.success).toBe(true);
      expect(r.Pg[0]).toBeCloseTo(50, 6);
      expect(r.Pg[1]).toBeCloseTo(30, 6);
      expect(r.objective).toBeCloseTo(500 + 450, 6);
      expect(r.lam_P[1]).toBeCloseTo(15, 6);
    }
  });

  it('several units on one bus share its marginal cost', async () => {
    const net = testNetwork({
      buses: [testBus('1', { type: 'REF' }), testBus('2', { Pd: 300 })],
      branches: [testBranch('1', '1', '2')],
      generators: [
        testGenerator('1', '1'),
        testGenerator('2', '1'),
        testGenerator('3', '1', { inService: false }),
      ],
      // λ = 0.2 P1 + 10 = 0.1 P2 + 13, P1 + P2 = 300  →  P1 = 110, P2 = 190, λ = 32
      gencost: [poly(0.1, 10), poly(0.05, 13), [2, 0, 0, 4, 1, 0, 0, 0]],
    });
    for (const r of await both(net)) {
      expect(r.success, r.reason).toBe(true);
      expect(r.Pg[0]).toBeCloseTo(110, 4);
      expect(r.Pg[1]).toBeCloseTo(190, 4);
      expect(r.Pg[2]).toBe(0); // out of service: its (cubic) cost is not even read
      expect(r.lam_P[1]).toBeCloseTo(32, 4);
    }
  });

  it('a phase shifter moves flow as MATPOWER’s makeBdc injections say', async () => {
    // a triangle; the shifter on 1 → 3 pushes flow round the loop; rating on 1 → 2 binds
    const net = testNetwork({
      buses: [
        testBus('1', { type: 'REF' }),
        testBus('2', { Pd: 100 }),
        testBus('3', { type: 'PV', Pd: 150 }),
      ],
      branches: [
        testBranch('1', '1', '2', { x: 0.1, rateA: 60 }),
        testBranch('2', '2', '3', { x: 0.1 }),
        testBranch('3', '1', '3', { kind: 'transformer', x: 0.1, shift: -5, tap: 1 }),
        testBranch('4', '1', '3', { x: 0.2, inService: false, rateA: 1 }),
      ],
      generators: [testGenerator('1', '1', { Pmax: 400 }), testGenerator('2', '3', { Pmax: 400 })],
      gencost: [poly(0, 10), poly(0, 25)],
    });
    const results = await both(net);
    for (const r of results) {
      expect(r.success, r.reason).toBe(true);
      expect(r.Pf[0]).toBeCloseTo(60, 6);
      expect(Array.from(r.binding)).toEqual([0]);
      expect(r.Pf[3]).toBe(0);
      // Pf = b (θf − θt) + Pfinj, Pfinj = −b · shift: here 100 MVA · 10 pu · (Δθ + 5°)
      const rad = Math.PI / 180;
      expect(r.Pf[2]).toBeCloseTo(1000 * ((r.Va[0]! - r.Va[2]!) * rad + 5 * rad), 6);
      // the flows are the DC power flow's at that dispatch (the reference unit takes the rest)
      const pf = buildPfCase({
        ...net,
        generators: net.generators.map((g, k) => ({ ...g, Pg: r.Pg[k]! })),
      });
      const dc = runDcPowerFlow(pf);
      expect(dc.Pg[0]).toBeCloseTo(r.Pg[0]!, 6);
      for (let l = 0; l < 4; l++) expect(r.Pf[l]).toBeCloseTo(dc.Pf[l]!, 6);
    }
    const [ptdf, angles] = results;
    for (let i = 0; i < 3; i++) expect(ptdf!.lam_P[i]).toBeCloseTo(angles!.lam_P[i]!, 6);
    expect(ptdf!.objective).toBeCloseTo(angles!.objective, 6);
  });

  it('an angle-difference limit binds like a rating', async () => {
    const net = twoBus({ load: 100 });
    // θ1 − θ2 = 0.1 · Pf / 100 rad; 2° = 0.0349 rad allows 34.9 MW
    net.branches[0] = { ...net.branches[0]!, angmin: -2, angmax: 2 };
    for (const r of await both(net)) {
      expect(r.success).toBe(true);
      expect(r.Va[0]! - r.Va[1]!).toBeCloseTo(2, 6);
      expect(r.Pf[0]).toBeCloseTo(((2 * Math.PI) / 180 / 0.1) * 100, 6);
      expect(r.lam_P[1]).toBeCloseTo(30, 6);
    }
  });

  it('an angle limit of 0 on one side is a limit; 0 on both is none (makeAang)', async () => {
    const net = twoBus({ load: 100 });
    net.branches[0] = { ...net.branches[0]!, angmin: 0, angmax: 0 };
    expect((await runDcOpf(net)).Pf[0]).toBeCloseTo(100, 6);
    net.branches[0] = { ...net.branches[0]!, angmin: 0, angmax: 30 };
    // θ1 − θ2 ≥ 0: the flow may not turn round, which it does not want to here
    expect((await runDcOpf(net)).Pf[0]).toBeCloseTo(100, 6);
    net.branches[0] = { ...net.branches[0]!, angmin: -30, angmax: 0 };
    const r = await runDcOpf(net);
    expect(r.Pf[0]).toBeCloseTo(0, 6);
    expect(r.Pg[1]).toBeCloseTo(100, 6);
  });

  it('falls back to the B-θ model when B cannot be factored', async () => {
    // two parallel lines of x = ±0.1 cancel: no power can pass, bus 2 must serve itself
    const net = twoBus({ load: 50 });
    net.branches.push(testBranch('2', '1', '2', { x: -0.1 }));
    const r = await runDcOpf(net);
    expect(r.success, r.reason).toBe(true);
    expect(r.method).toMatch(/^angles \(after singular DC matrix/);
    expect(r.Pg[1]).toBeCloseTo(50, 6);
    expect(r.lam_P[1]).toBeCloseTo(30, 6);
  });

  it('a time limit ends the solve as a result', async () => {
    const r = await runDcOpf(twoBus(), { timeLimitMs: 0 });
    expect(r).toMatchObject({
      success: false,
      status: 'time-limit',
      reason: 'not solved: time limit reached',
    });
  });

  it('refuses bad cost data with a typed error naming the row', async () => {
    const net = twoBus();
    net.gencost = [poly(-1, 10), poly(0, 30)];
    await expect(runDcOpf(net)).rejects.toThrow(/gencost row 1: quadratic coefficient -1 < 0/);
    net.gencost = [poly(0, 10)];
    await expect(runDcOpf(net)).rejects.toThrow(
      /needs a gencost row for each of the 2 generators; the case has 1/,
    );
  });
});
