// Scenario-engine benchmark: a 24-hour scenario at 1-minute steps on the bundled FI–EE network
// (1,441 frames, an AC power flow each), steps per second and time to first frame; and every
// library scenario end to end. Goal (issue 6): ≥ 1,000 steps/s, a day in under 1.5 s.
// Run alone with `npm run bench:scenario`; `npm run bench` includes it.
import {
  createRun,
  loadBundledData,
  parseScenario,
  prepareEngine,
  runScenario,
} from '@finest/scenario';

export interface ScenarioBench {
  day: {
    frames: number;
    steps_per_s_median: number;
    total_ms_median: number;
    first_frame_ms_median: number;
  };
  library: { id: string; frames: number; ms: number }[];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchScenarios(repeat = 5): ScenarioBench {
  const data = loadBundledData();
  const network = data.networks.get('fi-ee')!;
  const day = parseScenario({
    schemaVersion: 1,
    id: 'bench-day',
    title: '24 hours at 1-minute steps',
    start: { hour: 500 },
    durationS: 86_400,
    stepS: 60,
    events: [{ type: 'trip', at: 43_200, element: { kind: 'hvdc', id: 'H14816' } }],
  });
  const totals: number[] = [];
  const firsts: number[] = [];
  let frames = 0;
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    const run = createRun({ network, profiles: data.profiles, cities: data.cities, scenario: day });
    run.step();
    firsts.push(performance.now() - t0);
    frames = 1;
    while (run.step()) frames++;
    totals.push(performance.now() - t0);
  }
  const library = data.scenarios.map((scenario) => {
    const t0 = performance.now();
    const { frames: f } = runScenario({
      network: data.networks.get(scenario.network)!,
      profiles: data.profiles,
      cities: data.cities,
      scenario,
    });
    return { id: scenario.id, frames: f.length, ms: Math.round(performance.now() - t0) };
  });
  const total = median(totals);
  return {
    day: {
      frames,
      steps_per_s_median: Math.round(frames / (total / 1000)),
      total_ms_median: Math.round(total),
      first_frame_ms_median: Math.round(median(firsts) * 10) / 10,
    },
    library,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  await prepareEngine();
  const result = benchScenarios();
  console.log(
    `24 h at 1-min steps on fi-ee: ${result.day.frames} frames in ${result.day.total_ms_median} ms (median) = ${result.day.steps_per_s_median} steps/s; first frame ${result.day.first_frame_ms_median} ms`,
  );
  for (const r of result.library)
    console.log(
      `  ${r.id.padEnd(28)} ${String(r.frames).padStart(5)} frames ${String(r.ms).padStart(6)} ms`,
    );
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/scenario.json',
    `${JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2)}\n`,
  );
}
