// N-k contingency sets: several elements fail together; stranded demand is lost load.
import { beforeAll, expect, it } from 'vitest';
import { ContingencySetSchema, type Network } from '@finest/grid';
import { describeOnCases, loadSharedCase } from '../test-support/shared-cases.ts';
import { solveOutageSet } from './outage-sets.ts';

describeOnCases('solveOutageSet', () => {
  // read in beforeAll, not while the tests are listed: without ../shared that would throw
  let net: Network;
  beforeAll(() => {
    net = loadSharedCase('case30');
  });
  const set = ContingencySetSchema.parse({
    formatVersion: 1,
    contingencies: [
      // branches 10 (6–8) and 40 (8–28) are the only ties of bus 8 (30 MW, no generation)
      {
        id: 'corridor',
        elements: [
          { type: 'branch', id: '10' },
          { type: 'branch', id: '40' },
        ],
      },
      { id: 'substation 26', elements: [{ type: 'bus', id: '26' }] },
      { id: 'unit 2', elements: [{ type: 'generator', id: '2' }] },
    ],
  });

  it.each(['dc', 'ac'] as const)(
    '%s: strands bus 8, loses a substation, survives a unit',
    (method) => {
      const [corridor, substation, unit] = solveOutageSet(net, set.contingencies, method);
      expect(corridor!.lostLoadMW).toBeCloseTo(30, 9);
      expect(corridor!.islands).toBe(2);
      expect(substation!.lostLoadMW).toBeCloseTo(3.5, 9);
      expect(unit!.lostLoadMW).toBe(0);
      for (const o of [corridor, substation, unit]) expect(o!.converged).toBe(true);
    },
  );

  it('names an unknown element', () => {
    expect(() =>
      solveOutageSet(net, [{ id: 'bad', elements: [{ type: 'hvdc', id: 'Estlink 9' }] }], 'dc'),
    ).toThrow(/contingency "bad": no hvdc with id "Estlink 9"/);
  });
});
