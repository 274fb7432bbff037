import { describe, expect, it } from 'vitest';
import {
  DuplicateScenarioSchema,
  FramesQuerySchema,
  GeoLayerNameSchema,
  IdParamSchema,
} from './rest.ts';
import { StartRunSchema } from './start-run.ts';

describe('REST schemas', () => {
  it('ids in URLs cannot carry a path', () => {
    for (const id of ['../etc/passwd', 'a/b', 'a\\b', '.', '', 'x'.repeat(101), 'a b'])
      expect(IdParamSchema.safeParse({ id }).success, id).toBe(false);
    for (const id of ['fi-ee', 'run_01', 'A9']) expect(IdParamSchema.parse({ id }).id).toBe(id);
  });

  it('geo layers are a fixed list', () => {
    expect(GeoLayerNameSchema.safeParse('land').success).toBe(true);
    expect(GeoLayerNameSchema.safeParse('../networks/fi-ee').success).toBe(false);
  });

  it('a run names exactly one of scenarioId or scenario', () => {
    expect(StartRunSchema.safeParse({ scenarioId: 'a' }).success).toBe(true);
    expect(StartRunSchema.safeParse({}).success).toBe(false);
    const both = StartRunSchema.safeParse({
      scenarioId: 'a',
      scenario: { schemaVersion: 1, id: 'b', title: 'B', start: { hour: 0 }, durationS: 60 },
    });
    expect(both.success).toBe(false);
    expect(StartRunSchema.safeParse({ scenarioId: 'a', seed: -1 }).error?.issues[0]?.path).toEqual([
      'seed',
    ]);
  });

  it('frame ranges come from the query string as numbers', () => {
    expect(FramesQuerySchema.parse({ from: '3', to: '9', format: 'json' })).toEqual({
      from: 3,
      to: 9,
      format: 'json',
    });
    expect(FramesQuerySchema.safeParse({ from: '-1' }).success).toBe(false);
    expect(FramesQuerySchema.safeParse({ from: 'x' }).success).toBe(false);
  });

  it('a duplicate body is optional', () => {
    expect(DuplicateScenarioSchema.parse(undefined)).toBeUndefined();
    expect(DuplicateScenarioSchema.parse(null)).toBeNull();
    expect(DuplicateScenarioSchema.safeParse({ id: 'Bad Id' }).success).toBe(false);
  });
});
