import { STATUS, type Frame } from '@finest/scenario/schema';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSceneModel, readNetwork } from '../scene/network-model.ts';
import type { SceneState } from '../state/scene-store.ts';
import { runMaps } from '../state/session.ts';
import { compareValue } from './Dialogs.tsx';
import { validateDraft } from './Editor.tsx';
import { elementInfo, liveText } from './element-info.ts';
import { fmtClock, fmtDirected, fmtDuration } from './format.ts';

describe('formats', () => {
  it('writes wall-clock time in Helsinki and signed flows with their direction', () => {
    // 10:20 UTC on 25 December is 12:20 in Helsinki (EET)
    expect(fmtClock('2024-12-25T10:20:00Z', 364)).toBe('12:26:04');
    expect(fmtClock(undefined, 3661)).toBe('+1:01:01');
    expect(fmtDuration(7200)).toBe('2:00:00');
    expect(fmtDirected(-350, 'FI', 'EE')).toBe('350 MW EE→FI');
    expect(fmtDirected(0.2, 'FI', 'EE')).toBe('0 MW');
  });
});

describe('A/B comparison', () => {
  it('marks B worse or better in the direction that matters for each measure', () => {
    expect(compareValue(10, 25, true)).toEqual({ delta: 15, mark: 'worse' });
    expect(compareValue(49.9, 49.8, false).mark).toBe('worse');
    expect(compareValue(49.8, 49.9, false).mark).toBe('better');
    expect(compareValue(5, 5, true).mark).toBe('same');
    expect(compareValue(null, 5, true).mark).toBe('same');
  });
});

describe('scenario editor validation', () => {
  const ok = {
    schemaVersion: 1,
    id: 'my-test',
    title: 'Test',
    start: { hour: 10 },
    durationS: 600,
    events: [{ type: 'trip', at: 60, element: { kind: 'hvdc', id: 'H14816' } }],
  };
  it('accepts what the server accepts', () => {
    expect(validateDraft(ok).ok).toBe(true);
  });
  it('names the path of every bad field', () => {
    const r = validateDraft({
      ...ok,
      id: 'Bad Id',
      events: [{ type: 'trip', at: 900, element: { kind: 'hvdc', id: 'H14816' } }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['id', 'events.0.at']));
  });
});

describe('what the inspector says', () => {
  const model = buildSceneModel(
    readNetwork(
      JSON.parse(
        readFileSync(new URL('../../../../data/networks/fi-ee.json', import.meta.url), 'utf8'),
      ),
      'fi-ee',
    ),
  );
  const net = model.network;
  const layout = {
    networkId: 'fi-ee',
    busIds: net.buses.map((b) => b.id),
    branchIds: net.branches.map((b) => b.id),
    hvdcIds: net.hvdcLinks.map((l) => l.id),
    generatorIds: [],
    areaIds: ['nordic'],
  };
  const maps = runMaps(
    {
      id: 'r',
      scenarioId: 's',
      title: 't',
      networkId: 'fi-ee',
      seed: 1,
      startTime: '2024-12-25T10:20:00Z',
      durationS: 60,
      status: 'done',
      layout,
    },
    model,
    [],
  );
  const nb = net.buses.length;
  const frame: Frame = {
    tick: 0,
    t: 0,
    keyframe: true,
    busVm: new Float32Array(nb).fill(1),
    busVa: new Float32Array(nb),
    busLoadMW: new Float32Array(nb).fill(10),
    busShedMW: new Float32Array(nb),
    branchFlowMW: new Float32Array(net.branches.length).fill(-120),
    branchLoadingPct: new Float32Array(net.branches.length).fill(40),
    branchStatus: new Uint8Array(net.branches.length).fill(STATUS.IN),
    hvdcMW: new Float32Array(net.hvdcLinks.length).fill(650),
    hvdcStatus: new Uint8Array(net.hvdcLinks.length).fill(STATUS.IN),
    generatorMW: new Float32Array(0),
    areaFrequencyHz: Float32Array.of(50),
  };
  const state = { model, maps, frame, districts: [] } as unknown as SceneState;

  it('gives a line its flow, direction and loading, and an Estlink its transfer', () => {
    const info = elementInfo(state, { kind: 'branch', index: 0 });
    expect(info?.ref).toEqual({ kind: 'branch', id: net.branches[0]!.id });
    expect(liveText(state, { kind: 'branch', index: 0 })).toMatch(/^120 MW .+→.+ · 40 % loaded$/);
    const e2 = model.hvdcIndex.get('H14816')!;
    expect(elementInfo(state, { kind: 'hvdc', index: e2 })?.title).toBe('Estlink 2');
    expect(liveText(state, { kind: 'hvdc', index: e2 })).toBe('650 MW FI→EE');
  });

  it('says when an element is tripped or a bus is dark', () => {
    frame.branchStatus[0] = STATUS.TRIPPED;
    frame.busVm[0] = 0;
    expect(liveText(state, { kind: 'branch', index: 0 })).toBe('TRIPPED');
    expect(liveText(state, { kind: 'substation', index: 0 })).toBe('DE-ENERGISED');
  });

  it('tells a line a scenario event tripped from one never in service, by the log', () => {
    const id = net.branches[1]!.id;
    frame.branchStatus[1] = STATUS.OUT;
    const trip = {
      t: frame.t,
      clock: '08:02:12',
      kind: 'trip' as const,
      text: 'trip',
      element: { kind: 'branch' as const, id },
    };
    expect(liveText(state, { kind: 'branch', index: 1 })).toBe('out of service');
    expect(liveText(state, { kind: 'branch', index: 1 }, [trip])).toBe('TRIPPED 08:02:12');
    // a trip the frame on screen has not reached yet says nothing of it
    expect(liveText(state, { kind: 'branch', index: 1 }, [{ ...trip, t: frame.t + 1 }])).toBe(
      'out of service',
    );
    frame.branchStatus[1] = STATUS.TRIPPED;
    expect(
      liveText(state, { kind: 'branch', index: 1 }, [{ ...trip, kind: 'protection-trip' }]),
    ).toBe('TRIPPED 08:02:12 by protection');
  });
});
