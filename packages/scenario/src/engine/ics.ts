// An estimate of the ENTSO-E Incident Classification Scale level of a run for one country,
// from the criteria the twin can see: load lost (share of the country's demand), frequency
// deviation of its synchronous area, under-frequency load shedding, and tripped branches.
// The official classification (ICS Methodology, ENTSO-E 2018/2019) weighs more criteria and
// is made by the TSOs; this is a planning estimate and says which criterion set the level.
//   scale 3 (blackout):      load lost ≥ 50 % of the country's demand
//   scale 2 (extensive):     load lost ≥ 10 %, or UFLS acted in the country's area
//   scale 1 (noteworthy):    any load lost, frequency beyond the full-FCR deviation
//                            (Nordic 500 mHz, A14; Continental 200 mHz, B03), or a branch
//                            tripped by protection
//   scale 0 (anomaly):       anything else that left the normal state (a trip, frequency
//                            outside the standard range)
export interface IcsInputs {
  peakShedMW: number;
  peakDemandMW: number;
  maxDeviationHz: number;
  fullFcrDeviationHz: number;
  uflsStages: number;
  branchesTripped: number;
}

export function estimateIcs(x: IcsInputs): { scale: 0 | 1 | 2 | 3; reason: string } {
  const share = x.peakDemandMW > 0 ? x.peakShedMW / x.peakDemandMW : 0;
  const pct = `${(100 * share).toFixed(1)} % of demand shed`;
  if (share >= 0.5) return { scale: 3, reason: pct };
  if (share >= 0.1) return { scale: 2, reason: pct };
  if (x.uflsStages > 0) return { scale: 2, reason: 'under-frequency load shedding acted' };
  if (x.peakShedMW > 0.5) return { scale: 1, reason: pct };
  if (x.maxDeviationHz >= x.fullFcrDeviationHz)
    return {
      scale: 1,
      reason: `frequency deviation ${(1000 * x.maxDeviationHz).toFixed(0)} mHz`,
    };
  if (x.branchesTripped > 0)
    return { scale: 1, reason: `${x.branchesTripped} branch(es) tripped by protection` };
  return {
    scale: 0,
    reason: `no load lost; frequency deviation ${(1000 * x.maxDeviationHz).toFixed(0)} mHz`,
  };
}
