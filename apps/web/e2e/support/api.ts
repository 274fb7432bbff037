// The server's REST API as the browser tests use it to prepare what a page then shows: a body
// sent, the answer checked for its status and parsed with the protocol's schema, so a changed
// route fails here with what came back rather than later in the page.
import {
  FramesJsonSchema,
  RunDetailsSchema,
  RunListSchema,
  RunLogSchema,
  type FrameJson,
  type RunListItem,
} from '@finest/protocol';
import type { LogEntry } from '@finest/scenario/schema';
import type { z } from 'zod';
import type { RunningServer } from './twin-server.ts';

/** Sends `body` (JSON, or a zip as bytes) and parses the answer, which must have `status`. */
export async function send<S extends z.ZodType>(
  server: RunningServer,
  path: string,
  body: unknown,
  status: number,
  schema: S,
): Promise<z.infer<S>> {
  const bytes = body instanceof Uint8Array;
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': bytes ? 'application/zip' : 'application/json' },
    // a copy: fetch takes bytes only on an ArrayBuffer (not a SharedArrayBuffer)
    body: bytes ? new Uint8Array(body) : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== status)
    throw new Error(`POST ${path}: ${res.status}, expected ${status}: ${text.slice(0, 500)}`);
  return schema.parse(JSON.parse(text)) as z.infer<S>;
}

export async function get<S extends z.ZodType>(
  server: RunningServer,
  path: string,
  schema: S,
): Promise<z.infer<S>> {
  const res = await fetch(`${server.url}${path}`);
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}: ${text.slice(0, 500)}`);
  return schema.parse(JSON.parse(text)) as z.infer<S>;
}

/** Polls until the run is done; a failed run, or one still going after `timeoutMs`, throws. */
export async function waitForRun(
  server: RunningServer,
  runId: string,
  timeoutMs = 120_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const d = await get(server, `/api/runs/${runId}`, RunDetailsSchema);
    if (d.status === 'done') return;
    if (d.status === 'failed' || d.status === 'cancelled')
      throw new Error(`run ${runId} ${d.status}: ${d.error ?? ''}`);
    if (Date.now() > end) throw new Error(`run ${runId} still ${d.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The newest stored run of a scenario. */
export async function latestRun(server: RunningServer, scenarioId: string): Promise<RunListItem> {
  const { runs } = await get(server, '/api/runs', RunListSchema);
  const run = runs.find((r) => r.scenarioId === scenarioId);
  if (!run) throw new Error(`no stored run of ${scenarioId}`);
  return run;
}

export async function runFrames(server: RunningServer, runId: string): Promise<FrameJson[]> {
  return (await get(server, `/api/runs/${runId}/frames?format=json`, FramesJsonSchema)).frames;
}

export async function runLog(server: RunningServer, runId: string): Promise<LogEntry[]> {
  return (await get(server, `/api/runs/${runId}/log`, RunLogSchema)).entries;
}

/**
 * The worst moment of a run: the frame with the most load shed; where nothing is shed, the
 * one furthest from 50 Hz (a scenario the grid rides through still has its worst second).
 */
export function worstMoment(frames: readonly FrameJson[]): {
  t: number;
  shedMW: number;
  deviationHz: number;
} {
  let best = { t: 0, shedMW: -1, deviationHz: -1 };
  for (const f of frames) {
    const shedMW = f.busShedMW.reduce((s, v) => s + v, 0);
    const deviationHz = Math.max(0, ...f.areaFrequencyHz.map((hz) => Math.abs(hz - 50)));
    // shed to the MW, then frequency: the shed of a dark city creeps by fractions of a MW
    const a = Math.round(shedMW);
    const b = Math.round(best.shedMW);
    if (a > b || (a === b && deviationHz > best.deviationHz))
      best = { t: f.t, shedMW, deviationHz };
  }
  return best;
}
