// Variant axes: the cartesian product and its labels, --set parsing (JSON values, commas
// inside brackets), and the fields a variant may not set.
import { describe, expect, it } from 'vitest';
import { axesOf, mergeSetOptions, parseSetOption, variantsOf } from './axes.ts';
import { SweepSpecError } from './errors.ts';
import { droppedPart, setAtPath } from './set-path.ts';

describe('variant axes', () => {
  it('are the product of topology, operator and --set, first axis outermost', () => {
    const axes = axesOf({
      topology: ['current', 'pre-2025'],
      operator: ['on', 'off'],
      set: [{ path: 'options.protection.delayAt120PctS', values: [300, 600] }],
    });
    const v = variantsOf(axes);
    expect(v).toHaveLength(8);
    expect(v[0]!.label).toBe(
      'topology=current, operator=on, options.protection.delayAt120PctS=300',
    );
    expect(v[7]!.values).toEqual({
      topology: 'pre-2025',
      operator: false,
      'options.protection.delayAt120PctS': 600,
    });
    expect(v[1]!.assignments).toEqual([
      { path: 'topology', value: 'current' },
      { path: 'options.operator.enabled', value: true },
      { path: 'options.protection.delayAt120PctS', value: 600 },
    ]);
  });

  it('without any axis are one variant, as written', () => {
    expect(variantsOf(axesOf({}))).toEqual([{ label: 'as written', values: {}, assignments: [] }]);
  });

  it('refuse reserved fields, repeats and paths that are not paths', () => {
    const bad =
      (set: { path: string; values: unknown[] }[], more = {}) =>
      () =>
        axesOf({ ...more, set: set as never });
    expect(bad([{ path: 'start', values: [1] }])).toThrow(/start hour \(give --hours\)/);
    expect(bad([{ path: 'options.seed', values: [1] }])).toThrow(/--seeds/);
    expect(bad([{ path: 'id', values: ['x'] }])).toThrow(SweepSpecError);
    expect(bad([{ path: 'a..b', values: [1] }])).toThrow(/not a dotted path/);
    expect(bad([{ path: 'durationS', values: [1, 1] }])).toThrow(/given twice/);
    expect(bad([{ path: 'topology', values: ['current'] }], { topology: ['current'] })).toThrow(
      /already an axis/,
    );
    expect(() => axesOf({ operator: ['on', 'on'] })).toThrow(/given twice/);
  });
});

describe('--set PATH=VALUE', () => {
  it('reads JSON values, bare words and commas inside brackets', () => {
    expect(parseSetOption('options.protection.enabled=true,false')).toEqual({
      path: 'options.protection.enabled',
      values: [true, false],
    });
    expect(parseSetOption('network=fi-ee')).toEqual({ path: 'network', values: ['fi-ee'] });
    expect(
      parseSetOption('options.ufls.ips-ups=[{"frequencyHz":49,"shedPct":10}],[]').values,
    ).toEqual([[{ frequencyHz: 49, shedPct: 10 }], []]);
    expect(parseSetOption('title="a, b"').values).toEqual(['a, b']);
  });

  it('names what is wrong', () => {
    expect(() => parseSetOption('durationS')).toThrow(/PATH=VALUE/);
    expect(() => parseSetOption('durationS=1,,2')).toThrow(/empty value/);
    expect(() => parseSetOption('events={"at":')).toThrow(/not valid JSON/);
  });

  it('merges repeated paths', () => {
    expect(
      mergeSetOptions([parseSetOption('durationS=600'), parseSetOption('durationS=1200')]),
    ).toEqual([{ path: 'durationS', values: [600, 1200] }]);
  });
});

describe('values at paths', () => {
  it('are set on a copy, creating objects on the way', () => {
    const root = { a: { b: 1 }, list: [{ x: 1 }] };
    const out = setAtPath(root, 'a.c.d', 2) as { a: { c: { d: number } } };
    expect(out.a.c.d).toBe(2);
    expect(root).toEqual({ a: { b: 1 }, list: [{ x: 1 }] });
    expect((setAtPath(root, 'list.0.x', 5) as typeof root).list[0]!.x).toBe(5);
    expect(() => setAtPath(root, 'list.3.x', 5)).toThrow(/has 1 items/);
  });

  it('that the schema dropped are found, defaults beside them are not', () => {
    expect(droppedPart({ a: { b: 1 } }, 'a.b', 1)).toBeNull();
    expect(droppedPart({ a: {} }, 'a.nope', 1)).toBe('a.nope');
    expect(droppedPart({}, 'x.y', 1)).toBe('x');
    expect(droppedPart({ a: { b: 1, c: 2 } }, 'a', { b: 1 })).toBeNull();
    expect(droppedPart({ a: { b: 1 } }, 'a', { b: 1, z: 0 })).toBe('a.z');
  });
});
