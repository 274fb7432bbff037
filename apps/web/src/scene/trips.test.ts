import { readFileSync } from 'node:fs';
import type { LogEntry } from '@finest/scenario/schema';
import { describe, expect, it } from 'vitest';
import { createFlowStyles, LINE } from './buffers.ts';
import { buildSceneModel, readNetwork } from './network-model.ts';
import { tripsByElement, tripTimes, writeEventTrips } from './trips.ts';

const model = buildSceneModel(
  readNetwork(
    JSON.parse(
      readFileSync(new URL('../../../../data/networks/fi-ee.json', import.meta.url), 'utf8'),
    ),
    'fi-ee',
  ),
);

const entry = (t: number, kind: LogEntry['kind'], el?: LogEntry['element']): LogEntry => ({
  t,
  clock: '',
  kind,
  text: '',
  ...(el ? { element: el } : {}),
});

describe('trips from the log', () => {
  const line = model.network.branches[3]!.id;
  const cable = model.network.hvdcLinks[0]!.id;
  const log = [
    entry(0, 'info'),
    entry(300, 'trip', { kind: 'branch', id: line }),
    entry(302, 'protection-trip', { kind: 'branch', id: line }),
    entry(364, 'trip', { kind: 'hvdc', id: cable }),
    entry(400, 'restore', { kind: 'branch', id: line }),
    entry(500, 'trip', { kind: 'substation', id: 'FI:HEL-W' }),
  ];

  it('groups trips by line or cable, leaving other entries out', () => {
    const by = tripsByElement(log);
    expect([...by.keys()]).toEqual([`branch:${line}`, `hvdc:${cable}`]);
    expect(by.get(`branch:${line}`)!.map((e) => e.t)).toEqual([300, 302]);
  });

  it('draws an element out of service as tripped once the log has tripped it', () => {
    const times = tripTimes(log, model);
    expect(times.branch[3]).toBe(300);
    expect(times.branch[4]).toBe(Infinity);
    expect(times.hvdc[0]).toBe(364);
    const st = createFlowStyles(model.network.branches.length);
    st.code.fill(LINE.OUT);
    st.code[5] = LINE.NORMAL;
    writeEventTrips(st, times.branch, 299);
    expect(st.code[3]).toBe(LINE.OUT);
    writeEventTrips(st, times.branch, 300);
    // tripped by the log; the others stay out of service, and one in service stays in
    expect(st.code[3]).toBe(LINE.TRIPPED);
    expect(st.code[4]).toBe(LINE.OUT);
    expect(st.code[5]).toBe(LINE.NORMAL);
  });
});
