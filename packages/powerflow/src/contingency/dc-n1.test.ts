// DC N-1 against MATPOWER's dense PTDF/LODF screening (../shared/matpower/ref/*.n1dc.json),
// and against direct re-solves with the branch removed.
import { expect, it } from 'vitest';
import { buildPfCase } from '../model/pf-case.ts';
import { prepareDcSystem, runDcPowerFlow } from '../dc/run-dc.ts';
import {
  casesWithReference,
  loadReference,
  loadSharedCase,
  describeOnCases,
} from '../test-support/shared-cases.ts';
import { runDcN1 } from './dc-n1.ts';
import { createAngleBlockSolver, LANES, type AngleBlockSolver } from './dc-n1-angles.ts';

interface N1Reference {
  n_branch_in_service: number;
  n_bridges_excluded: number;
  bridge_branches: number[];
  n_contingencies: number;
  n_monitored_rate_a_gt_0: number;
  n_base_case_overloads: number;
  n_overloaded_pairs: number;
  n_overloaded_pairs_gt_100_0001pct: number;
  n_overloaded_pairs_on_branches_not_overloaded_in_base_case: number;
  top20_loading: {
    contingency_branch: number;
    monitored_branch: number;
    post_flow_MW: number;
    loading_pct: number;
  }[];
}

const cases = casesWithReference('n1dc');

describeOnCases('DC N-1 matches MATPOWER', () => {
  it('finds the four references', () => expect(cases).toHaveLength(4));

  it.each(cases)('%s', (name) => {
    const ref = loadReference<N1Reference>(name, 'n1dc');
    const r = runDcN1(loadSharedCase(name), { batchSize: 7 });
    expect(r.nBranchInService).toBe(ref.n_branch_in_service);
    expect(r.bridges.map((l) => l + 1)).toEqual(ref.bridge_branches);
    expect(r.bridges.length).toBe(ref.n_bridges_excluded);
    expect(r.contingencies.length).toBe(ref.n_contingencies);
    expect(r.nMonitored).toBe(ref.n_monitored_rate_a_gt_0);
    expect(r.nBaseOverloads).toBe(ref.n_base_case_overloads);
    expect(r.nOverloadedPairsAbove100_0001).toBe(ref.n_overloaded_pairs_gt_100_0001pct);
    // Pairs at exactly 100 % (case30) are decided by rounding: allow them either way.
    const atLimit = ref.top20_loading.filter((p) => Math.abs(p.loading_pct - 100) < 1e-9).length;
    expect(Math.abs(r.nOverloadedPairs - ref.n_overloaded_pairs)).toBeLessThanOrEqual(atLimit);
    expect(r.top.length).toBe(ref.top20_loading.length);
    r.top.forEach((p, i) => {
      expect(p.loadingPct).toBeCloseTo(ref.top20_loading[i]!.loading_pct, 6);
      // the reference's pair at i, or one tied with it: MATPOWER orders ties by rounding noise
      const q = ref.top20_loading.find(
        (x) => x.contingency_branch === p.contingency + 1 && x.monitored_branch === p.monitored + 1,
      );
      expect(q).toBeDefined();
      expect(p.loadingPct).toBeCloseTo(q!.loading_pct, 6);
      expect(p.postFlow).toBeCloseTo(q!.post_flow_MW, 6);
    });
    // the same pairs, as a set (order among equal loadings may differ)
    const key = (c: number, m: number): string => `${c}-${m}`;
    expect(new Set(r.top.map((p) => key(p.contingency + 1, p.monitored + 1)))).toEqual(
      new Set(ref.top20_loading.map((p) => key(p.contingency_branch, p.monitored_branch))),
    );
  });

  it('agrees with direct DC re-solves with the branch removed (case_ACTIVSg2000)', () => {
    const net = loadSharedCase('case_ACTIVSg2000');
    const r = runDcN1(net, { collectOverloads: true });
    expect(r.overloads).toHaveLength(r.nOverloadedPairs);
    for (const pair of r.overloads!.slice(0, 3)) {
      const outaged = structuredClone(net);
      outaged.branches[pair.contingency]!.inService = false;
      const direct = runDcPowerFlow(buildPfCase(outaged));
      expect(direct.Pf[pair.monitored]).toBeCloseTo(pair.postFlow, 6);
    }
  });

  it('solves angle blocks alike with L D Lᵀ (sparse forward) and with the LU fallback', () => {
    const pf = buildPfCase(loadSharedCase('case300'));
    const system = prepareDcSystem(pf);
    expect(system.ldl).not.toBeNull();
    const sparse = createAngleBlockSolver(system);
    const dense = createAngleBlockSolver({ ...system, ldl: null });
    const n = system.pvpq.length;
    const from = new Int32Array(LANES);
    const to = new Int32Array(LANES);
    for (const [first, count] of [
      [0, 4],
      [100, 4],
      [405, 3],
    ] as const) {
      for (let c = 0; c < count; c++) {
        from[c] = pf.from[first + c]!;
        to[c] = pf.to[first + c]!;
      }
      const slots = (s: AngleBlockSolver, ends: Int32Array): Int32Array =>
        Int32Array.from(ends, (bus) => s.busSlot[bus]!);
      sparse.solve(slots(sparse, from), slots(sparse, to), count);
      dense.solve(slots(dense, from), slots(dense, to), count);
      let diff = 0;
      let size = 0;
      for (let bus = 0; bus < pf.nBus; bus++) {
        for (let c = 0; c < count; c++) {
          const a = sparse.w[LANES * sparse.busSlot[bus]! + c]!;
          diff = Math.max(diff, Math.abs(a - dense.w[LANES * dense.busSlot[bus]! + c]!));
          size = Math.max(size, Math.abs(a));
        }
      }
      expect(size).toBeGreaterThan(0);
      expect(diff / size).toBeLessThan(1e-12);
      // the reference slot stays 0
      for (let c = 0; c < LANES; c++) expect(sparse.w[LANES * n + c]).toBe(0);
    }
  });
});
