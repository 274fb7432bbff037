// Fault test: the server is killed with SIGKILL while clients save scenarios and start runs
// (frames being written in the background). After each kill the database left behind passes
// SQLite's integrity and foreign-key checks, and after a restart every acknowledged write is
// there: scenarios at their last acknowledged version (or a version whose answer never came),
// acknowledged deletions gone, every acknowledged run recomputed to the end with all its
// frames, and the KPIs of runs seen done unchanged.
//
// FINEST_FAULT_CYCLES=30 runs a longer campaign (docs/reliability.md).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFrame, splitFrames } from '@finest/protocol';
import { DB_FILE } from '../store/open-db.ts';
import { startServerChild } from '../testing/server-child.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { seededRandom } from '@finest/scenario';
import { emptyRecord, writeUntilGone, type WriteRecord } from './write-load.ts';

const CYCLES = Number(process.env.FINEST_FAULT_CYCLES ?? 3);
const WRITERS = 4;

const dir = tempDir('finest-faults-');
afterAll(() => dir.remove());

function checkDatabase(dataDir: string): { integrity: string; foreignKeyViolations: number } {
  const db = new Database(join(dataDir, DB_FILE));
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      foreignKeyViolations: (db.pragma('foreign_key_check') as unknown[]).length,
    };
  } finally {
    db.close();
  }
}

async function getJson(api: string, path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${api}${path}`);
  return { status: res.status, body: res.status === 200 ? await res.json() : undefined };
}

/** Checks the stored scenarios; then records what was found as acknowledged (no longer in flight). */
async function verifyScenarios(api: string, rec: WriteRecord): Promise<number> {
  let checked = 0;
  const settled = new Map<string, unknown>();
  for (const [id, { acked, inFlight }] of rec.scenarios) {
    const { status, body } = await getJson(api, `/api/scenarios/${id}`);
    const allowed = new Set<string | null>(
      [acked, ...inFlight].map((v) =>
        v === undefined || v === null ? null : (v as { title: string }).title,
      ),
    );
    if (acked === undefined) allowed.add(null);
    const found = status === 404 ? null : (body as { scenario: { title: string } }).scenario.title;
    expect(status === 200 || status === 404, `GET ${id}: ${status}`).toBe(true);
    expect(allowed.has(found), `${id}: found ${found}, allowed ${[...allowed].join(', ')}`).toBe(
      true,
    );
    settled.set(id, found === null ? null : (body as { scenario: unknown }).scenario);
    checked++;
  }
  for (const [id, scenario] of settled) {
    if (scenario !== null) rec.scenarios.set(id, { acked: scenario, inFlight: [] });
    else {
      rec.scenarios.delete(id);
      rec.deleted.add(id);
    }
  }
  for (const id of rec.deleted) {
    if (rec.scenarios.has(id)) continue;
    expect((await getJson(api, `/api/scenarios/${id}`)).status, `deleted ${id}`).toBe(404);
    checked++;
  }
  return checked;
}

/** Checks every acknowledged run is complete; then records its KPIs, to hold after later kills. */
/** Checks every acknowledged run is complete; then records its KPIs, to hold after later kills. */
async function verifyRuns(api: string, rec: WriteRecord): Promise<void> {
  for (const id of rec.runs) {
    let details: { status: string; ticks: number; kpis: unknown };
    for (const end = Date.now() + 120_000; ;) {
      const got = await getJson(api, `/api/runs/${id}`);
      expect(got.status, `run ${id}`).toBe(200);
      details = got.body as typeof details;
      if (details.status !== 'queued' && details.status !== 'running') break;
      if (Date.now() > end) throw new Error(`run ${id} still ${details.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(details.status, `run ${id}`).toBe('done');
    if (rec.doneKpis.has(id)) expect(details.kpis, `KPIs of ${id}`).toEqual(rec.doneKpis.get(id));
    const bin = new Uint8Array(await (await fetch(`${api}/api/runs/${id}/frames`)).arrayBuffer());
    const ticks = splitFrames(bin).map((f) => decodeFrame(f).tick);
    expect(ticks.length, `frames of ${id}`).toBe(details.ticks);
    expect(
      ticks.every((t, k) => t === k),
      `frames of ${id} in order`,
    ).toBe(true);
    rec.doneKpis.set(id, details.kpis);
  }
}

describe('SIGKILL while saving', () => {
  it(`keeps every acknowledged write over ${CYCLES} kills, with an intact database`, async () => {
    const random = seededRandom(20261123);
    const all = emptyRecord();
    let verified = 0;
    let interrupted = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const server = await startServerChild({ dataDir: dir.path });
      const rec = emptyRecord();
      const writing = writeUntilGone(server.url, `c${cycle}`, WRITERS, random, rec);
      // kill somewhere between 0.5 and 3.5 s into the writing: some runs done, one being written
      await new Promise((r) => setTimeout(r, 500 + random() * 3000));
      const exit = await server.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      await writing;
      expect(rec.acknowledged, 'writes acknowledged before the kill').toBeGreaterThan(0);
      interrupted += [...rec.runs].filter((id) => !rec.doneKpis.has(id)).length;

      expect(checkDatabase(dir.path)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });

      // the records of earlier cycles must still hold too
      for (const [id, v] of rec.scenarios) all.scenarios.set(id, v);
      for (const id of rec.deleted) {
        all.deleted.add(id);
        all.scenarios.delete(id);
      }
      for (const id of rec.runs) all.runs.add(id);
      for (const [id, k] of rec.doneKpis) all.doneKpis.set(id, k);
      all.acknowledged += rec.acknowledged;

      const again = await startServerChild({ dataDir: dir.path });
      try {
        verified = await verifyScenarios(again.url, all);
        await verifyRuns(again.url, all);
      } finally {
        await again.kill('SIGTERM');
      }
    }
    expect(checkDatabase(dir.path)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
    expect(verified).toBeGreaterThan(0);
    if (process.env.FINEST_FAULT_REPORT === '1')
      process.stdout.write(
        `SIGKILL faults: ${CYCLES} kills, ${all.acknowledged} acknowledged writes, ${verified} scenarios and ${all.runs.size} runs verified (${interrupted} not seen done before their kill)\n`,
      );
  }, 600_000);
});
