// Checks shared by the MATPOWER reader's fuzz tests: what every network read from a case must
// satisfy, however odd the file was, and what every refusal must look like.
import { expect } from 'vitest';
import { MatpowerParseError } from '../errors.ts';
import { parseMatpower } from '../matpower/parse.ts';
import { matpowerToNetwork } from '../matpower/to-network.ts';
import type { Network } from '../schema/network.ts';
import { attempt, HANG_BOUND_MS, type FuzzTally } from './fuzz.ts';

/** Fields that may be ±Infinity: MATPOWER's "no limit" (gen, dcline, branch angles and ratings). */
const MAY_BE_INFINITE =
  /^(?:generators\[\d+\]\.(?:Qmax|Qmin|Pmax|Pmin|matpowerExtra\[\d+\])|branches\[\d+\]\.(?:rate[ABC]|angmin|angmax)|hvdcLinks\[\d+\]\.(?:Pmin|Pmax|Qminf|Qmaxf|Qmint|Qmaxt))$/;

/** The non-finite numbers in a value and their paths, e.g. "generators[2].Qmax". */
export function nonFinite(
  value: unknown,
  path = '',
  out: [string, number][] = [],
): [string, number][] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push([path, value]);
  } else if (Array.isArray(value)) {
    value.forEach((v, k) => nonFinite(v, `${path}[${k}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) nonFinite(v, path ? `${path}.${key}` : key, out);
  }
  return out;
}

/**
 * A network from a case file: unique positive-integer bus ids, every reference to a bus resolves,
 * no NaN anywhere, ±Infinity only where MATPOWER means "no limit" (never in gencost), and none
 * at all once `infinityAs` replaced them.
 */
export function expectSoundNetwork(net: Network, infinityReplaced = false): void {
  const ids = new Set(net.buses.map((b) => b.id));
  expect(ids.size, 'bus ids are unique').toBe(net.buses.length);
  const badIds = [...ids].filter((id) => {
    const n = Number(id);
    return !(Number.isInteger(n) && n > 0 && String(n) === id);
  });
  expect(badIds, 'bus ids that are no positive integer').toEqual([]);
  const refs = [
    ...net.generators.map((g) => g.bus),
    ...net.branches.flatMap((b) => [b.from, b.to]),
    ...net.hvdcLinks.flatMap((h) => [h.from, h.to]),
  ];
  expect(
    refs.filter((ref) => !ids.has(ref)),
    'references to missing buses',
  ).toEqual([]);
  expect(net.baseMVA > 0 && Number.isFinite(net.baseMVA), 'baseMVA').toBe(true);
  const allowed = infinityReplaced ? /^$/ : MAY_BE_INFINITE;
  const bad = nonFinite(net).filter(([path, v]) => Number.isNaN(v) || !allowed.test(path));
  expect(bad, 'NaN, or ±Infinity outside the fields that may hold it').toEqual([]);
}

/** Lines of a text as the reader counts them (LF, CR LF and a lone CR each end one). */
export const lineCount = (text: string): number => (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;

/**
 * A refusal: the package's own MatpowerParseError (anything else is a bug in the reader and is
 * thrown on), naming the file and a line of the text, and a column on that line when it has one.
 */
export function expectParseError(err: unknown, file: string, text: string): MatpowerParseError {
  if (!(err instanceof MatpowerParseError)) throw err;
  expect(err.code).toBe('FINEST_MATPOWER_PARSE');
  expect(err.file).toBe(file);
  expect(err.message.startsWith(`${file}:${err.line}: `), err.message).toBe(true);
  expect(err.line).toBeGreaterThanOrEqual(1);
  expect(err.line).toBeLessThanOrEqual(lineCount(text));
  if (err.column !== undefined) expect(err.column).toBeGreaterThanOrEqual(1);
  return err;
}

/** Reads text into a network, or the refusal; checks the outcome either way (see above). */
export function readChecked(
  text: string,
  file: string,
  tally?: FuzzTally,
): Network | MatpowerParseError {
  const out = attempt(() => matpowerToNetwork(parseMatpower(text, file)));
  // a hang detector, not a speed check (see HANG_BOUND_MS)
  expect(out.ms, 'parse time (ms)').toBeLessThan(HANG_BOUND_MS);
  tally?.outcome(out.ok ? 'network' : 'refused');
  if (!out.ok) return expectParseError(out.error, file, text);
  expectSoundNetwork(out.value);
  expectSoundNetwork(matpowerToNetwork(parseMatpower(text, file), { infinityAs: 1e5 }), true);
  return out.value;
}
