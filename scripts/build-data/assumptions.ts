// Every modelling assumption of the FI–EE network build in one place, each with its source,
// so data/README.md can list them and a change is one edit. Units in the names.

/** Per-km parameters of PyPSA's standard overhead line types (pypsa/data/standard_types/
 *  line_types.csv, after Oeding & Oswald 2011 and pandapower), chosen per GridKit voltage
 *  class as PyPSA-Eur's config.default.yaml `lines.types` does. */
export const LINE_TYPES: Record<
  number,
  {
    type: string;
    nominalKV: number;
    rOhmPerKm: number;
    xOhmPerKm: number;
    cNfPerKm: number;
    iNomKA: number;
  }
> = {
  132: {
    type: '243-AL1/39-ST1A 110.0',
    nominalKV: 110,
    rOhmPerKm: 0.1188,
    xOhmPerKm: 0.39,
    cNfPerKm: 9,
    iNomKA: 0.645,
  },
  220: {
    type: 'Al/St 240/40 2-bundle 220.0',
    nominalKV: 220,
    rOhmPerKm: 0.06,
    xOhmPerKm: 0.301,
    cNfPerKm: 12.5,
    iNomKA: 1.29,
  },
  300: {
    type: 'Al/St 240/40 3-bundle 300.0',
    nominalKV: 330,
    rOhmPerKm: 0.04,
    xOhmPerKm: 0.265,
    cNfPerKm: 13.2,
    iNomKA: 1.935,
  },
  380: {
    type: 'Al/St 240/40 4-bundle 380.0',
    nominalKV: 400,
    rOhmPerKm: 0.03,
    xOhmPerKm: 0.246,
    cNfPerKm: 13.8,
    iNomKA: 2.58,
  },
};

export const ASSUMPTIONS = {
  baseMVA: 100,
  /** Hz */
  frequency: 50,
  /** map lengths are schematic; PyPSA-Eur's length_factor lengthens them to routes */
  lengthFactor: 1.25,
  /** transformers: PyPSA-Eur defaults x = 0.1 pu on 2,000 MVA, r = 0 */
  transformerXpuOwnBase: 0.1,
  transformerMVA: 2000,
  /** a DC bus without AC lines is attached to its nearest AC bus by a converter of this size */
  converterMVA: 2000,
  /** generic voltage limits (pu) until per-voltage operating ranges are sourced */
  Vmin: 0.9,
  Vmax: 1.1,
  /** transfer limit of a border without a sourced limit, as a share of its ties' thermal rating
   *  (PyPSA-Eur's s_max_pu) */
  unsourcedBorderShareOfThermal: 0.7,
  /** reactive capability of a unit as a fraction of its Pmax (power factor ≈ 0.9) */
  qFractionOfPmax: 0.5,
};

/** HVDC links by GridKit link id; capacities from ../shared/data/power-system-facts (row ids). */
export const HVDC_LINKS: Record<string, { name: string; capacityMW: number; source: string }> = {
  '14807': {
    name: 'Estlink 1',
    capacityMW: 350,
    source: 'facts C21 (PyPSA-Eur parameter_corrections.yaml wrongly sets 600 MW, see SOURCE.md)',
  },
  '14816': { name: 'Estlink 2', capacityMW: 650, source: 'facts C22' },
  '14817': { name: 'Fenno-Skan 1', capacityMW: 500, source: 'facts C18' },
  '14818': { name: 'Fenno-Skan 2', capacityMW: 800, source: 'facts C19' },
  '14812': {
    name: 'Åland link',
    capacityMW: 100,
    source:
      'UNSOURCED estimate (public descriptions of the 2015 link); no row in power-system-facts yet',
  },
};

/** Synchronous areas: the current arrangement (since 2025-02-09). */
export const AREA_OF_COUNTRY: Record<string, string> = {
  FI: 'nordic',
  SE: 'nordic',
  NO: 'nordic',
  EE: 'continental',
  LV: 'continental',
  RU: 'ips-ups',
};

export const AREAS = [
  {
    id: 'nordic',
    name: 'Nordic synchronous area',
    kind: 'synchronous' as const,
    nominalFrequency: 50,
  },
  {
    id: 'continental',
    name: 'Continental Europe synchronous area',
    kind: 'synchronous' as const,
    nominalFrequency: 50,
  },
  { id: 'ips-ups', name: 'IPS/UPS (Russia)', kind: 'synchronous' as const, nominalFrequency: 50 },
];

export const COUNTRIES = [
  { code: 'FI', name: 'Finland' },
  { code: 'EE', name: 'Estonia' },
  { code: 'SE', name: 'Sweden' },
  { code: 'NO', name: 'Norway' },
  { code: 'LV', name: 'Latvia' },
  { code: 'RU', name: 'Russia' },
];

/**
 * External equivalents at the foreign ends of the ties, by bidding zone: import (Pmax) and export (−Pmin)
 * limits in MW, with the source; null = use the thermal rating of the ties (no sourced limit).
 */
export const EXTERNAL_LIMITS: Record<
  string,
  { importMW: number; exportMW: number; source: string } | null
> = {
  SE1: {
    importMW: 1200,
    exportMW: 1100,
    source: 'facts C17 (SE1→FI 1,200 MW / FI→SE1 1,100 MW AC, 2024)',
  },
  NO: null,
  LV: null,
  RU: null,
};

/** Russian ties are out of service: FI–RU trade stopped in May 2022, the Baltic states left
 *  BRELL on 2025-02-08 (facts B12). */
export const RUSSIAN_TIES_OUT_SINCE = { FI: '2022-05-14', EE: '2025-02-08' };

/** GridKit technology → the model's technology names. */
export const TECHNOLOGY: Record<string, string> = {
  Nuclear: 'nuclear',
  'Hydro run of river & pondage': 'hydro',
  'Hydro pure storage': 'hydro-storage',
  'Wind farm': 'wind',
  Biomass: 'biomass',
  'Brown coal/Lignite': 'coal',
  'Fossil gas': 'gas',
  'Fossil oil': 'oil',
  'Oil shale': 'oil-shale',
  'Mixed fuels': 'mixed',
};
