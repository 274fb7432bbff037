import { describe, expect, it } from 'vitest';
import { ClientMessageSchema, ServerMessageSchema } from './messages.ts';

const scenario = {
  schemaVersion: 1,
  id: 'tiny',
  title: 'Tiny',
  start: { hour: 10 },
  durationS: 600,
};

describe('client messages', () => {
  it('accepts every call of the contract', () => {
    const ok = [
      { type: 'subscribe', runId: 'r1' },
      { type: 'subscribe', runId: 'r1', fromTick: 12 },
      { type: 'unsubscribe', runId: 'r1' },
      { type: 'start', scenarioId: 'estlink-2' },
      { type: 'start', scenario, seed: 3, networkId: 'fi-ee', autoplay: false },
      { type: 'play', runId: 'r1' },
      { type: 'pause', runId: 'r1' },
      { type: 'speed', runId: 'r1', speed: 60 },
      { type: 'seek', runId: 'r1', t: 120 },
      {
        type: 'branch',
        runId: 'r1',
        atS: 60,
        events: [{ type: 'trip', at: 60, element: { kind: 'hvdc', id: 'estlink-2' } }],
      },
      { type: 'ping', id: 1 },
    ];
    for (const m of ok) expect(ClientMessageSchema.safeParse(m).success, m.type).toBe(true);
  });

  it('rejects unknown types and bad fields with the path of the field', () => {
    expect(ClientMessageSchema.safeParse({ type: 'launch' }).success).toBe(false);
    const bad = ClientMessageSchema.safeParse({ type: 'speed', runId: 'r', speed: -1 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['speed']);
    const noEvents = ClientMessageSchema.safeParse({
      type: 'branch',
      runId: 'r',
      atS: 1,
      events: [],
    });
    expect(noEvents.error?.issues[0]?.path).toEqual(['events']);
  });
});

describe('server messages', () => {
  it('keeps the shapes the web app reads', () => {
    const msgs = [
      { type: 'welcome', protocolVersion: 1, serverTime: '2025-01-01T00:00:00.000Z' },
      { type: 'run-created', runId: 'r2', parentRunId: 'r1' },
      { type: 'progress', runId: 'r1', fraction: 0.5, ticks: 10 },
      { type: 'state', runId: 'r1', playing: true, speed: 60, t: 0, tick: -1, serverTimeMs: 1 },
      { type: 'log', runId: 'r1', entries: [], replace: true },
      { type: 'end', runId: 'r1', ticks: 10 },
      { type: 'error', code: 'FINEST_WS_BAD_MESSAGE', message: 'x', ref: 'seek' },
      { type: 'pong', serverTime: '2025-01-01T00:00:00.000Z' },
    ];
    for (const m of msgs) expect(ServerMessageSchema.parse(m)).toEqual(m);
  });
});
