// Documented parameters of the aggregate frequency model for each synchronous area, and the
// under-frequency load-shedding (UFLS) plans. Each value names its source: a row of
// ../shared/data/power-system-facts/facts.csv (e.g. A04) or, where no row exists, the
// regulation or an explicit ASSUMPTION. Scenarios override any of them (options.frequency).

export interface AreaModel {
  /** Hz */
  nominalHz: number;
  /** GWs of rotating kinetic energy in the whole synchronous area */
  kineticEnergyGWs: number;
  /** MW of load in the whole synchronous area (damping and UFLS volumes) */
  areaLoadMW: number;
  /** % of load per Hz of frequency change (load self-regulation) */
  loadDampingPctPerHz: number;
  /** Hz, half-width of the standard frequency range */
  standardBandHz: number;
  /** normal-operation reserve (FCR-N): MW, Hz for full activation, s time constant */
  fcrNormal: { MW: number; fullAtHz: number; timeConstantS: number };
  /** disturbance reserve: MW up and down, deviation where it starts and where it is full */
  fcrDisturbance: {
    upMW: number;
    downMW: number;
    startHz: number;
    fullHz: number;
    timeConstantS: number;
  };
  /** s, time constant of frequency restoration (aFRR + mFRR taking over from FCR) */
  restorationTimeS: number;
  /** MW, the most restoration can give each way (a sub-island: its units' headroom); none when absent */
  restorationMaxMW?: { up: number; down: number };
  /** fast frequency reserve (Nordic FFR), absent where the area has none */
  ffr?: FfrModel;
  /** under-frequency load-shedding stages, in falling frequency order */
  ufls: { frequencyHz: number; shedPct: number }[];
}

/** Nordic fast frequency reserve: full activation within fullS of frequency crossing the
 *  threshold, held supportS, then withdrawn at rampDownPctPerS. */
export interface FfrModel {
  MW: number;
  /** Hz below nominal at which it activates */
  thresholdHz: number;
  fullS: number;
  supportS: number;
  rampDownPctPerS: number;
}

/** Hz: below it (or above the second) the synchronous units of an island leave the system
 *  (Regulation (EU) 2016/631, RfG, art. 13 table 2, and 2016/1388 annex I, Nordic: 47.5–48.5 Hz
 *  for 30 min, 51.0–51.5 Hz for 30 min; no obligation to stay connected outside) */
export const COLLAPSE_BELOW_HZ = 47.5;
export const COLLAPSE_ABOVE_HZ = 51.5;

/** B07: 49.0 / 48.8 / 48.6 / 48.4 Hz, about 12.5 % each (the Continental Europe plan) */
const FOUR_STAGE_UFLS: AreaModel['ufls'] = [
  { frequencyHz: 49.0, shedPct: 12.5 },
  { frequencyHz: 48.8, shedPct: 12.5 },
  { frequencyHz: 48.6, shedPct: 12.5 },
  { frequencyHz: 48.4, shedPct: 12.5 },
];

export const AREA_DEFAULTS: Record<string, AreaModel> = {
  nordic: {
    nominalHz: 50, // A01
    // A23: typical 120–280 GWs; the middle of the range
    kineticEnergyGWs: 200,
    // ASSUMPTION: Nordic (FI, SE, NO, East DK) load of a typical winter hour
    areaLoadMW: 50_000,
    // ASSUMPTION: 1 %/Hz, a common planning value for load self-regulation
    loadDampingPctPerHz: 1,
    standardBandHz: 0.1, // A02: 49.9–50.1 Hz
    // A03: FCR-N 600 MW, full at ±0.1 Hz; A08: full within 180 s → time constant 60 s
    fcrNormal: { MW: 600, fullAtHz: 0.1, timeConstantS: 60 },
    // A04/A05: FCR-D 1450 MW up, 1400 MW down; A09: linear 49.9 → 49.5 Hz (deviation 0.1 → 0.5),
    // 50 % in 5 s → first-order time constant 5 / ln 2 = 7.2 s
    fcrDisturbance: { upMW: 1450, downMW: 1400, startHz: 0.1, fullHz: 0.5, timeConstantS: 7.2 },
    // A34: aFRR full activation 300 s; restoration modelled as one lag of that time constant
    restorationTimeS: 300,
    // A17 (option 1: 49.7 Hz, full within 1.3 s), A20 (5 s support, withdrawn at ≤ 20 %/s).
    // Volume: ASSUMPTION 300 MW Nordic — no total is published (A22: Fingrid buys 20 % of it;
    // Svenska kraftnät's share is about 100 MW); procured in low-inertia hours only (A16), so
    // a scenario sets kineticEnergyGWs and ffrMW together for such an hour
    ffr: { MW: 0, thresholdHz: 0.3, fullS: 1.3, supportS: 5, rampDownPctPerS: 20 },
    // ASSUMPTION after NC ER (Regulation (EU) 2017/2196) Annex, Nordic column: start at
    // 48.85 Hz, final 48.0 Hz, 5–10 % steps; stages of 10 % at 48.85 / 48.65 / 48.45 / 48.25 Hz
    ufls: [
      { frequencyHz: 48.85, shedPct: 10 },
      { frequencyHz: 48.65, shedPct: 10 },
      { frequencyHz: 48.45, shedPct: 10 },
      { frequencyHz: 48.25, shedPct: 10 },
    ],
  },
  continental: {
    nominalHz: 50,
    // ASSUMPTION: Continental Europe ~300 GW load × inertia constant ~5 s (no fact row: B10
    // says no GWs figure was found)
    kineticEnergyGWs: 1500,
    // ASSUMPTION: Continental Europe load of a typical winter hour
    areaLoadMW: 300_000,
    loadDampingPctPerHz: 1,
    // SO GL Annex III: standard frequency range ±50 mHz in Continental Europe
    standardBandHz: 0.05,
    // Continental Europe has a single FCR product: B01 3000 MW, B03 full at 200 mHz, B02 30 s
    // (time constant 10 s: 95 % in three time constants); no separate normal-operation reserve
    fcrNormal: { MW: 0, fullAtHz: 0.2, timeConstantS: 10 },
    fcrDisturbance: { upMW: 3000, downMW: 3000, startHz: 0.01, fullHz: 0.2, timeConstantS: 10 },
    restorationTimeS: 300,
    ufls: FOUR_STAGE_UFLS,
  },
  'ips-ups': {
    nominalHz: 50,
    // ASSUMPTION: IPS/UPS (Russia, Belarus, Baltics before 2025-02-08) of the order of
    // Continental Europe's size; only its stiffness matters for the Baltic side of an incident
    kineticEnergyGWs: 1000,
    areaLoadMW: 150_000,
    loadDampingPctPerHz: 1,
    standardBandHz: 0.05,
    fcrNormal: { MW: 0, fullAtHz: 0.2, timeConstantS: 10 },
    // ASSUMPTION: primary reserve of the same order as Continental Europe's reference incident
    fcrDisturbance: { upMW: 2000, downMW: 2000, startHz: 0.02, fullHz: 0.2, timeConstantS: 10 },
    restorationTimeS: 300,
    // ASSUMPTION: the same four-stage plan as Continental Europe
    ufls: FOUR_STAGE_UFLS,
  },
};

/** Deviation that marks an area as far outside normal (ICS scale 1): full FCR activation. */
export const FULL_FCR_DEVIATION_HZ: Record<string, number> = {
  nordic: 0.5, // A14
  continental: 0.2, // B03
  'ips-ups': 0.2,
};

/** MW per °C of temperature fall, per country. */
export const TEMPERATURE_SENSITIVITY_MW_PER_C: Record<string, number> = {
  FI: 150, // A37 (Fingrid estimate)
  // ASSUMPTION: Finland's sensitivity scaled by peak demand (C29 1,599 MW vs C11 15,100 MW)
  EE: 16,
};

/** Population per country, for people-affected estimates outside the city layer. */
export const COUNTRY_POPULATION: Record<string, { people: number; source: string }> = {
  EE: { people: 1_400_000, source: 'facts.csv C39' },
  FI: {
    people: 5_600_000,
    source: 'Statistics Finland, population 2024 (https://stat.fi/en/topic/population)',
  },
};
