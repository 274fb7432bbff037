// The control-room operator's timing and prices. Each value names its source or is marked
// ASSUMPTION with the reason (data/README.md lists them); scenarios override them
// (options.operator).
import { SNAPSHOT_DEFAULTS } from '@finest/grid';

export const OPERATOR_DEFAULTS = {
  /**
   * s from a sudden change to the first re-dispatch. After a fault the Nordic TSOs must bring
   * the system back to a state that withstands the next dimensioning fault within 15 minutes
   * (Nordic System Operation Agreement, annex Operational Security §2.2.1, the "15-minute
   * period", as quoted at https://www.markettransfer.info/clause/system-states/_2), and manual reserves deliver within 12.5 minutes of activation (Fingrid,
   * mFRR: "able to implement a power change within 12.5 minutes",
   * https://www.fingrid.fi/en/electricity-market/reserves/reserve-products/balancing-energy-and-balancing-capacity-markets-mfrr):
   * so the activation must come by 15 − 12.5 = 2.5 min.
   */
  delayS: 150,
  /**
   * s between the operator's reviews while the system is not back to its schedule.
   * ASSUMPTION: 5 min, the aFRR full-activation time (facts A34), as the pace of a control
   * room's cycle of "look, decide, activate".
   */
  reviewS: 300,
  /** s: units are moved as far as their ramps reach in the mFRR activation time (above) */
  horizonS: 750,
  /**
   * €/MWh of load left unserved, the cost of shedding in the re-dispatch (one value with the
   * snapshot's merit order). ASSUMPTION: 10,000 €/MWh — no FI or EE value is published in a
   * form found here; it sits above the Kiisa emergency-reserve price (facts B19, 5,000 €/MWh)
   * and the day-ahead price cap (4,000 €/MWh in 2022), so shedding is the last resort.
   */
  valueOfLostLoadEurPerMWh: SNAPSHOT_DEFAULTS.valueOfLostLoad,
  /**
   * €/MWh added to a raise and taken off a reduction. The schedule is the market's; the
   * operator moves units for security (an overload, a tie beyond its traded capacity, load to
   * reconnect), not for price, so a move must gain more than twice this to be made.
   * ASSUMPTION: 100 €/MWh, above the merit-order spreads of ordinary units (0–120 €/MWh) and
   * far below emergency exchange, reserves and the value of lost load.
   */
  redispatchPremiumEurPerMWh: 100,
  /**
   * €/MWh for exchange over the ties beyond their traded capacity (an external equivalent
   * outside its Pmin/Pmax): emergency power from neighbours, used before reserves. ASSUMPTION:
   * 1,000 €/MWh, between the merit order and the reserves' 5,000 €/MWh.
   */
  emergencyExchangeEurPerMWh: 1_000,
  /**
   * Share of the island's running synchronous capacity reconnected per review when shed load
   * comes back: blocks of 5 % of the online generation (NERC, Electric System Restoration
   * Reference Document, 1993, as summarised in restoration training; secondary source).
   */
  restoreBlockShare: 0.05,
};
