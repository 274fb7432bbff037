import { loadBundledData, runScenario } from '@finest/scenario';
const data = loadBundledData();
for (const sc of data.scenarios) {
  if (process.argv[2] && sc.id !== process.argv[2]) continue;
  const t0 = performance.now();
  const { summary, frames } = runScenario({
    network: data.networks.get(sc.network)!,
    profiles: data.profiles,
    cities: data.cities,
    scenario: sc,
  });
  console.log(`\n== ${sc.id}: ${(performance.now() - t0).toFixed(0)} ms, ${frames.length} frames`);
  for (const e of summary.log.slice(0, 25)) console.log('  ', e.clock, e.kind, e.text);
  for (const [c, k] of Object.entries(summary.kpis.countries))
    console.log(
      '  ',
      c,
      k.area,
      'ENS',
      k.energyNotServedMWh.toFixed(1),
      'peak',
      k.peakShedMW.toFixed(0),
      'dem',
      k.peakDemandMW.toFixed(0),
      'nadir',
      k.frequencyNadirHz.toFixed(3),
      'zen',
      k.frequencyZenithHz.toFixed(3),
      'rocof',
      k.maxRocofHzPerS.toFixed(3),
      'ics',
      k.icsScale,
      k.icsReason,
      'people',
      k.peopleAffected,
      'ttr',
      k.timeToRestoreS,
    );
  console.log(
    '   tripped',
    summary.kpis.branchesTripped,
    'nonconv',
    summary.kpis.nonConvergedSteps,
  );
}
