// finest inspect: the summary counts countries, islands, interconnectors, capacity and demand.
import { describe, expect, it } from 'vitest';
import type { Network } from '@finest/grid';
import {
  testBranch,
  testBus,
  testGenerator,
  testHvdcLink,
  testNetwork,
} from '@finest/grid/testing';
import { summariseCities, summariseNetwork } from './inspect.ts';

const bus = (id: string, country: string, type: 'PQ' | 'REF' = 'PQ', Pd = 0) =>
  testBus(id, {
    type,
    Pd,
    country,
    baseKV: 400,
    area: country === 'FI' ? 'nordic' : 'continental',
  });

const network: Network = testNetwork({
  name: 'two-countries',
  buses: [
    bus('FI:1', 'FI', 'REF'),
    bus('FI:2', 'FI', 'PQ', 900),
    bus('EE:1', 'EE', 'REF', 300),
    bus('LV:1', 'LV'),
  ],
  branches: [
    testBranch('l1', 'FI:1', 'FI:2', { r: 0.001, x: 0.01, rateA: 1000 }),
    testBranch('l2', 'EE:1', 'LV:1', { name: 'EE–LV tie', r: 0.001, x: 0.01, rateA: 1000 }),
  ],
  generators: [
    testGenerator('g1', 'FI:1', { Qmax: 0, Qmin: 0, Pmax: 1600, technology: 'nuclear' }),
    testGenerator('g2', 'EE:1', { Qmax: 0, Qmin: 0, Pmax: 200, technology: 'wind' }),
  ],
  hvdcLinks: [
    testHvdcLink('el2', 'FI:2', 'EE:1', { name: 'Estlink 2', P: 650, Pmin: -650, Pmax: 650 }),
  ],
  areas: [
    { id: 'nordic', name: 'Nordic' },
    { id: 'continental', name: 'Continental' },
  ],
});

describe('summariseNetwork', () => {
  it('counts by country, finds the AC islands and the interconnectors', () => {
    const s = summariseNetwork(network);
    expect(s.busesByCountry).toEqual({ FI: 2, EE: 1, LV: 1 });
    expect(s.islands).toEqual([
      { buses: 2, hasReference: true, hasGeneration: true, demandMW: 900 },
      { buses: 2, hasReference: true, hasGeneration: true, demandMW: 300 },
    ]);
    expect(s.interconnectors.hvdc).toEqual([
      {
        id: 'el2',
        name: 'Estlink 2',
        countries: 'FI–EE',
        inService: true,
        PmaxMW: 650,
        scheduleMW: 650,
      },
    ]);
    expect(s.interconnectors.acCrossBorder.map((b) => b.countries)).toEqual(['EE–LV']);
    expect(s.capacityMW).toEqual({
      total: 1800,
      byCountry: { FI: 1600, EE: 200 },
      byTechnology: { nuclear: 1600, wind: 200 },
    });
    expect(s.demandMW.byCountry).toEqual({ FI: 900, EE: 300, LV: 0 });
  });
});

describe('finest inspect on a snapshot: cities', () => {
  it("reports each city's load, people and feeding substations, and leaves out cities not in the network", () => {
    const cities = [
      {
        name: 'Capital',
        country: 'FI',
        districts: [
          { id: 'A', name: 'A', population: 100, substations: ['FI:2'] },
          { id: 'B', name: 'B', population: 50, substations: ['FI:2'] },
        ],
      },
      {
        name: 'Elsewhere',
        country: 'EE',
        districts: [{ id: 'C', name: 'C', population: 9, substations: ['EE:9'] }],
      },
    ];
    expect(summariseCities(network, cities)).toEqual([
      {
        name: 'Capital',
        country: 'FI',
        loadMW: 900,
        population: 150,
        areas: 2,
        substations: [{ id: 'FI:2', name: 'FI:2', loadMW: 900 }],
      },
    ]);
  });
});
