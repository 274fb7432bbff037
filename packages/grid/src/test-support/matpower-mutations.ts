// Mutations of MATPOWER case text for the reader's fuzz tests. Each mutation is plain data
// (positions are naturals taken modulo the size of what they index), so fast-check can shrink a
// failing input to a few small edits of a real case file.
import fc from 'fast-check';
import { insertAt, truncateAt } from './text-edits.ts';

/** Tokens that are numbers to some reader but not all (MATLAB, Number(), parseFloat). */
// prettier-ignore
export const ODD_NUMBERS = [
  'NaN', 'nan', '-NaN', 'Inf', '-Inf', '+Inf', 'inf', 'Infinity', '-Infinity', '1e308', '-1e308',
  '1e400', '-1e400', '1e-400', '4.9e-324', '-0', '+0', '0x1F', '0b1', '1_0', '+', '-', '.', '1e',
  '1e+', '1.2.3', '--1', '1d3', '.5', '5.', '9007199254740993', '1'.repeat(400), '١٢', 'NaN(1)',
  'true', "'1'", '1;2', '1,,2', '[1]', '{1}', '1%', '1...', 'i', '2i', '1e5_', '',
];

/** Characters and fragments to insert: separators, brackets, quotes, odd blanks, non-ASCII. */
// prettier-ignore
export const FRAGMENTS = [
  '\0', '\f', '\v', '\u00a0', '\u2028', '\ufeff', '\ud800', 'é', '😀', '[', ']', '{', '}', '(',
  ')', "'", '"', '%', '...', '\r', '\n', '\r\n', ';', ',', '=', ' ', '\t', 'mpc.', 'mpc.bus = [',
  'function mpc = x', '];', '};', 'NaN', '1e400', 'end', 'return',
];

/** Field names a case may hold, known or not, and object keys a naive lookup would trip on. */
// prettier-ignore
export const FIELD_NAMES = [
  'bus', 'gen', 'branch', 'gencost', 'dcline', 'areas', 'baseMVA', 'version', 'bus_name',
  'genfuel', 'gentype', 'foo', 'x1', 'constructor', '__proto__', 'toString', 'hasOwnProperty',
  'valueOf',
];

const pos = fc.nat();
const longRun = fc
  .record({
    unit: fc.constantFrom('1', 'x', ' ', '.', '%', "'", '[', 'mpc.a = 1; ', '1e5 '),
    n: fc.integer({ min: 1_000, max: 50_000 }),
  })
  .map(({ unit, n }) => unit.repeat(Math.ceil(n / unit.length)));
const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: longRun },
);
/** a long run of digits that is no number in the end: slow for a backtracking pattern */
export const longBadNumber = fc
  .record({
    n: fc.integer({ min: 1_000, max: 50_000 }),
    tail: fc.constantFrom('x', '.', 'e', '.1.', '1e+', 'e5e'),
  })
  .map(({ n, tail }) => '1'.repeat(n) + tail);
const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ODD_NUMBERS) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 100_000 }).map(String) },
  { weight: 1, arbitrary: longBadNumber },
);

export const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: pos }),
  fc.record({ kind: fc.constant('insert' as const), at: pos, text: fragment }),
  fc.record({ kind: fc.constant('delete-line' as const), line: pos }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: pos }),
  fc.record({ kind: fc.constant('swap-lines' as const), line: pos, other: pos }),
  fc.record({ kind: fc.constant('drop-column' as const), row: pos, col: pos }),
  fc.record({ kind: fc.constant('add-column' as const), row: pos, col: pos, token }),
  fc.record({ kind: fc.constant('replace-token' as const), row: pos, col: pos, token }),
  fc.record({
    kind: fc.constant('unknown-bus' as const),
    row: pos,
    col: fc.constantFrom(0, 1),
    bus: fc.oneof(fc.integer({ min: -3, max: 1_000_000 }), fc.constantFrom(0.5, 1e21, -0)),
  }),
  fc.record({ kind: fc.constant('duplicate-bus' as const), row: pos, other: pos }),
  fc.record({
    kind: fc.constant('remove-field' as const),
    field: fc.constantFrom('baseMVA', 'version', 'bus', 'gen', 'branch', 'gencost', 'bus_name'),
  }),
  fc.record({ kind: fc.constant('isolate-bus' as const), row: pos }),
  fc.record({
    kind: fc.constant('rename-field' as const),
    line: pos,
    name: fc.constantFrom(...FIELD_NAMES),
  }),
  fc.record({ kind: fc.constant('one-line' as const) }),
);
export type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

/** Matrix of each line: the field whose rows it holds, '' outside a matrix or cell array. */
function sectionOf(lines: string[]): string[] {
  let current = '';
  return lines.map((l) => {
    const open = /^\s*mpc\.(\w+)\s*=\s*[[{]/.exec(l);
    if (open) {
      current = /[\]}]\s*;?\s*$/.test(l) ? '' : open[1]!;
      return '';
    }
    if (/^\s*[\]}]/.test(l)) current = '';
    return current;
  });
}

const isRow = (l: string): boolean => /^\s*[-+.\d]/.test(l);

/** Line numbers (0-based) of the data rows of `field`, or of every matrix when omitted. */
function rowLines(lines: string[], field?: string): number[] {
  const sections = sectionOf(lines);
  const out: number[] = [];
  sections.forEach((s, k) => {
    if (s !== '' && (field === undefined || s === field) && isRow(lines[k]!)) out.push(k);
  });
  return out;
}

const tokensOf = (row: string): string[] =>
  row.replace(/%.*$/, '').replace(/;\s*$/, '').trim().split(/\s+/);
const rowOf = (tokens: string[]): string => `\t${tokens.join('\t')};`;

/** Rewrites one token list of a data row picked by `row` among `rows`. */
function editRow(
  lines: string[],
  rows: number[],
  row: number,
  edit: (tokens: string[]) => void,
): string[] {
  if (rows.length === 0) return lines;
  const k = rows[row % rows.length]!;
  const tokens = tokensOf(lines[k]!);
  edit(tokens);
  const out = [...lines];
  out[k] = rowOf(tokens);
  return out;
}

function applyToLines(lines: string[], m: Mutation): string[] {
  const n = lines.length;
  switch (m.kind) {
    case 'delete-line':
      return lines.filter((_, k) => k !== m.line % n);
    case 'duplicate-line':
      return lines.flatMap((l, k) => (k === m.line % n ? [l, l] : [l]));
    case 'swap-lines': {
      const out = [...lines];
      const [a, b] = [m.line % n, m.other % n];
      [out[a], out[b]] = [lines[b]!, lines[a]!];
      return out;
    }
    case 'drop-column':
      return editRow(lines, rowLines(lines), m.row, (t) => t.splice(m.col % t.length, 1));
    case 'add-column':
      return editRow(lines, rowLines(lines), m.row, (t) =>
        t.splice(m.col % (t.length + 1), 0, m.token),
      );
    case 'replace-token':
      return editRow(lines, rowLines(lines), m.row, (t) => t.splice(m.col % t.length, 1, m.token));
    case 'unknown-bus': {
      const rows = [...rowLines(lines, 'gen'), ...rowLines(lines, 'branch')];
      return editRow(lines, rows, m.row, (t) => (t[m.col] = String(m.bus)));
    }
    case 'duplicate-bus': {
      const rows = rowLines(lines, 'bus');
      const other = rows.length > 0 ? tokensOf(lines[rows[m.other % rows.length]!]!)[0]! : '1';
      return editRow(lines, rows, m.row, (t) => (t[0] = other));
    }
    case 'remove-field':
      return removeField(lines, m.field);
    case 'isolate-bus':
      return isolateBus(lines, m.row);
    case 'rename-field': {
      const fields = lines.flatMap((l, k) => (/^\s*mpc\.\w+\s*=/.test(l) ? [k] : []));
      if (fields.length === 0) return lines;
      const k = fields[m.line % fields.length]!;
      const out = [...lines];
      out[k] = lines[k]!.replace(/mpc\.\w+/, `mpc.${m.name}`);
      return out;
    }
    default:
      return lines;
  }
}

/** Deletes the statement `mpc.<field> = ...` (all its lines when it is a matrix). */
function removeField(lines: string[], field: string): string[] {
  const start = lines.findIndex((l) => new RegExp(`^\\s*mpc\\.${field}\\s*=`).test(l));
  if (start < 0) return lines;
  let end = start;
  if (/[[{]\s*$/.test(lines[start]!))
    while (end < lines.length - 1 && !/^\s*[\]}]/.test(lines[end]!)) end++;
  return lines.filter((_, k) => k < start || k > end);
}

/** Cuts one bus off and removes its generators: an island with no generation. */
function isolateBus(lines: string[], row: number): string[] {
  const buses = rowLines(lines, 'bus');
  if (buses.length === 0) return lines;
  const bus = tokensOf(lines[buses[row % buses.length]!]!)[0]!;
  const drop = new Set([
    ...rowLines(lines, 'gen').filter((k) => tokensOf(lines[k]!)[0] === bus),
    ...rowLines(lines, 'branch').filter((k) => tokensOf(lines[k]!).slice(0, 2).includes(bus)),
  ]);
  return lines.filter((_, k) => !drop.has(k));
}

export function applyMutation(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'truncate':
      return truncateAt(text, m.at);
    case 'insert':
      return insertAt(text, m.at, m.text);
    case 'one-line':
      return text.replace(/\r?\n/g, ' ');
    default:
      return applyToLines(text.split('\n'), m).join('\n');
  }
}

/**
 * Puts `token` in column `col` of data row `row` of mpc.<field> (0-based, modulo the rows and
 * columns there are): the new text, the row and column taken, and the token's 1-based line and
 * column in the text; null when the field has no rows.
 */
export function replaceCell(
  text: string,
  field: string,
  row: number,
  col: number,
  token: string,
): { text: string; index: number; line: number; column: number; col: number } | null {
  const lines = text.split('\n');
  const rows = rowLines(lines, field);
  if (rows.length === 0) return null;
  const index = row % rows.length;
  const k = rows[index]!;
  const tokens = tokensOf(lines[k]!);
  const c = col % tokens.length;
  tokens[c] = token;
  lines[k] = rowOf(tokens);
  const column = 2 + tokens.slice(0, c).reduce((n, t) => n + t.length + 1, 0);
  return { text: lines.join('\n'), index, line: k + 1, column, col: c };
}
