// Test support for the fault tests: clients that keep saving scenarios (create, replace,
// delete) and starting runs against a server until told to stop, recording which writes the
// server acknowledged. A write whose answer never came (the server was killed) is "in flight":
// it may or may not be stored, and both are correct.
import type { ScenarioInput } from '@finest/scenario/schema';
import { TEST_SCENARIO } from '../testing/app.ts';

export interface WriteRecord {
  /** scenario id → the versions it may hold: the last acknowledged one and any in flight */
  scenarios: Map<string, { acked: unknown; inFlight: unknown[] }>;
  /** scenarios whose deletion was acknowledged (absent afterwards unless re-created) */
  deleted: Set<string>;
  /** runs whose start was acknowledged (202) */
  runs: Set<string>;
  /** runs seen done before the fault, with their KPIs */
  doneKpis: Map<string, unknown>;
  acknowledged: number;
  unanswered: number;
}

export const emptyRecord = (): WriteRecord => ({
  scenarios: new Map(),
  deleted: new Set(),
  runs: new Set(),
  doneKpis: new Map(),
  acknowledged: 0,
  unanswered: 0,
});

/** an hour at 10-s steps: several frame chunks, so a kill lands while frames are written */
export const FAULT_RUN: ScenarioInput = {
  ...TEST_SCENARIO,
  id: 'fault-run',
  durationS: 3600,
  stepS: 10,
};

const scenarioVersion = (id: string, version: number): ScenarioInput => ({
  ...TEST_SCENARIO,
  id,
  title: `Fault test ${id} v${version}`,
  description: `version ${version}`,
});

type Send = (method: string, path: string, body?: unknown) => Promise<Response>;

const sender =
  (api: string): Send =>
  (method, path, body) =>
    fetch(`${api}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });

/** One client saving scenarios: creates, replaces its own and deletes some, until stopped. */
async function scenarioWriter(
  send: Send,
  prefix: string,
  random: () => number,
  rec: WriteRecord,
  stopped: () => boolean,
): Promise<void> {
  const mine: string[] = [];
  for (let i = 0; !stopped(); i++) {
    const r = random();
    let id: string;
    let method: string;
    let body: ScenarioInput | undefined;
    if (mine.length > 0 && r < 0.25) {
      id = mine[Math.floor(random() * mine.length)]!;
      method = 'PUT';
      body = scenarioVersion(id, i);
    } else if (mine.length > 2 && r < 0.35) {
      id = mine.splice(Math.floor(random() * mine.length), 1)[0]!;
      method = 'DELETE';
    } else {
      id = `${prefix}-${i}`;
      method = 'POST';
      body = scenarioVersion(id, i);
    }
    const entry = rec.scenarios.get(id) ?? { acked: undefined, inFlight: [] };
    rec.scenarios.set(id, entry);
    entry.inFlight.push(method === 'DELETE' ? null : body);
    let res: Response;
    try {
      res = await send(method, method === 'POST' ? '/api/scenarios' : `/api/scenarios/${id}`, body);
    } catch {
      rec.unanswered++;
      return; // the server is gone: this write stays in flight
    }
    entry.inFlight.pop();
    if (res.status >= 300) throw new Error(`${method} ${id}: ${res.status} ${await res.text()}`);
    rec.acknowledged++;
    if (method === 'DELETE') {
      rec.scenarios.delete(id);
      rec.deleted.add(id);
    } else {
      entry.acked = ((await res.json()) as { scenario: unknown }).scenario;
      if (method === 'POST') mine.push(id);
    }
  }
}

/**
 * One client starting runs, at most two computing at a time (so some finish before the kill
 * and one is usually being written when it comes), noting the KPIs of those it sees done.
 */
async function runStarter(send: Send, rec: WriteRecord, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    try {
      const pending = [...rec.runs].filter((id) => !rec.doneKpis.has(id));
      if (pending.length < 2) {
        const res = await send('POST', '/api/runs', { scenario: FAULT_RUN });
        if (res.status !== 202) throw new Error(`POST /api/runs: ${res.status}`);
        rec.acknowledged++;
        rec.runs.add(((await res.json()) as { run: { id: string } }).run.id);
      }
      for (const id of pending) {
        const d = (await (await send('GET', `/api/runs/${id}`)).json()) as {
          status: string;
          kpis: unknown;
        };
        if (d.status === 'done') rec.doneKpis.set(id, d.kpis);
      }
      await new Promise((r) => setTimeout(r, 20));
    } catch (err) {
      if (err instanceof TypeError) return; // fetch failed: the server is gone
      throw err;
    }
  }
}

/** Writers against api until the server stops answering; resolves when they have all ended. */
export async function writeUntilGone(
  api: string,
  prefix: string,
  writers: number,
  random: () => number,
  rec: WriteRecord,
): Promise<void> {
  const send = sender(api);
  let gone = false;
  const stopped = (): boolean => gone;
  const loops = [
    ...Array.from({ length: writers }, (_, w) =>
      scenarioWriter(send, `${prefix}-w${w}`, random, rec, stopped),
    ),
    runStarter(send, rec, stopped),
  ];
  await Promise.all(loops.map((l) => l.finally(() => (gone = true))));
}
