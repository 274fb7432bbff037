import { describe, expect, it } from 'vitest';
import { ScenarioValidationError } from '../errors.ts';
import { parseScenario } from '../parse-scenario.ts';

const minimal = {
  schemaVersion: 1,
  id: 'test-scenario',
  title: 'Test',
  start: { hour: 100 },
  durationS: 600,
};

const issuesOf = (json: unknown): { path: string; message: string }[] => {
  try {
    parseScenario(json, 'test.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioValidationError);
    return (e as ScenarioValidationError).issues;
  }
  throw new Error('expected the scenario to be rejected');
};

describe('ScenarioSchema', () => {
  it('fills the documented defaults', () => {
    const s = parseScenario(minimal);
    expect(s.network).toBe('fi-ee');
    expect(s.topology).toBe('current');
    expect(s.stepS).toBe(60);
    expect(s.options.seed).toBe(1);
    expect(s.options.protection.delayAt120PctS).toBe(600);
    expect(s.options.protection.enabled).toBe(true);
  });

  it('names the path of every bad field at once', () => {
    const issues = issuesOf({
      ...minimal,
      id: 'Bad Id',
      durationS: -1,
      events: [
        { type: 'trip', at: 10, element: { kind: 'pipeline', id: 'X' } },
        { type: 'explode', at: 1 },
        { type: 'set-hvdc', at: 'soon', link: 'H1', MW: 10 },
      ],
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'durationS',
        'events[0].element.kind',
        'events[1].type',
        'events[2].at',
      ]),
    );
  });

  it('rejects events after the end and ambiguous demand scaling', () => {
    const issues = issuesOf({
      ...minimal,
      events: [
        { type: 'trip', at: 601, element: { kind: 'branch', id: 'L1' } },
        { type: 'scale-demand', at: 0, scope: { country: 'FI', area: 'nordic' }, factor: 1.1 },
        {
          type: 'scale-demand',
          at: 0,
          scope: { country: 'FI' },
          factor: 1.1,
          temperatureDeltaC: -5,
        },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual(['events[1].scope', 'events[2]', 'events[0].at']);
    expect(issues[2]!.message).toContain('after the end');
  });

  it('accepts a start time with an offset and rejects one without', () => {
    expect(
      parseScenario({ ...minimal, start: { time: '2024-12-25T12:20:00+02:00' } }).start,
    ).toEqual({
      time: '2024-12-25T12:20:00+02:00',
    });
    expect(issuesOf({ ...minimal, start: { time: 'Christmas' } })[0]!.path).toBe('start.time');
  });
});
