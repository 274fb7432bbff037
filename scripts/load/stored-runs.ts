// The runs the load viewers watch, computed and stored before the load starts: three synthetic
// 1-s-step scenarios of different lengths (played at 30 frames/s, so their loops drift apart)
// and one scenario of the bundled library at its own 60-s step, played fast. Also the short
// scenario the REST clients start now and then.
import type { HttpClient } from './http-client.ts';

export interface StoredRun {
  id: string;
  title: string;
  frames: number;
  /** simulated s per wall-clock s the viewers play it at */
  speed: number;
}

/** A 1-s-step day piece on the FI–EE network in which Estlink 2 trips at `tripAtS`. */
export function streamScenario(id: string, durationS: number, tripAtS: number): object {
  return {
    schemaVersion: 1,
    id,
    title: `Load test: Estlink 2 trips at ${tripAtS} s`,
    network: 'fi-ee',
    topology: 'pre-2025',
    start: { time: '2024-12-25T12:20:00+02:00' },
    durationS,
    stepS: 1,
    events: [
      { type: 'set-hvdc', at: 0, link: 'H14816', MW: 658 },
      { type: 'trip', at: tripAtS, element: { kind: 'hvdc', id: 'H14816' } },
    ],
  };
}

const WATCHED: { body: object; speed: number }[] = [
  { body: { scenario: streamScenario('load-a', 240, 40) }, speed: 30 },
  { body: { scenario: streamScenario('load-b', 300, 90) }, speed: 30 },
  { body: { scenario: streamScenario('load-c', 360, 150) }, speed: 30 },
  { body: { scenarioId: 'estlink2-2024-12-25' }, speed: 600 },
];

interface RunDetails {
  run: { id: string; title: string };
  status: string;
  /** frames computed */
  ticks: number;
}

/** Starts a run and waits until it is stored. */
export async function computeRun(http: HttpClient, body: object): Promise<RunDetails> {
  const created = await http.send('POST', '/api/runs', { json: body, keepBody: true });
  if (created.status !== 202)
    throw new Error(`load: POST /api/runs answered ${created.status}: ${created.text}`);
  const id = (JSON.parse(created.text!) as { run: { id: string } }).run.id;
  for (;;) {
    const r = await http.send('GET', `/api/runs/${id}`, { keepBody: true });
    const details = JSON.parse(r.text!) as RunDetails;
    if (details.status === 'done') return details;
    if (details.status !== 'queued' && details.status !== 'running')
      throw new Error(`load: run ${id} ended ${details.status}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

export async function prepareRuns(http: HttpClient): Promise<StoredRun[]> {
  const done = await Promise.all(WATCHED.map((w) => computeRun(http, w.body)));
  return done.map((d, k) => ({
    id: d.run.id,
    title: d.run.title,
    frames: d.ticks,
    speed: WATCHED[k]!.speed,
  }));
}
