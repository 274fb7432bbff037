// How fast each kind of unit can move: ramp rate, start-up time, the response it gives within
// seconds (inertia and frequency containment), and its inertia constant. Each value names its
// source or is marked ASSUMPTION with the reason; data/README.md lists them. A unit's kind is
// its reserve role first (the plants kept for emergencies start fast by contract), then CHP,
// then its technology.
import type { Generator } from '@finest/grid';

export interface UnitDynamics {
  /** % of rated power per minute, up and down, once running */
  rampPctPerMin: number;
  /** s from a start order to synchronisation; a cold unit delivers nothing before */
  startupS: number;
  /** share of rated power a running unit adds or sheds within seconds (FCR, governor) */
  fastShare: number;
  /** s, inertia constant H on the unit's rating (kinetic energy = H × rating) */
  inertiaS: number;
  /** where the numbers come from */
  source: string;
}

const DECC =
  'Parsons Brinckerhoff for DECC, Technical assessment of the operation of coal & gas fired plants (2014), start-up table as given in the UK Parliament written answer of 17 Dec 2014 (https://www.gov.uk/government/publications/technical-assessment-of-the-operation-of-coal-gas-fired-plants)';
const KUNDUR_H =
  'H: textbook ranges after P. Kundur, Power System Stability and Control (1994), table 3.2 (thermal 2.5–10 s, hydro 2–4 s; not checked against the book here)';

/** a steam plant: DECC coal, warm start 300 min to synchronise, 50–100 min from there to full */
const STEAM: Omit<UnitDynamics, 'source'> = {
  rampPctPerMin: 100 / 75,
  startupS: 300 * 60,
  // ASSUMPTION: steam units hold a small governor margin for frequency containment
  fastShare: 0.03,
  inertiaS: 4,
};

export const UNIT_DYNAMICS: Record<string, UnitDynamics> = {
  nuclear: {
    // the lower end of the European Utility Requirements' 3–5 %/min: the Finnish units run
    // base load; after a trip a unit is not back for a day (reactor restart)
    rampPctPerMin: 3,
    startupS: 24 * 3600,
    // ASSUMPTION: the Finnish nuclear units are not FCR providers (Fingrid's FCR comes mainly
    // from hydro), so they give no fast response
    fastShare: 0,
    inertiaS: 6,
    source: `European Utility Requirements, load following 50–100 % at 3–5 %/min (World Nuclear Association, Nuclear Power Reactors, https://world-nuclear.org/information-library/nuclear-fuel-cycle/nuclear-power-reactors/nuclear-power-reactors.aspx); restart ≥ 24 h ASSUMPTION; ${KUNDUR_H}`,
  },
  hydro: {
    // "most hydroelectric turbines can go from cold start to full operations in less than 10
    // minutes": 5 min to synchronise, 5 min to full
    rampPctPerMin: 20,
    startupS: 5 * 60,
    // ASSUMPTION: Fingrid's FCR is mostly hydro, hence the larger fast share
    fastShare: 0.1,
    inertiaS: 3,
    source: `US EIA via Turbomachinery Magazine, "Quarter of U.S. power plants can start up within an hour" (https://www.turbomachinerymag.com/view/quarter-of-u-s-power-plants-can-start-up-within-hour); fast share ASSUMPTION; ${KUNDUR_H}`,
  },
  'hydro-storage': {
    rampPctPerMin: 20,
    startupS: 5 * 60,
    fastShare: 0.1,
    inertiaS: 3,
    source: 'as hydro (US EIA: cold start to full in under 10 minutes)',
  },
  coal: { ...STEAM, source: `${DECC} (coal, warm start); ${KUNDUR_H}` },
  oil: {
    ...STEAM,
    source: `ASSUMPTION: oil-fired condensing plants are steam plants, DECC coal values (${DECC}); ${KUNDUR_H}`,
  },
  biomass: {
    ...STEAM,
    source: `ASSUMPTION: biomass and CHP steam units as DECC coal (${DECC}); ${KUNDUR_H}`,
  },
  mixed: { ...STEAM, source: `ASSUMPTION: as DECC coal (${DECC})` },
  'oil-shale': {
    // Auvere (2026): start Wednesday, synchronised Thursday evening, "up to 48 hours" to stable
    // operation; ramp ASSUMPTION (solid-fuel boilers, slower than coal)
    rampPctPerMin: 1,
    startupS: 36 * 3600,
    fastShare: 0.03,
    inertiaS: 4,
    source: `Enefit Power on the Auvere restart, ERR News 2026-02 (https://news.err.ee/1609934195/auvere-oil-shale-power-plant-back-up-and-running); ramp 1 %/min ASSUMPTION; ${KUNDUR_H}`,
  },
  gas: {
    // existing CCGT, warm start: 15 min to synchronise, 80 min to full load
    rampPctPerMin: 100 / 80,
    startupS: 15 * 60,
    fastShare: 0.05,
    inertiaS: 5,
    source: `${DECC} (existing CCGT, warm start); fast share ASSUMPTION; ${KUNDUR_H}`,
  },
  wind: {
    // wind follows its capacity factor; it can be curtailed at once but not raised
    rampPctPerMin: 0,
    startupS: 0,
    fastShare: 0,
    inertiaS: 0,
    source: 'converter-connected: no inertia; output set by the wind (profiles)',
  },
  external: {
    // the rest of the synchronous area behind a tie: its whole stated range within seconds
    // (its inertia and FCR), limited by the equivalent's Pmin/Pmax (the tie's capacity)
    rampPctPerMin: 6000,
    startupS: 0,
    fastShare: 1,
    inertiaS: 0,
    source:
      'external equivalent: the rest of the synchronous area (its inertia and reserves are in the area model)',
  },
  other: {
    ...STEAM,
    source: `ASSUMPTION: a technology not listed moves like a steam plant (${DECC})`,
  },
};

/** Plants held for emergencies: started by order, at contracted speed. */
export const RESERVE_DYNAMICS: Record<NonNullable<Generator['reserve']>, UnitDynamics> = {
  emergency: {
    // Kiisa: gas engines, "capable of reaching full capacity in less than 10 minutes":
    // 5 min to synchronise, 5 min to full
    rampPctPerMin: 20,
    startupS: 5 * 60,
    fastShare: 0,
    inertiaS: 1.5,
    source:
      'Elering, Emergency reserve plants (https://elering.ee/en/emergency-reserve-plants); H ASSUMPTION for gas engines',
  },
  disturbance: {
    // Fingrid's reserve power plants: "in 10 minutes, 500 MW can be online; in 15 minutes
    // 1,200 MW": 8 min to synchronise, then a frame gas turbine's ~20 %/min (Wärtsilä)
    rampPctPerMin: 20,
    startupS: 8 * 60,
    fastShare: 0,
    inertiaS: 3,
    source:
      'Fingrid magazine, Always ready (https://fingridlehti.fi/en/always-ready); ramp: Wärtsilä, Combustion engine vs gas turbine: ramp rate (https://www.wartsila.com/energy/learn-more/technology-comparison-engine-vs-aero/combustion-engine-vs-gas-turbine-ramp-rate); H ASSUMPTION',
  },
  'peak-load': {
    // "starting readiness of a maximum of 12 hours" in the winter period; then a steam plant
    ...STEAM,
    startupS: 12 * 3600,
    fastShare: 0,
    source:
      'Fingrid, Winter period commenced in the maintaining of peak load capacity (2017, https://www.fingrid.fi/en/pages/news/news/2017/winter-period-commenced-in-the-maintaining-of-peak-load-capacity-from-1.12.2017/); ramp as DECC coal',
  },
};

/** The dynamics that apply to a unit. */
export function dynamicsOf(g: Generator): UnitDynamics {
  if (g.reserve) return RESERVE_DYNAMICS[g.reserve];
  return UNIT_DYNAMICS[g.technology ?? 'other'] ?? UNIT_DYNAMICS.other!;
}
