// Planning: keys that change with every input a run depends on and with nothing else, and bad
// sweeps refused before anything runs, with the field named.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioLibrary, type Scenario } from '@finest/scenario';
import { axesOf } from './axes.ts';
import { bundledEngineContext, type EngineContext } from './engine-context.ts';
import { jobKey } from './job-key.ts';
import { layoutFromStore, layoutOfPlan } from './layout.ts';
import { planSweep, type SweepDefinition } from './plan.ts';

let ctx: EngineContext;
let estlink2: Scenario;
beforeAll(async () => {
  ctx = await bundledEngineContext();
  estlink2 = loadScenarioLibrary().find((s) => s.id === 'estlink2-2024-12-25')!;
});

const def = (over: Partial<SweepDefinition> = {}): SweepDefinition => ({
  title: 't',
  scenarios: [estlink2],
  hours: [0, 24],
  seeds: null,
  axes: [],
  ...over,
});

describe('planSweep', () => {
  it('plans scenario × variant × hour × seed, with keys and payloads', () => {
    const p = planSweep(def({ seeds: [1, 2], axes: axesOf({ operator: ['on', 'off'] }) }), ctx);
    expect(p.jobs).toHaveLength(2 * 2 * 2);
    expect(new Set(p.jobs.map((j) => j.key)).size).toBe(8);
    expect(p.head.variants.map((v) => v.label)).toEqual(['operator=on', 'operator=off']);
    const job = p.payload(p.jobs[3]!);
    expect(job.scenario.start).toEqual({ hour: 24 });
    expect(job.seed).toBe(2);
    expect(job.scenario.options.operator.enabled).toBe(true);
    expect(p.payload(p.jobs[4]!).scenario.options.operator.enabled).toBe(false);
  });

  it('can be laid out again from what the store keeps (head, definition, keys)', () => {
    const p = planSweep(
      def({ seeds: null, axes: axesOf({ topology: ['current', 'pre-2025'] }) }),
      ctx,
    );
    const keys = p.jobs.map((j) => j.key);
    expect(layoutFromStore(p.head, p.definition, p.profileStart, keys)).toEqual(layoutOfPlan(p));
    const q = planSweep(def({ seeds: [3, 4, 5] }), ctx);
    expect(
      layoutFromStore(
        q.head,
        q.definition,
        q.profileStart,
        q.jobs.map((j) => j.key),
      ),
    ).toEqual(layoutOfPlan(q));
    expect(() => layoutFromStore(p.head, p.definition, p.profileStart, keys.slice(1))).toThrow(
      /3 job keys stored, the head describes 4/,
    );
  });

  it('gives the same sweep the same id and keys, whatever its title or description', () => {
    const a = planSweep(def(), ctx);
    const b = planSweep(
      def({ title: 'other', scenarios: [{ ...estlink2, description: 'reworded' }] }),
      ctx,
    );
    expect(b.id).toBe(a.id);
    expect(b.jobs.map((j) => j.key)).toEqual(a.jobs.map((j) => j.key));
    const c = planSweep(def({ scenarios: [{ ...estlink2, durationS: 1800 }] }), ctx);
    expect(c.jobs[0]!.key).not.toBe(a.jobs[0]!.key);
  });

  it('keys change with the engine version, hour, seed and variant', () => {
    const base = {
      networkHash: 'n',
      dataHash: 'd',
      scenarioDigest: 's',
      hour: 1,
      seed: 1,
      variant: {},
      engineVersion: 2,
    };
    const k = jobKey(base);
    expect(jobKey({ ...base })).toBe(k);
    for (const change of [
      { engineVersion: 3 },
      { hour: 2 },
      { seed: 2 },
      { variant: { operator: false } },
      { networkHash: 'm' },
      { dataHash: 'e' },
    ])
      expect(jobKey({ ...base, ...change })).not.toBe(k);
  });

  it('refuses an hour outside the profile', () => {
    expect(() => planSweep(def({ hours: [0, 8760] }), ctx)).toThrow(
      /hour 8760 is outside the profile \(0–8759\)/,
    );
  });

  it('refuses an unknown variant key, naming it', () => {
    expect(() =>
      planSweep(def({ axes: axesOf({ set: [{ path: 'options.nope', values: [1] }] }) }), ctx),
    ).toThrow(/options\.nope is not a field of a scenario/);
    expect(() =>
      planSweep(def({ axes: axesOf({ set: [{ path: 'nothing.here', values: [1] }] }) }), ctx),
    ).toThrow(/nothing \(in nothing\.here\) is not a field/);
  });

  it('refuses a value the schema or the network does not take', () => {
    expect(() =>
      planSweep(def({ axes: axesOf({ set: [{ path: 'durationS', values: ['long'] }] }) }), ctx),
    ).toThrow(/durationS/);
    expect(() =>
      planSweep(def({ axes: axesOf({ set: [{ path: 'network', values: ['mars'] }] }) }), ctx),
    ).toThrow(/network "mars", which is not available/);
    expect(() =>
      planSweep(
        def({ axes: axesOf({ set: [{ path: 'events.1.element.id', values: ['NOPE'] }] }) }),
        ctx,
      ),
    ).toThrow(/cannot be run/);
  });
});
