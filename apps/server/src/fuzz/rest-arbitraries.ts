// fast-check generators of hostile REST input: path segments (traversal, encodings, control
// characters, too long), query strings, and bodies with their content types.
import fc from 'fast-check';

const TRAVERSAL = [
  '..',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2fpackage.json',
  '..%5c..%5cwindows',
  '%2e%2e',
  '....//....//etc',
  '%00',
  'a%00b',
  '%ff%fe',
  '%',
  '%zz',
  '.finest-data',
  'finest.db',
  '%2Fetc%2Fpasswd',
];

export const arbitrarySegment = (known: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 3, arbitrary: fc.constantFrom(...TRAVERSAL) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
    },
    { weight: 1, arbitrary: fc.integer({ min: 201, max: 5000 }).map((n) => 'x'.repeat(n)) },
  );

export const arbitraryQuery = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(''),
    fc
      .array(
        fc.tuple(
          fc.constantFrom('from', 'to', 'format', 'a', 'b', 'fromTick', 'id', 'token', '__proto__'),
          fc.oneof(
            fc.integer().map(String),
            fc.constantFrom('json', 'binary', 'NaN', '-1', '1e309', '', '[]', '{}'),
            fc.string({ maxLength: 20 }),
          ),
        ),
        { maxLength: 4 },
      )
      .map((kv) => '?' + kv.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')),
  );

export interface FuzzBody {
  contentType?: string;
  payload?: string;
}

/** A valid object with one field dropped, retyped or set to a hostile value. */
const mutated = (valid: Record<string, unknown>): fc.Arbitrary<unknown> =>
  fc
    .tuple(
      fc.constantFrom(...Object.keys(valid), '__proto__', 'constructor', 'extra'),
      fc.oneof(
        fc.constant(undefined),
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom(1e308, -1e308, -0, 2 ** 53 + 1, '', 'x'.repeat(10_000)),
      ),
    )
    .map(([key, value]) => {
      const copy: Record<string, unknown> = { ...valid };
      if (value === undefined) delete copy[key];
      else copy[key] = value;
      return copy;
    });

const deep = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

export const arbitraryBody = (validScenario: Record<string, unknown>): fc.Arbitrary<FuzzBody> => {
  const json = (v: unknown): FuzzBody => ({
    contentType: 'application/json',
    payload: JSON.stringify(v),
  });
  return fc.oneof(
    fc.constant<FuzzBody>({}),
    mutated({ ...validScenario, id: 'fuzz' }).map(json),
    mutated({ scenario: { ...validScenario, id: 'fuzz-run' } }).map(json),
    mutated({ scenarioId: 'estlink2-2024-12-25', seed: 3 }).map(json),
    mutated({
      atS: 60,
      events: [{ type: 'trip', at: 60, element: { kind: 'hvdc', id: 'H14816' } }],
    }).map(json),
    fc.jsonValue({ maxDepth: 4 }).map(json),
    fc.string({ maxLength: 200 }).map((payload) => ({ contentType: 'application/json', payload })),
    fc.constantFrom<FuzzBody>(
      { contentType: 'application/json', payload: '{"a":' },
      { contentType: 'application/json', payload: deep(5000) },
      { contentType: 'application/json', payload: 'x'.repeat(70 * 1024) },
      { contentType: 'text/plain', payload: 'x'.repeat(200 * 1024) },
      { contentType: 'application/json', payload: '{"__proto__":{"polluted":1}}' },
      { contentType: 'application/json; charset=utf-16', payload: '{}' },
    ),
    fc
      .tuple(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/octet-stream',
          'application/xml',
          '',
          'garbage',
        ),
        fc.string({ maxLength: 300 }),
      )
      .map(([contentType, payload]) => ({ contentType, payload })),
  );
};
