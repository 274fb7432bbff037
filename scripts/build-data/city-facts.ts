// Sourced figures that place demand and plants in the capital cities, one owner for each.
// Every figure carries its source: a row of ../shared/data/power-system-facts/facts.csv or a
// public URL (primary sources: statistics offices, TSOs, cities, utilities). data/README.md
// lists them; docs/validation.md compares the model with them.

export interface SourcedFigure {
  value: number;
  unit: string;
  year: string;
  source: string;
}

export const FIGURES = {
  finlandConsumption2015: {
    value: 82_500,
    unit: 'GWh',
    year: '2015',
    source:
      'Statistics Finland, Energy supply and consumption 2015 Q4 (https://www.stat.fi/til/ehk/2015/04/ehk_2015_04_2016-03-23_tie_001_en.html): electricity consumption 82.5 TWh',
  },
  finlandManufacturing: {
    value: 40_000,
    unit: 'GWh',
    year: '2014',
    source:
      'Statistics Finland, Energy use in manufacturing 2014 (http://www.stat.fi/til/tene/2014/tene_2014_2015-11-05_tie_001_en.html): manufacturing used ≈40 TWh of electricity, about one half of the total',
  },
  forestIndustryShareOfManufacturing: {
    value: 0.48,
    unit: 'share',
    year: '2014',
    source:
      'Statistics Finland, Energy use in manufacturing 2014 (same release): forest industry 48 %, chemical 22 %, basic metal 15 % of manufacturing electricity',
  },
  helsinkiConsumption: {
    value: 4_520,
    unit: 'GWh',
    year: '2014',
    source: 'facts D03 (Helen, city electricity consumption 2014)',
  },
  helsinkiPeak: {
    value: 817,
    unit: 'MW',
    year: '2014',
    source: 'facts D04 (Helen Sähköverkko distribution area, 14 Jan 2014)',
  },
  helsinkiPeak2013: {
    value: 799,
    unit: 'MW',
    year: '2013',
    source: 'facts D02 (Helen Sähköverkko distribution area, 18 Jan 2013)',
  },
  tallinnConsumption: {
    value: 1_994,
    unit: 'GWh',
    year: '2007',
    source:
      'Tallinn Energy Agency, "Elekter Tallinnas" (https://www.tallinn.ee/energiaagentuur/Elekter-Tallinnas): electricity sold in Tallinn 1,994 GWh in 2007',
  },
  tallinnPeak: {
    value: 442,
    unit: 'MVA',
    year: '2007',
    source:
      'Tallinn Energy Agency, "Elekter Tallinnas" (same page): maximum load 442 MVA, minimum 118 MVA in 2007',
  },
  espooConsumption: {
    value: 2_100,
    unit: 'GWh',
    year: '2021',
    source:
      'Caruna (https://caruna.fi/ajankohtaista/espoo-kulkee-energiamurroksen-eturintamassa): Espoo used 2.1 TWh, peak 470 MW',
  },
  espooPeak: {
    value: 470,
    unit: 'MW',
    year: '2021',
    source: 'Caruna (same page)',
  },
} satisfies Record<string, SourcedFigure>;

/** A city-side 110 kV substation of the model: a real named substation (Tallinn, from OSM) or
 *  a documented equivalent at a plant site (Helsinki, whose 110 kV substations are in no
 *  public data here). Coordinates of plant sites are read off the OpenStreetMap map (≈100 m). */
export interface CitySite {
  key: string;
  name: string;
  lon: number;
  lat: number;
  /** why this site exists in the model */
  basis: string;
  /** GridKit generator ids connected here (moved from the schematic 400 kV bus) */
  units: string[];
}

/** Helsinki: Helen's CHP plant sites (facts D05: CHP at Hanasaari, Salmisaari and Vuosaari)
 *  and one equivalent for the northern districts, which are far from all three. */
export const HELSINKI_SITES: CitySite[] = [
  {
    key: 'HEL-W',
    name: 'Salmisaari 110 kV (equivalent)',
    lon: 24.9085,
    lat: 60.1627,
    basis: 'Helen CHP site (facts D05), Ruoholahti',
    units: ['G2274', 'G2275'],
  },
  {
    key: 'HEL-C',
    name: 'Hanasaari 110 kV (equivalent)',
    lon: 24.9685,
    lat: 60.181,
    basis: 'Helen CHP site (facts D05), Sörnäinen',
    units: ['G2270'],
  },
  {
    key: 'HEL-E',
    name: 'Vuosaari 110 kV (equivalent)',
    lon: 25.145,
    lat: 60.2065,
    basis: 'Helen CHP site (facts D05), Vuosaari',
    units: ['G2282'],
  },
  {
    key: 'HEL-N',
    name: 'Helsinki north 110 kV (equivalent)',
    lon: 25.0,
    lat: 60.25,
    basis: 'equivalent for the northern districts (Malmi, Pakila, Oulunkylä)',
    units: [],
  },
];

/** Tallinn: the city is supplied through Elering's 110 kV substations; Iru (the CHP) is
 *  listed by the Tallinn Energy Agency among the substations outside the city that feed it. */
export const TALLINN_EDGE_SUBSTATIONS = ['Iru alajaam'];
export const TALLINN_UNITS: Record<string, string[]> = { 'Iru alajaam': ['G2278'] };

/** A backbone substation that feeds a city's 110 kV network: its model bus and its real
 *  position (the GridKit map is schematic), with the source of both. */
export interface SupplyPoint {
  bus: string;
  name: string;
  lon: number;
  lat: number;
  source: string;
}

const FINGRID_CAPITAL =
  'Fingrid 2015 (https://fingrid.fi/en/news/news/2015/fingrid-makes-significant-investment-to-ensure-supply-of-electricity-in-the-capital-region-): Helsinki and Vantaa are supplied through the Länsisalmi and Tammisto transformer substations';
const TALLINN_SUPPLY =
  'Tallinn Energy Agency, "Elekter Tallinnas": Tallinn is supplied from the Harku and Kiisa 330 kV and Aruküla nodes';

/** The supply substations of each city's 110 kV network. */
export const SUPPLY_POINTS: Record<string, SupplyPoint[]> = {
  Helsinki: [
    {
      bus: 'FI:6552',
      name: 'Tammisto',
      lon: 24.97125,
      lat: 60.28823,
      source: `${FINGRID_CAPITAL}; position OSM vertex 37160`,
    },
    // GridKit names this schematic 400 kV bus after the plants it drew beside it
    {
      bus: 'FI:6554',
      name: 'Länsisalmi',
      lon: 25.1194,
      lat: 60.25927,
      source: `${FINGRID_CAPITAL}; position OSM vertex 400756`,
    },
  ],
  Tallinn: [
    {
      bus: 'EE:6560',
      name: 'Harku',
      lon: 24.55944,
      lat: 59.38382,
      source: `${TALLINN_SUPPLY}; position OSM substation 34968224`,
    },
    {
      bus: 'EE:6564',
      name: 'Kiisa',
      lon: 24.69986,
      lat: 59.24347,
      source: `${TALLINN_SUPPLY}; position OSM substation 34935436`,
    },
    {
      bus: 'EE:6565',
      name: 'Aruküla',
      lon: 25.04187,
      lat: 59.36072,
      source: `${TALLINN_SUPPLY}; position OSM substation 204914596`,
    },
  ],
};

/** Units moved from a schematic 400 kV bus to the 110 kV side of a supply substation:
 *  Suomenoja (Espoo, fed by the Espoo substation) and Martinlaakso (Vantaa). */
export const SUPPLY_SIDE_UNITS: Record<
  string,
  { bus: string; name: string; lon: number; lat: number; source: string }
> = {
  G2273: {
    bus: 'FI:6556',
    name: 'Espoo',
    lon: 24.65607,
    lat: 60.20639,
    source:
      'Fortum Suomenoja CHP, Espoo; Espoo substation feeds Espoo (Fingrid 2015, https://www.fingrid.fi/en/news/news/2015/fingrid-continues-to-secure-the-electricity-supply-of-the-capital-region-by-developing-the-espoo-substation/); GridKit position',
  },
  G2269: {
    bus: 'FI:6552',
    name: 'Tammisto',
    lon: 24.97125,
    lat: 60.28823,
    source: `Vantaan Energia Martinlaakso CHP, Vantaa; ${FINGRID_CAPITAL}`,
  },
};

/** Units out of service although the 2015 source lists them, with the source. */
export const RETIRED_UNITS: Record<string, string> = {
  G2270:
    'Hanasaari coal CHP closed on 1 April 2023 (Helen, https://helen.fi/en/about-us/energy/vuosaari-bioenergy-heating-plant)',
};

/** CHP units, heat-led in the heating season: Helen's Salmisaari, Hanasaari, Vuosaari (facts
 *  D05), Suomenoja (Fortum, gas CHP, https://www.nsenergybusiness.com/news/newsfortum_to_build_e220_million_finnish_power_plant/),
 *  Martinlaakso (Vantaan Energia, https://www.vantaanenergia.fi/ykv/ykv-2019/tehokas-yhteistuotanto/),
 *  Iru (Enefit gas CHP, facts C37 source). */
export const CHP_UNITS = ['G2274', 'G2270', 'G2282', 'G2273', 'G2269', 'G2278'];

/** Reserve plants: outside the market, started by the TSO only when the market cannot cover
 *  demand (peak-load reserve) or after a disturbance (disturbance and emergency reserve). */
export const RESERVE_UNITS: Record<
  string,
  { kind: 'peak-load' | 'disturbance' | 'emergency'; source: string }
> = {
  G2275: {
    kind: 'disturbance',
    source:
      'Kellosaari 120 MW stand-by plant, Ruoholahti, Fingrid disturbance reserve (https://www.helen.fi/en/about-us/energy/energy-production/power-plants/kellosaari-stand-by-power-plant)',
  },
  G2277: {
    kind: 'emergency',
    source: 'facts B18: Elering emergency reserve plants at Kiisa, 250 MW, full output < 10 min',
  },
};

/** Peak-load reserve plants by GridKit unit name, 2015–2017 period (Fingrid 2015,
 *  https://www.fingrid.fi/ajankohtaista/tiedotteet/2015/tehoreservin-yllapidossa-siirrytaan-talvikauteen-1.12.2015-alkaen/:
 *  Naistenlahti 1 129 MW and Haapavesi 160 MW, 299 MW with 10 MW demand response). */
export const PEAK_LOAD_RESERVE_NAMES = ['Naistenlahti', 'Haapavesi'];
