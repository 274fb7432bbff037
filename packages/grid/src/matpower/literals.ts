// The two literals of a MATPOWER case that hold its data: a numeric matrix `[ ... ]` and a cell
// array of strings `{ ... }`, read from the scanner at the character after the opening bracket.
// Module-level functions, not closures of parseMatpower: V8 keeps their optimised code from one
// call (and one parse) to the next, and their loop variables stay in registers. A matrix goes
// row after row into one growing Float64Array (case.ts), so a 10,000-bus case allocates a
// handful of arrays, not one per row.
import type { MatrixField } from './case.ts';
import { decimalValue, fastDecimal, type Scanner } from './scanner.ts';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const QUOTE = 39;
const COMMA = 44;
const DOT = 46;
const SEMI = 59;
const RBRACKET = 93;
const RBRACE = 125;
const PERCENT = 37;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

/** `name = ...` or `mpc.name = ...` at pos: the next statement, so a literal was left open */
const NEXT_FIELD = /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?\s*=/y;

export function atNextField(s: Scanner): boolean {
  NEXT_FIELD.lastIndex = s.pos;
  return NEXT_FIELD.test(s.text);
}

export function readMatrix(s: Scanner, field: string, startLine: number): MatrixField {
  const text = s.text;
  let values = new Float64Array(1024);
  let count = 0;
  /** where the row being read starts in values */
  let rowStart = 0;
  let rowLine = 0;
  let width = -1;
  const lines: number[] = [];
  // The common characters (blanks, plain decimals) are read here with a local position; the
  // rest goes through the scanner, which keeps the line count, with s.pos synchronised.
  let pos = s.pos;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === TAB || c === SPACE || c === COMMA) {
      pos++;
      continue;
    }
    if ((c >= ZERO && c <= NINE) || c === MINUS) {
      const end = fastDecimal(text, pos);
      if (end >= 0) {
        if (count === rowStart) rowLine = s.line;
        if (count === values.length) values = grow(values);
        values[count++] = decimalValue[0]!;
        pos = end;
        continue;
      }
    }
    s.pos = pos;
    if (c === LF || c === CR || c === SEMI || c === RBRACKET) {
      // the end of a row, if it has entries (blank lines and `;` after a line break are none)
      if (count > rowStart) {
        const length = count - rowStart;
        if (width < 0) width = length;
        else if (length !== width)
          throw s.error(
            `mpc.${field} row ${lines.length + 1} has ${length} columns, expected ${width} like row 1`,
            rowLine,
          );
        lines.push(rowLine);
        rowStart = count;
      }
      if (c === SEMI) s.pos++;
      else if (c === RBRACKET) {
        s.pos++;
        return {
          width: Math.max(width, 0),
          values: values.slice(0, count),
          lines,
          line: startLine,
        };
      } else s.newline();
    } else if (c === PERCENT) {
      s.skipToLineEnd();
    } else if (Number.isNaN(c)) {
      throw s.error(`mpc.${field}: matrix is not closed with "];"`, startLine);
    } else if (c === DOT && s.isContinuation()) {
      s.skipContinuation();
    } else {
      if (!s.atNumber() && atNextField(s))
        throw s.error(`mpc.${field}: matrix is not closed with "];" before the next field`);
      if (count === rowStart) rowLine = s.line;
      if (count === values.length) values = grow(values);
      values[count++] = s.readNumber(field, lines.length + 1);
    }
    pos = s.pos;
  }
}

function grow(values: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(2 * values.length);
  grown.set(values);
  return grown;
}

/** Reads a cell array; entries other than quoted strings are an error when `strict`. */
export function readCell(s: Scanner, field: string, startLine: number, strict: boolean): string[] {
  const text = s.text;
  const out: string[] = [];
  for (;;) {
    const c = text.charCodeAt(s.pos);
    if (c === SPACE || c === TAB || c === COMMA || c === SEMI) s.pos++;
    else if (c === LF || c === CR) s.newline();
    else if (c === PERCENT) s.skipToLineEnd();
    else if (c === QUOTE || c === DQUOTE) out.push(s.readString());
    else if (c === RBRACE) {
      s.pos++;
      return out;
    } else if (Number.isNaN(c)) {
      throw s.error(`mpc.${field}: cell array is not closed with "};"`, startLine);
    } else if (c === DOT && s.isContinuation()) {
      s.skipContinuation();
    } else if (atNextField(s)) {
      throw s.error(`mpc.${field}: cell array is not closed with "};" before the next field`);
    } else if (strict) {
      throw s.error(
        `mpc.${field} entry ${out.length + 1}: expected a quoted string, found "${s.restOfLine(20)}"`,
        s.line,
        s.column,
      );
    } else {
      // skip a non-string entry of a cell array we do not use; its first character at least,
      // since a blank the loop above does not take (form feed, no-break space) would stall it
      do s.pos++;
      while (!/[\s,;%}]/.test(text[s.pos] ?? '}'));
    }
  }
}
