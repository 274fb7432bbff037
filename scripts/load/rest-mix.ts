// What the load's REST clients ask, and how often: the calls a dashboard and a planner's laptop
// make (health, the scenario library, run KPIs, frame ranges for charts, the event log) and a
// few bad requests whose 4xx answer is the expected one. Weights are relative. Starting a run
// of one's own is not here: see rest-clients.ts (it is paced in time, not drawn by weight).
import type { StoredRun } from './stored-runs.ts';

export interface RestCall {
  /** the route pattern the report groups by */
  route: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  json?: unknown;
  /** the status a correct server answers */
  expect: number;
}

interface Weighted {
  weight: number;
  make: (run: StoredRun, random: () => number) => RestCall;
}

const int = (random: () => number, n: number): number => Math.floor(random() * n);

/** one of the bundled scenarios the stored-run fixture also uses */
const LIBRARY_SCENARIO = 'estlink2-2024-12-25';

const MIX: Weighted[] = [
  { weight: 15, make: () => get('GET /api/health', '/api/health') },
  { weight: 10, make: () => get('GET /api/scenarios', '/api/scenarios') },
  {
    weight: 4,
    make: () => get('GET /api/scenarios/:id', `/api/scenarios/${LIBRARY_SCENARIO}`),
  },
  { weight: 4, make: () => get('GET /api/runs', '/api/runs') },
  { weight: 25, make: (run) => get('GET /api/runs/:id', `/api/runs/${run.id}`) },
  { weight: 8, make: (run) => get('GET /api/runs/:id/log', `/api/runs/${run.id}/log`) },
  {
    weight: 20,
    make: (run, random) => {
      const from = int(random, run.frames);
      const to = from + 1 + int(random, 60);
      return get('GET /api/runs/:id/frames', `/api/runs/${run.id}/frames?from=${from}&to=${to}`);
    },
  },
  {
    weight: 5,
    make: (run, random) => {
      const from = int(random, run.frames);
      return get(
        'GET /api/runs/:id/frames?format=json',
        `/api/runs/${run.id}/frames?from=${from}&to=${from + int(random, 3)}&format=json`,
      );
    },
  },
  // the bad requests a careless client makes; the answer must be the 4xx, nothing worse
  { weight: 2, make: () => get('GET /api/runs/:id (unknown)', '/api/runs/no-such-run', 404) },
  {
    weight: 1,
    make: (run) =>
      get('GET /api/runs/:id/frames (bad range)', `/api/runs/${run.id}/frames?from=-1`, 400),
  },
  { weight: 1, make: () => get('GET /api/runs/:id (bad id)', '/api/runs/a%20b', 400) },
  {
    weight: 1,
    make: () => ({
      route: 'POST /api/runs (invalid)',
      method: 'POST',
      path: '/api/runs',
      json: { scenario: { schemaVersion: 1, id: 'broken' } },
      expect: 400,
    }),
  },
];

const TOTAL = MIX.reduce((s, m) => s + m.weight, 0);

function get(route: string, path: string, expect = 200): RestCall {
  return { route, method: 'GET', path, expect };
}

/** A call drawn from the mix, about one of the stored runs. */
export function drawCall(runs: readonly StoredRun[], random: () => number): RestCall {
  const run = runs[int(random, runs.length)]!;
  let x = random() * TOTAL;
  for (const m of MIX) {
    x -= m.weight;
    if (x < 0) return m.make(run, random);
  }
  return MIX[0]!.make(run, random);
}
