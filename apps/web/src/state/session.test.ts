import { readFileSync } from 'node:fs';
import type { RunInfo } from '@finest/protocol';
import { describe, expect, it } from 'vitest';
import { buildSceneModel, readNetwork } from '../scene/network-model.ts';
import { logIndexAt } from './app-store.ts';
import { RunHistory } from './history.ts';
import { invert, runMaps, speedFor } from './session.ts';
import type { Frame, LogEntry } from '@finest/scenario/schema';

const net = readNetwork(
  JSON.parse(
    readFileSync(new URL('../../../../data/networks/fi-ee.json', import.meta.url), 'utf8'),
  ),
  'fi-ee',
);
const model = buildSceneModel(net);

function run(layout: Partial<RunInfo['layout']>): RunInfo {
  return {
    id: 'r1',
    scenarioId: 's',
    title: 't',
    networkId: 'fi-ee',
    seed: 1,
    startTime: '2024-12-25T10:20:00Z',
    durationS: 3600,
    status: 'running',
    layout: {
      networkId: 'fi-ee',
      busIds: [],
      branchIds: [],
      hvdcIds: [],
      generatorIds: [],
      areaIds: ['nordic', 'continental'],
      ...layout,
    },
  };
}

const entry = (t: number, text: string): LogEntry => ({ t, clock: '', kind: 'info', text });

describe('run maps', () => {
  it('maps a layout onto the scene both ways and watches both Estlinks by name', () => {
    const ids = net.hvdcLinks.map((l) => l.id).reverse();
    const m = runMaps(run({ busIds: ['EE:6558', 'FI:6556', 'XX:1'], hvdcIds: ids }), model, [
      ['FI:6556'],
      ['EE:6558', 'nowhere'],
    ]);
    expect(m.bus[2]).toBe(-1);
    expect(m.busInv[model.busIndex.get('FI:6556')!]).toBe(1);
    expect(Array.from(m.districtFeeders[1]!)).toEqual([0, -1]);
    expect(m.linkNames).toEqual(['Estlink 1', 'Estlink 2']);
    // Estlink 2 is H14816: its layout index in the reversed list
    expect(m.summary.links[1]).toBe(ids.indexOf('H14816'));
    expect(Array.from(m.summary.busCountry)).toEqual([1, 0, -1]); // EE, FI, unknown
  });

  it('inverts index maps, ignoring elements the scene lacks', () => {
    expect(Array.from(invert(Int32Array.from([2, -1, 0]), 3))).toEqual([2, -1, 0]);
  });
});

describe('playback helpers', () => {
  it('picks a nice speed that shows a run in about two minutes', () => {
    expect(speedFor(3600)).toBe(30);
    expect(speedFor(86_400)).toBe(1200);
    expect(speedFor(60)).toBe(1);
    expect(speedFor(10 * 86_400)).toBe(3600);
  });

  it('finds the log entry at the playhead', () => {
    const log = [entry(0, 'a'), entry(100, 'b'), entry(364, 'trip')];
    expect(logIndexAt(log, -1)).toBe(-1);
    expect(logIndexAt(log, 0)).toBe(0);
    expect(logIndexAt(log, 363.9)).toBe(1);
    expect(logIndexAt(log, 364)).toBe(2);
    expect(logIndexAt(log, 1e9)).toBe(2);
  });

});

describe('run history', () => {
  it('keeps one summary row per tick, grows, and knows gaps', () => {
    const ctx = {
      countries: 2,
      busCountry: Int8Array.from([0, 1]),
      links: Int32Array.from([0]),
      areas: 1,
    };
    const h = new RunHistory('r', ctx, 2);
    const frame = (tick: number, shedEE: number): Frame => ({
      tick,
      t: tick * 60,
      keyframe: false,
      busVm: Float32Array.of(1, 1),
      busVa: Float32Array.of(0, 0),
      busLoadMW: Float32Array.of(100, 50),
      busShedMW: Float32Array.of(0, shedEE),
      branchFlowMW: new Float32Array(0),
      branchLoadingPct: new Float32Array(0),
      branchStatus: new Uint8Array(0),
      hvdcMW: Float32Array.of(650),
      hvdcStatus: Uint8Array.of(1),
      generatorMW: new Float32Array(0),
      areaFrequencyHz: Float32Array.of(49.9),
    });
    h.add(frame(0, 0));
    h.add(frame(5, 20));
    expect(h.count).toBe(6);
    expect(h.t.length).toBeGreaterThanOrEqual(6);
    expect(h.value(5, 1)).toBe(20);
    expect(h.value(3, 1)).toBeNaN();
    expect(h.value(0, 4)).toBe(650);
    expect(h.lastT()).toBe(300);
    // a run's frames never change: the same tick again is no news for the charts
    const seq = h.seq;
    h.add(frame(5, 20));
    expect(h.seq).toBe(seq);
  });
});
