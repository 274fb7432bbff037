import { LogKindSchema, type LogEntry } from '@finest/scenario/schema';
import { describe, expect, it } from 'vitest';
import {
  addFetched,
  addStreamed,
  EMPTY_LOG,
  logFigures,
  logMarkers,
  MARKER_KINDS,
  type KnownLog,
} from './run-log.ts';

// the server's log of a run: the stream and REST hand out prefixes of it
const server: LogEntry[] = [
  { t: 0, clock: '12:20:00', kind: 'info', text: 'starting state' },
  {
    t: 364,
    clock: '12:26:04',
    kind: 'trip',
    text: 'Estlink 2 tripped, 658 MW FI→EE lost',
    MW: 658,
  },
  { t: 365, clock: '12:26:05', kind: 'frequency', text: 'nadir', Hz: 49.71 },
  { t: 365, clock: '12:26:05', kind: 'frequency', text: 'nadir', Hz: 49.71 },
  {
    t: 900,
    clock: '12:35:00',
    kind: 'protection-trip',
    text: 'protection tripped L1',
    loadingPct: 131.4,
  },
];

describe('one log per run in the web app', () => {
  it('grows from the stream: a replace then the next entries, each once', () => {
    let k: KnownLog = addStreamed(EMPTY_LOG, server.slice(0, 2), true);
    k = addStreamed(k, server.slice(2, 4), false);
    k = addStreamed(k, server.slice(4), false);
    expect(k.log).toEqual(server);
    expect(k.logStreamed).toBe(5);
  });

  it('keeps two identical entries the server logged (no dedupe by time and text)', () => {
    const k = addStreamed(EMPTY_LOG, server.slice(0, 4), true);
    expect(k.log.filter((e) => e.text === 'nadir')).toHaveLength(2);
  });

  it('keeps the whole log from REST when the stream replays the start after a seek', () => {
    let k = addFetched(EMPTY_LOG, server);
    const before = k.log;
    k = addStreamed(k, server.slice(0, 2), true);
    expect(k.log).toBe(before);
    k = addStreamed(k, server.slice(2, 3), false);
    expect(k.log).toBe(before);
    expect(k.logStreamed).toBe(3);
  });

  it('adds only the new tail when the stream passes a shorter REST log', () => {
    let k = addFetched(EMPTY_LOG, server.slice(0, 3));
    k = addStreamed(k, server.slice(0, 2), true);
    k = addStreamed(k, server.slice(2, 5), false);
    expect(k.log).toEqual(server);
  });

  it('does not shrink for a shorter REST answer', () => {
    const k = addStreamed(EMPTY_LOG, server, true);
    expect(addFetched(k, server.slice(0, 1))).toBe(k);
  });

  it('marks the timeline with the engine words of grid events, not notes, spaced apart', () => {
    expect(logMarkers(server, 1)).toEqual([
      { t: 364, label: '12:26:04 Estlink 2 tripped, 658 MW FI→EE lost', kind: 'trip' },
      { t: 900, label: '12:35:00 protection tripped L1', kind: 'protection-trip' },
    ]);
    expect(logMarkers(server, 1000)).toHaveLength(1);
  });

  it('formats the structured figures of an entry', () => {
    expect(logFigures(server[1]!)).toBe('658 MW');
    expect(logFigures(server[2]!)).toBe('49.71 Hz');
    expect(logFigures(server[4]!)).toBe('131 %');
    expect(logFigures({ ...server[1]!, MW: -1234.4, Hz: 50 })).toBe('1,234 MW · 50.00 Hz');
    expect(logFigures(server[0]!)).toBe('');
  });
});

describe('which kinds mark the timeline', () => {
  it('every kind of the schema but the notes (frequency, warning, info)', () => {
    expect([...MARKER_KINDS].sort()).toEqual(
      LogKindSchema.options.filter((k) => !['frequency', 'warning', 'info'].includes(k)).sort(),
    );
    expect(MARKER_KINDS.has('operator')).toBe(true);
    expect(MARKER_KINDS.has('trip')).toBe(true);
  });
});
