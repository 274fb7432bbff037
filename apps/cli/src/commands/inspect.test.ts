// finest inspect: the summary counts countries, islands, interconnectors, capacity and demand.
import { describe, expect, it } from 'vitest';
import type { Network } from '@finest/grid';
import { summariseNetwork } from './inspect.ts';

const bus = (id: string, country: string, type: 'PQ' | 'REF' = 'PQ', Pd = 0) => ({
  id,
  type,
  Pd,
  Qd: 0,
  Gs: 0,
  Bs: 0,
  area: country === 'FI' ? 'nordic' : 'continental',
  zone: 1,
  Vm: 1,
  Va: 0,
  baseKV: 400,
  Vmax: 1.1,
  Vmin: 0.9,
  country,
});

const network: Network = {
  formatVersion: 1,
  name: 'two-countries',
  baseMVA: 100,
  buses: [
    bus('FI:1', 'FI', 'REF'),
    bus('FI:2', 'FI', 'PQ', 900),
    bus('EE:1', 'EE', 'REF', 300),
    bus('LV:1', 'LV'),
  ],
  branches: [
    {
      id: 'l1',
      from: 'FI:1',
      to: 'FI:2',
      kind: 'line',
      r: 0.001,
      x: 0.01,
      b: 0,
      rateA: 1000,
      rateB: 0,
      rateC: 0,
      tap: 0,
      shift: 0,
      inService: true,
      angmin: -360,
      angmax: 360,
    },
    {
      id: 'l2',
      name: 'EE–LV tie',
      from: 'EE:1',
      to: 'LV:1',
      kind: 'line',
      r: 0.001,
      x: 0.01,
      b: 0,
      rateA: 1000,
      rateB: 0,
      rateC: 0,
      tap: 0,
      shift: 0,
      inService: true,
      angmin: -360,
      angmax: 360,
    },
  ],
  generators: [
    {
      id: 'g1',
      bus: 'FI:1',
      Pg: 0,
      Qg: 0,
      Qmax: 0,
      Qmin: 0,
      Vg: 1,
      mBase: 100,
      inService: true,
      Pmax: 1600,
      Pmin: 0,
      technology: 'nuclear',
    },
    {
      id: 'g2',
      bus: 'EE:1',
      Pg: 0,
      Qg: 0,
      Qmax: 0,
      Qmin: 0,
      Vg: 1,
      mBase: 100,
      inService: true,
      Pmax: 200,
      Pmin: 0,
      technology: 'wind',
    },
  ],
  hvdcLinks: [
    {
      id: 'el2',
      name: 'Estlink 2',
      from: 'FI:2',
      to: 'EE:1',
      inService: true,
      P: 650,
      Pmin: -650,
      Pmax: 650,
      lossFixed: 0,
      lossFactor: 0,
      Vf: 0,
      Vt: 0,
      Qminf: 0,
      Qmaxf: 0,
      Qmint: 0,
      Qmaxt: 0,
    },
  ],
  areas: [
    { id: 'nordic', name: 'Nordic' },
    { id: 'continental', name: 'Continental' },
  ],
  countries: [],
  datasets: [],
};

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
