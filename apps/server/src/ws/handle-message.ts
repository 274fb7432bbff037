// One client message → its effect. Every failure becomes an {type:'error'} reply with a stable
// code and the message type it is about; the connection stays open.
import type { RawData } from 'ws';
import { ClientMessageSchema, type ClientMessage, type ServerMessage } from '@finest/protocol';
import { formatPath } from '@finest/grid';
import { clientError } from '../error-handler.ts';
import { ApiError, WS_ERRORS } from '../errors.ts';
import type { Services } from '../services.ts';
import type { PlaybackHub } from './hub.ts';
import type { SweepWatch } from './sweep-watch.ts';
import type { Viewer } from './viewer.ts';

/** runs one connection may watch at once */
export const MAX_SUBSCRIPTIONS = 32;

type ErrorMessage = Extract<ServerMessage, { type: 'error' }>;

const KNOWN_TYPES: ReadonlySet<string> = new Set(
  ClientMessageSchema.options.map((o) => o.shape.type.value),
);

/** Parses a raw message; an error message to send back when it is not a valid call. */
export function parseClientMessage(data: RawData, isBinary: boolean): ClientMessage | ErrorMessage {
  if (isBinary)
    return {
      type: 'error',
      code: WS_ERRORS.FINEST_WS_BAD_MESSAGE,
      message: 'binary messages are not accepted; send JSON text',
    };
  let json: unknown;
  try {
    json = JSON.parse(
      Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString('utf8'),
    );
  } catch {
    return { type: 'error', code: WS_ERRORS.FINEST_WS_BAD_JSON, message: 'not valid JSON' };
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type))
    return {
      type: 'error',
      code: WS_ERRORS.FINEST_WS_UNKNOWN_TYPE,
      message: `unknown message type ${JSON.stringify(type ?? null).slice(0, 60)}; expected one of ${[...KNOWN_TYPES].join(', ')}`,
    };
  const parsed = ClientMessageSchema.safeParse(json);
  if (!parsed.success)
    return {
      type: 'error',
      code: WS_ERRORS.FINEST_WS_BAD_MESSAGE,
      message: parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; '),
      ref: type,
    };
  return parsed.data;
}

export function handleMessage(
  viewer: Viewer,
  msg: ClientMessage,
  services: Services,
  hub: PlaybackHub,
  sweeps?: SweepWatch,
): void {
  const { runs } = services;
  try {
    switch (msg.type) {
      case 'ping':
        viewer.send({
          type: 'pong',
          ...(msg.id === undefined ? {} : { id: msg.id }),
          serverTime: new Date().toISOString(),
        });
        return;
      case 'subscribe':
        if (!viewer.subs.has(msg.runId) && viewer.subs.size >= MAX_SUBSCRIPTIONS)
          throw new ApiError(
            'FINEST_BAD_REQUEST',
            `at most ${MAX_SUBSCRIPTIONS} runs per connection; unsubscribe first`,
          );
        hub.subscribe(viewer, msg.runId, msg.fromTick);
        return;
      case 'unsubscribe':
        hub.unsubscribe(viewer, msg.runId);
        return;
      case 'start': {
        writer(viewer);
        // StartMessageSchema has already checked that exactly one of the two is given
        const scenario = msg.scenario ?? services.scenarios.get(msg.scenarioId!).scenario;
        const run = runs.startScenario({ scenario, networkId: msg.networkId, seed: msg.seed });
        viewer.send({ type: 'run-created', runId: run.id });
        hub.subscribe(viewer, run.id, undefined);
        if (msg.autoplay !== false) hub.get(run.id)?.play();
        return;
      }
      case 'branch': {
        writer(viewer);
        const run = runs.branch(msg.runId, msg.atS, msg.events);
        viewer.send({ type: 'run-created', runId: run.id, parentRunId: msg.runId });
        return;
      }
      case 'play':
        playback(viewer, hub, msg.runId).play();
        return;
      case 'pause':
        playback(viewer, hub, msg.runId).pause();
        return;
      case 'speed':
        playback(viewer, hub, msg.runId).setSpeed(msg.speed);
        return;
      case 'seek':
        playback(viewer, hub, msg.runId).seek(msg.t);
        return;
      case 'watch-sweep':
        if (!sweeps) throw new ApiError('FINEST_BAD_REQUEST', 'sweeps are not served here');
        sweeps.watch(viewer, msg.sweepId);
        return;
      case 'unwatch-sweep':
        sweeps?.unwatch(viewer, msg.sweepId);
        return;
    }
  } catch (err) {
    const known = clientError(err);
    if (!known) throw err;
    const detail = known.issues?.length
      ? `: ${known.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`
      : '';
    viewer.send({
      type: 'error',
      code: known.code,
      message: known.message + detail,
      ref: msg.type,
    });
  }
}

function writer(viewer: Viewer): void {
  if (!viewer.canWrite)
    throw new ApiError(
      'FINEST_UNAUTHORIZED',
      'this server requires the write token to start or branch runs (connect with ?token=)',
    );
}

function playback(viewer: Viewer, hub: PlaybackHub, runId: string) {
  const p = viewer.subs.has(runId) ? hub.get(runId) : undefined;
  if (!p) throw new ApiError('FINEST_BAD_REQUEST', `subscribe to run '${runId}' first`);
  return p;
}
