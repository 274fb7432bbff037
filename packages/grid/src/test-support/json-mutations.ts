// Mutations of JSON documents for the fuzz tests of schema-validated inputs (scenario files,
// WebSocket messages): on the value (drop, rename or retype a field, odd numbers and strings,
// huge arrays, deep nesting, keys a naive lookup trips on) and on the text (truncation, bytes,
// number literals JSON has no word for). Each mutation is plain data, positions are naturals
// taken modulo what they index, so fast-check shrinks a failure to a few small edits.
import fc from 'fast-check';
import { insertAt, truncateAt } from './text-edits.ts';

/** Values of every JSON type and then some: the JS-only NaN, ±Infinity, -0, huge and tiny. */
// prettier-ignore
export const ODD_VALUES: unknown[] = [
  null, true, false, 0, -0, -1, 1, 0.5, 1e308, -1e308, 5e-324, 2 ** 53 + 2, -(2 ** 31), 8784,
  NaN, Infinity, -Infinity, '', ' ', 'x', '0', 'NaN', 'true', 'null', '\u0000', '\ud800', '😀',
  'x'.repeat(10_000), '__proto__', 'constructor', '2024-13-45T25:61:00Z', [], [null], {}, { a: 1 },
];

/** Keys that are no field of anything, or that an object literal lookup would find anyway. */
export const ODD_KEYS = ['', 'x', '__proto__', 'constructor', 'toString', 'type', 'at', '0'];

export const jsonMutationArb = (extraValues: unknown[] = []) =>
  fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), node: fc.nat() }),
    fc.record({
      kind: fc.constant('rename' as const),
      node: fc.nat(),
      key: fc.constantFrom(...ODD_KEYS),
    }),
    fc.record({
      kind: fc.constant('set' as const),
      node: fc.nat(),
      value: fc.oneof(
        fc.constantFrom(...ODD_VALUES, ...extraValues),
        fc.double(),
        fc.string({ maxLength: 30 }),
      ),
    }),
    fc.record({
      kind: fc.constant('add' as const),
      node: fc.nat(),
      key: fc.constantFrom(...ODD_KEYS),
      value: fc.constantFrom(...ODD_VALUES, ...extraValues),
    }),
    fc.record({
      kind: fc.constant('grow' as const),
      node: fc.nat(),
      times: fc.integer({ min: 2, max: 20_000 }),
    }),
    fc.record({
      kind: fc.constant('nest' as const),
      node: fc.nat(),
      // deeper nesting is built as text (deepJson): copied and grown here it would be slow
      depth: fc.integer({ min: 1, max: 100 }),
    }),
  );
export type JsonMutation =
  ReturnType<typeof jsonMutationArb> extends fc.Arbitrary<infer M> ? M : never;

/** chars of JSON a grown array may take */
const MAX_GROWN_CHARS = 1_500_000;

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

/** Every place in a value that holds a value, parents before children. */
function slots(value: unknown, out: Slot[] = []): Slot[] {
  if (value === null || typeof value !== 'object') return out;
  const entries = Array.isArray(value)
    ? value.map((v, k) => [k, v] as const)
    : Object.entries(value);
  for (const [key, v] of entries) {
    out.push({ parent: value as Slot['parent'], key });
    slots(v, out);
  }
  return out;
}

/** Copies a JSON value, keeping NaN, ±Infinity and -0 (JSON text would turn them into null, 0). */
function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy);
  // defineProperty, not assignment: a "__proto__" key stays an own key, as JSON.parse makes it
  const out = {};
  for (const [k, v] of Object.entries(value))
    Object.defineProperty(out, k, {
      value: copy(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

function setKey(parent: Slot['parent'], key: string | number, value: unknown): void {
  Object.defineProperty(parent, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Applies one mutation to a copy of `doc`; the root itself is never replaced. */
export function applyJsonMutation(doc: unknown, m: JsonMutation): unknown {
  const out = copy(doc);
  const all = slots(out);
  if (all.length === 0) return out;
  const { parent, key } = all[m.node % all.length]!;
  const here = (parent as Record<string | number, unknown>)[key];
  switch (m.kind) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'rename':
      if (!Array.isArray(parent)) {
        delete parent[key as string];
        setKey(parent, m.key, here);
      }
      break;
    case 'set':
      setKey(parent, key, m.value);
      break;
    case 'add':
      if (here !== null && typeof here === 'object' && !Array.isArray(here))
        setKey(here as Slot['parent'], m.key, m.value);
      break;
    case 'grow': {
      // huge, but not without bound: grown twice, a document could otherwise reach gigabytes
      const items = Array.isArray(here) && here.length > 0 ? here : [here];
      const unit = (JSON.stringify(items) ?? '').length / items.length;
      const n = Math.max(2, Math.min(m.times, Math.floor(MAX_GROWN_CHARS / unit)));
      setKey(
        parent,
        key,
        Array.from({ length: n }, (_, k) => items[k % items.length]),
      );
      break;
    }
    case 'nest': {
      let v = here;
      for (let d = 0; d < m.depth; d++) v = d % 2 === 0 ? [v] : { v };
      setKey(parent, key, v);
      break;
    }
  }
  return out;
}

/** Edits of JSON text: most make it invalid JSON, some only change what it means. */
// prettier-ignore
const TEXT_FRAGMENTS = [
  'NaN', 'Infinity', '-Infinity', '-0', '1e400', '-1e400', '1e-400', '0x10', '.5', '01', '+1',
  ',', '}', ']', '{', '[', ':', '"', "'", '//c', '/*', '\\', '\\u', '\\ud800', '\u0000', '\ufeff',
  ' ', '\n', 'null', 'true', ',,', '{"a":1,}', '"__proto__":{"x":1},',
];
export const textMutationArb = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...TEXT_FRAGMENTS), fc.string({ unit: 'binary', maxLength: 8 })),
  }),
  fc.record({
    kind: fc.constant('number' as const),
    nth: fc.nat(),
    literal: fc.constantFrom(
      'NaN',
      'Infinity',
      '-Infinity',
      '1e400',
      '-1e400',
      '1e-400',
      '-0',
      '0.1e1',
      '123456789012345678901234567890',
    ),
  }),
);
export type TextMutation = typeof textMutationArb extends fc.Arbitrary<infer M> ? M : never;

export function applyTextMutation(text: string, m: TextMutation): string {
  switch (m.kind) {
    case 'truncate':
      return truncateAt(text, m.at);
    case 'insert':
      return insertAt(text, m.at, m.text);
    case 'number': {
      const numbers = [...text.matchAll(/(?<=[:[,]\s*)-?\d[\d.eE+-]*/g)];
      if (numbers.length === 0) return text;
      const n = numbers[m.nth % numbers.length]!;
      return text.slice(0, n.index) + m.literal + text.slice(n.index + n[0].length);
    }
  }
}

/** JSON text of `depth` nested arrays or objects around a number, too deep to build as a value. */
export const deepJson = (depth: number, objects: boolean): string =>
  objects
    ? `${'{"v":'.repeat(depth)}1${'}'.repeat(depth)}`
    : `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** Freezes a value all the way down, so that a parser writing into its input throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
