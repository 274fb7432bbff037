// MATPOWER case file (.m) reader: `function mpc = name`, `mpc.version`, `mpc.baseMVA`, numeric
// matrices `mpc.x = [ ... ];` (rows end at `;` or a line break; numbers separated by blanks or
// commas; `%` comments and `...` continuations anywhere; Inf kept as Infinity; NaN rejected),
// and cell arrays of strings (`bus_name`, `genfuel`, `gentype`). Other numeric fields are kept
// raw in `other`; other fields are skipped; both are noted in `warnings`. Version 1 files (the
// `function [baseMVA, bus, gen, branch, ...] = name` form, `mpc.version = '1'`, or no version
// and fewer than 21 gen columns) are converted to version 2 as MATPOWER's loadcase does. A v2
// gen matrix of 11–20 columns is padded with zeros to 21. It reads data, not MATLAB: indexed
// assignments such as `mpc.bus(:, 9) = 0` and expressions are refused with their line.
// Reference: MATPOWER manual, appendix B (CASEFORMAT); MATPOWER lib/loadcase.m.
import {
  GEN_COLUMNS,
  MIN_COLUMNS,
  matrixFromRows,
  reshapeColumns,
  rowCount,
  type MatpowerCase,
  type MatrixField,
  type StringCellField,
} from './case.ts';
import { readCell, readMatrix } from './literals.ts';
import { Scanner } from './scanner.ts';
import { branchVersion1To2, genVersion1To2 } from './version1.ts';

const DQUOTE = 34;
const QUOTE = 39;
const LPAREN = 40;
const COMMA = 44;
const DOT = 46;
const SEMI = 59;
const EQUALS = 61;
const LBRACKET = 91;
const LBRACE = 123;
const PERCENT = 37;

const MATRICES = new Set(['bus', 'gen', 'branch', 'gencost', 'dcline', 'areas']);
// Maps, not object literals: a field may be named `constructor` or `__proto__`
const STRING_CELLS = new Map<string, StringCellField>([
  ['bus_name', 'busName'],
  ['genfuel', 'genFuel'],
  ['gentype', 'genType'],
]);

/**
 * a number or ±Inf, then blanks and the end of the statement (`\d+(?:\.\d*)?`, not `\d+\.?\d*`:
 * the latter splits a run of digits two ways at every position and backtracks quadratically)
 */
const SCALAR = /[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[Ii]nf)[ \t]*(?:[;,%\r\n]|$)/y;

export function parseMatpower(text: string, fileName = 'case.m'): MatpowerCase {
  const s = new Scanner(text, fileName);
  const matrices = new Map<string, MatrixField>();
  const cells: Partial<Record<StringCellField, string[]>> = {};
  const cellLines: Partial<Record<StringCellField, number>> = {};
  const other = new Map<string, MatrixField>();
  const warnings: string[] = [];
  let name = '';
  let struct = 'mpc';
  let version = '';
  let versionLine = 0;
  let baseMVA: number | undefined;
  /** output names of a version 1 function, whose fields are plain variables */
  let v1Outputs = null as Set<string> | null; // `as`: assigned in readFunctionHeader

  /** After a value: optional `;` or `,`, then the end of the line or another statement. */
  function endStatement(field: string): void {
    s.skipInline();
    const c = s.peek();
    if (c === SEMI || c === COMMA) {
      s.pos++;
      return;
    }
    if (!s.atLineEnd())
      throw s.error(
        `mpc.${field}: unexpected "${s.restOfLine(20)}" after the value`,
        s.line,
        s.column,
      );
  }

  /** True when the value at pos is one number token followed by the end of its statement. */
  function isNumberStatement(): boolean {
    SCALAR.lastIndex = s.pos;
    return SCALAR.test(text);
  }

  /** Skips an expression we do not evaluate, to the end of its statement. */
  function skipExpression(): string {
    const start = s.pos;
    for (;;) {
      const c = s.peek();
      if (s.atLineEnd() || c === SEMI || c === PERCENT) break;
      if (c === DOT && s.isContinuation()) s.skipContinuation();
      else if (c === QUOTE || c === DQUOTE) s.readString();
      else s.pos++;
    }
    return text.slice(start, s.pos).trim();
  }

  function readFunctionHeader(line: number): void {
    const header = s.restOfLine(1000);
    s.skipToLineEnd();
    const m = /^(?:(\w+)\s*=\s*|\[([^\]]*)\]\s*=\s*)?(\w+)/.exec(header);
    if (!m) throw s.error(`cannot read the function line "function ${header}"`, line);
    if (name !== '') return; // a later subfunction
    name = m[3]!;
    if (m[1] !== undefined) struct = m[1];
    if (m[2] !== undefined) {
      v1Outputs = new Set(m[2].split(/[\s,]+/).filter((x) => x !== ''));
      if (!v1Outputs.has('baseMVA') || !v1Outputs.has('bus'))
        throw s.error(`expected "function mpc = ${name}" or a version 1 case function`, line);
    }
  }

  for (;;) {
    s.skipBlank();
    if (s.atEnd()) break;
    const line = s.line;
    const statementStart = s.restOfLine();
    const word = s.readIdentifier();
    if (word === 'function') {
      readFunctionHeader(line);
      continue;
    }
    if (word === 'return' || word === 'end' || word === 'endfunction') {
      endStatement(word);
      continue;
    }
    let field = '';
    if (word === struct && s.peek() === DOT) {
      s.pos++;
      field = s.readIdentifier();
    } else if (v1Outputs?.has(word)) {
      field = word;
    }
    if (field === '')
      throw s.error(`expected "mpc.<field> = ..." but found "${statementStart}"`, line);
    s.skipInline();
    if (s.peek() === LPAREN || s.peek() === DOT)
      throw s.error(
        `mpc.${field}: indexed or nested assignments are not supported (the reader takes data, not MATLAB code)`,
        line,
      );
    if (s.peek() !== EQUALS) throw s.error(`expected "=" after mpc.${field}`, line, s.column);
    s.pos++;
    s.skipInline();
    const c = s.peek();

    if (c === LBRACKET) {
      s.pos++;
      const m = readMatrix(s, field, line);
      if (MATRICES.has(field)) matrices.set(field, m);
      else {
        other.set(field, m);
        warnings.push(`${fileName}:${line}: mpc.${field} is not used (kept raw in "other")`);
      }
    } else if (c === LBRACE) {
      s.pos++;
      const key = STRING_CELLS.get(field);
      const strings = readCell(s, field, line, key !== undefined);
      if (key) {
        cells[key] = strings;
        cellLines[key] = line;
      } else warnings.push(`${fileName}:${line}: mpc.${field} (a cell array) is not used`);
    } else if (field === 'version') {
      version = c === QUOTE || c === DQUOTE ? s.readString() : String(s.readNumber('version', 0));
      versionLine = line;
    } else if (field === 'baseMVA') {
      baseMVA = s.readNumber('baseMVA', 0);
    } else if (MATRICES.has(field) || STRING_CELLS.has(field)) {
      throw s.error(
        `mpc.${field} must be a ${MATRICES.has(field) ? 'matrix [...]' : 'cell array {...}'}`,
        line,
      );
    } else if (isNumberStatement()) {
      other.set(field, matrixFromRows([[s.readNumber(field, 0)]], [line], line));
      warnings.push(`${fileName}:${line}: mpc.${field} is not used (kept raw in "other")`);
    } else {
      const expr = skipExpression();
      warnings.push(`${fileName}:${line}: mpc.${field} = ${expr.slice(0, 30)} is not used`);
    }
    endStatement(field);
  }

  const endLine = s.line;
  const missing = (what: string) =>
    s.error(`missing mpc.${what} (reached the end of the file)`, endLine);
  if (baseMVA === undefined) throw missing('baseMVA');
  if (!(baseMVA > 0) || !Number.isFinite(baseMVA))
    throw s.error(`mpc.baseMVA must be a positive number, got ${baseMVA}`, endLine);

  const checkColumns = (field: keyof typeof MIN_COLUMNS, m: MatrixField): MatrixField => {
    const min = MIN_COLUMNS[field];
    const width = rowCount(m) > 0 ? m.width : min;
    if (width < min)
      throw s.error(
        `mpc.${field} row 1 has ${width} columns, expected at least ${min}`,
        m.lines[0] ?? m.line,
      );
    return m;
  };
  const required = (field: 'bus' | 'gen' | 'branch'): MatrixField => {
    const m = matrices.get(field);
    if (!m) throw missing(field);
    return checkColumns(field, m);
  };
  const bus = required('bus');
  if (rowCount(bus) === 0) throw s.error('mpc.bus has no rows', bus.line);
  let gen = required('gen');
  let branch = required('branch');

  const genWidth = rowCount(gen) > 0 ? gen.width : GEN_COLUMNS;
  const isV1 = v1Outputs !== null || version === '1' || (version === '' && genWidth < GEN_COLUMNS);
  if (isV1) {
    gen = genVersion1To2(gen);
    branch = branchVersion1To2(branch);
    warnings.push(
      `${fileName}: converted from MATPOWER case format version 1 (gen columns 11–21 set to 0, branch angmin/angmax set to -360/360${version === '' && v1Outputs === null ? '; the file has no mpc.version and fewer than 21 gen columns' : ''})`,
    );
  } else if (version !== '' && version !== '2') {
    throw s.error(
      `unsupported MATPOWER case format version "${version}" (expected "2" or "1")`,
      versionLine,
    );
  } else if (genWidth > MIN_COLUMNS.gen && genWidth < GEN_COLUMNS) {
    gen = reshapeColumns(gen, GEN_COLUMNS, genWidth, () => 0);
    warnings.push(
      `${fileName}:${gen.line}: mpc.gen has ${genWidth} columns; columns ${genWidth + 1}–21 set to 0`,
    );
  }

  const out: MatpowerCase = {
    name: name || fileName.replace(/^.*[\\/]/, '').replace(/\.m$/, ''),
    fileName,
    version: '2',
    baseMVA,
    bus,
    gen,
    branch,
    warnings,
  };
  for (const field of ['gencost', 'dcline', 'areas'] as const) {
    const m = matrices.get(field);
    if (m && rowCount(m) > 0) out[field] = checkColumns(field, m);
  }
  if (cells.busName) out.busName = cells.busName;
  if (cells.genFuel) out.genFuel = cells.genFuel;
  if (cells.genType) out.genType = cells.genType;
  if (Object.keys(cellLines).length > 0) out.cellLines = cellLines;
  if (other.size > 0) out.other = Object.fromEntries(other);
  return out;
}
