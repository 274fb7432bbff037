// Variant axes: a field of the scenario and the values to try for it. `--topology` and
// `--operator` are axes on `topology` and `options.operator.enabled`; `--set PATH=V1,V2` is an
// axis on any other field. Variants are the cartesian product of the axes (the first axis
// outermost). A value is checked when the plan applies it (plan.ts): the path must name a field
// the scenario schema knows, and the result must be a valid scenario.
import type { SweepAxisSpec, SweepSpec } from '@finest/protocol';
import { SweepSpecError } from './errors.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export interface AxisValue {
  /** as shown in the variant label */
  label: string;
  value: JsonValue;
}

export interface Axis {
  /** the name in labels and in variantValues: "topology", "operator" or the path */
  name: string;
  /** dotted path in the scenario */
  path: string;
  values: AxisValue[];
}

/** One combination of axis values. */
export interface Variant {
  /** "topology=current, operator=off"; "as written" when there is no axis */
  label: string;
  /** axis name → value */
  values: Record<string, JsonValue>;
  /** what to set: path → value */
  assignments: { path: string; value: JsonValue }[];
}

/** Fields a variant may not set: the sweep itself decides them. */
const RESERVED: Record<string, string> = {
  schemaVersion: 'the file format version',
  id: 'the scenario id (results are grouped by it)',
  start: 'the start hour (give --hours)',
  'options.seed': 'the seed (give --seeds)',
};

export const AS_WRITTEN = 'as written';

const valueLabel = (v: JsonValue): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The axes a spec asks for, in label order. */
export function axesOf(spec: Pick<SweepSpec, 'topology' | 'operator' | 'set'>): Axis[] {
  const axes: Axis[] = [];
  if (spec.topology)
    axes.push({
      name: 'topology',
      path: 'topology',
      values: unique(spec.topology, 'topology').map((t) => ({ label: t, value: t })),
    });
  if (spec.operator)
    axes.push({
      name: 'operator',
      path: 'options.operator.enabled',
      values: unique(spec.operator, 'operator').map((o) => ({ label: o, value: o === 'on' })),
    });
  (spec.set ?? []).forEach((axis: SweepAxisSpec, k) => {
    const path = axis.path.trim();
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(path))
      throw new SweepSpecError(
        `set.${k}.path`,
        `"${axis.path}" is not a dotted path of scenario fields (e.g. options.protection.delayAt120PctS)`,
      );
    for (const [reserved, what] of Object.entries(RESERVED))
      if (path === reserved || path.startsWith(`${reserved}.`))
        throw new SweepSpecError(`set.${k}.path`, `${path} is ${what}; a variant cannot set it`);
    if (path === 'topology' && spec.topology)
      throw new SweepSpecError(`set.${k}.path`, 'topology is already an axis (--topology)');
    if (path.startsWith('options.operator.enabled') && spec.operator)
      throw new SweepSpecError(
        `set.${k}.path`,
        'options.operator.enabled is already an axis (--operator)',
      );
    if (axes.some((a) => a.path === path))
      throw new SweepSpecError(`set.${k}.path`, `${path} is given twice; list its values once`);
    const values = axis.values as JsonValue[];
    const labels = values.map(valueLabel);
    const dup = labels.find((l, i) => labels.indexOf(l) !== i);
    if (dup !== undefined)
      throw new SweepSpecError(`set.${k}.values`, `${path}: value ${dup} is given twice`);
    axes.push({
      name: path,
      path,
      values: values.map((v, i) => ({ label: labels[i]!, value: v })),
    });
  });
  return axes;
}

function unique<T extends string>(list: readonly T[], name: string): T[] {
  const dup = list.find((x, i) => list.indexOf(x) !== i);
  if (dup !== undefined) throw new SweepSpecError(name, `${name}: "${dup}" is given twice`);
  return [...list];
}

/** Every combination of the axes' values; one "as written" variant without axes. */
export function variantsOf(axes: readonly Axis[]): Variant[] {
  let out: Variant[] = [{ label: '', values: {}, assignments: [] }];
  for (const axis of axes)
    out = out.flatMap((v) =>
      axis.values.map((x) => ({
        label: v.label ? `${v.label}, ${axis.name}=${x.label}` : `${axis.name}=${x.label}`,
        values: { ...v.values, [axis.name]: x.value },
        assignments: [...v.assignments, { path: axis.path, value: x.value }],
      })),
    );
  return out.map((v) => (v.label ? v : { ...v, label: AS_WRITTEN }));
}

/**
 * `PATH=V1,V2,…` from the command line: each value is JSON when it parses as JSON (numbers,
 * booleans, null, "quoted", arrays, objects), else the bare text; commas inside brackets or
 * quotes do not split.
 */
export function parseSetOption(text: string): SweepAxisSpec {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new SweepSpecError('set', `--set expects PATH=VALUE[,VALUE…], got "${text}"`);
  const path = text.slice(0, eq).trim();
  const raw = splitTopLevel(text.slice(eq + 1));
  if (raw.some((v) => v.trim() === ''))
    throw new SweepSpecError('set', `--set ${path}: empty value in "${text.slice(eq + 1)}"`);
  const values = raw.map((v): JsonValue => {
    const t = v.trim();
    try {
      return JSON.parse(t) as JsonValue;
    } catch {
      if (/^[[{"]/.test(t))
        throw new SweepSpecError('set', `--set ${path}: ${t} is not valid JSON`);
      return t;
    }
  });
  return { path, values };
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** `--set` options merged: the values of a path given more than once are appended. */
export function mergeSetOptions(specs: SweepAxisSpec[]): SweepAxisSpec[] {
  const byPath = new Map<string, SweepAxisSpec>();
  for (const s of specs) {
    const found = byPath.get(s.path);
    if (found) found.values.push(...s.values);
    else byPath.set(s.path, { path: s.path, values: [...s.values] });
  }
  return [...byPath.values()];
}
