// The WebSocket message contract between the server and its viewers, in both directions.
// JSON text messages are validated with these schemas on receipt; frames (typed arrays) travel
// as binary messages, see frame-codec.ts. One run can be watched by many clients in sync.
import { z } from 'zod';
import {
  FrameLayoutSchema,
  LogEntrySchema,
  RunKpisSchema,
  ScenarioEventSchema,
} from '@finest/scenario/schema';
import { StartMessageSchema } from './start-run.ts';
import { SweepInfoSchema } from './sweep.ts';

export const PROTOCOL_VERSION = 1;

const runId = z.string().min(1).max(100);

// ── client → server ────────────────────────────────────────────────────────────────────────
export const ClientMessageSchema = z.discriminatedUnion('type', [
  /** watch a run; fromTick resumes after a reconnect (frames after it are sent) */
  z.object({ type: z.literal('subscribe'), runId, fromTick: z.int().nonnegative().optional() }),
  z.object({ type: z.literal('unsubscribe'), runId }),
  /** start a run of one's own, from a stored scenario id or an inline scenario (start-run.ts) */
  StartMessageSchema,
  z.object({ type: z.literal('play'), runId }),
  z.object({ type: z.literal('pause'), runId }),
  /** simulated seconds per wall-clock second */
  z.object({ type: z.literal('speed'), runId, speed: z.number().positive().max(100_000) }),
  /** s from the scenario start */
  z.object({ type: z.literal('seek'), runId, t: z.number().nonnegative() }),
  /** a what-if: a new run equal to runId up to atS, with extra events from atS on */
  z.object({
    type: z.literal('branch'),
    runId,
    atS: z.number().nonnegative(),
    events: z.array(ScenarioEventSchema).min(1).max(1000),
  }),
  z.object({ type: z.literal('ping'), id: z.int().optional() }),
  /** follow a sweep's progress (`sweep` messages until it is done) */
  z.object({ type: z.literal('watch-sweep'), sweepId: z.string().min(1).max(100) }),
  z.object({ type: z.literal('unwatch-sweep'), sweepId: z.string().min(1).max(100) }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

// ── server → client ────────────────────────────────────────────────────────────────────────
export const RunStatusSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

export const RunInfoSchema = z.object({
  id: runId,
  scenarioId: z.string(),
  title: z.string(),
  networkId: z.string(),
  seed: z.int(),
  /** ISO date-time of t = 0 */
  startTime: z.string(),
  /** s */
  durationS: z.number(),
  status: RunStatusSchema,
  parentRunId: z.string().optional(),
  /** s, for a what-if branch */
  branchAtS: z.number().optional(),
  /** 'scenario' (default) or 'n1' (a screening: no frames, results over REST) */
  kind: z.enum(['scenario', 'n1']).optional(),
  layout: FrameLayoutSchema,
});
export type RunInfo = z.infer<typeof RunInfoSchema>;

export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), protocolVersion: z.int(), serverTime: z.string() }),
  /** sent on subscribe, before any frame of the run */
  z.object({ type: z.literal('run'), run: RunInfoSchema }),
  z.object({ type: z.literal('run-created'), runId, parentRunId: z.string().optional() }),
  z.object({
    type: z.literal('log'),
    runId,
    entries: z.array(LogEntrySchema),
    /** true: these entries replace the client's log (everything up to the playback time) */
    replace: z.boolean().optional(),
  }),
  z.object({ type: z.literal('kpis'), runId, kpis: RunKpisSchema }),
  z.object({
    type: z.literal('progress'),
    runId,
    /** 0 … 1 of the simulation computed */
    fraction: z.number(),
    /** ticks computed so far */
    ticks: z.int(),
  }),
  /** playback state of a run as this client sees it */
  z.object({
    type: z.literal('state'),
    runId,
    playing: z.boolean(),
    speed: z.number(),
    t: z.number(),
    tick: z.int(),
    /** epoch ms at which the playback was at t (for interpolation and lag measurement) */
    serverTimeMs: z.number().optional(),
  }),
  z.object({ type: z.literal('end'), runId, ticks: z.int() }),
  z.object({
    type: z.literal('error'),
    /** stable code, e.g. FINEST_WS_BAD_MESSAGE */
    code: z.string(),
    message: z.string(),
    /** the message type or run the error is about */
    ref: z.string().optional(),
  }),
  z.object({ type: z.literal('pong'), id: z.int().optional(), serverTime: z.string() }),
  /** a watched sweep's state: on watch, then as runs finish (a few per second at most) */
  z.object({ type: z.literal('sweep'), sweep: SweepInfoSchema }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
