// Character-level scanner for MATPOWER `.m` case files: one pass over the text keeping the line
// number, skipping blanks, `%` comments and `...` continuations, and reading identifiers,
// quoted strings and numbers. Decimal numbers take Clinger's fast path: an integer mantissa
// below 2^53 scaled by an exact power of ten up to 10^22 is correctly rounded by one IEEE
// multiply or divide (rounding is monotonic, so a computed mantissa below 2^53 is exact).
// Anything else goes through Number(), so every value is the double Number() would give.
// References: MATLAB syntax for comments, continuations, matrix and cell array literals;
// W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990.
import { MatpowerParseError } from '../errors.ts';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34; // "
const PERCENT = 37;
const COMMA = 44;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const SEMI = 59;
const RBRACKET = 93;
const RBRACE = 125;
const ZERO = 48;
const NINE = 57;
const BOM = 0xfeff;

/**
 * A MATLAB decimal. `\d+(?:\.\d*)?`, not `\d+\.?\d*`: the latter splits a run of digits two
 * ways at every position, so a long bad token ("111…1x") backtracks quadratically.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const MAX_EXACT = 2 ** 53;
/** the rest of a line: everything up to a line break (LF or CR) */
const LINE_REST = /[^\n\r]*/y;
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** True for the characters that end a number token inside a matrix or cell array. */
function endsToken(c: number): boolean {
  return (
    c === SPACE ||
    c === TAB ||
    c === COMMA ||
    c === SEMI ||
    c === LF ||
    c === CR ||
    c === PERCENT ||
    c === RBRACKET ||
    c === RBRACE ||
    Number.isNaN(c)
  );
}

const isIdent = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= ZERO && c <= NINE) || c === 95;

/** The value found by the last fastDecimal (a slot, so that the hot loop boxes no double). */
export const decimalValue = new Float64Array(1);

/**
 * Reads the decimal token at i: returns the index after it, with its value in decimalValue[0],
 * or -1 when the token is no MATLAB decimal (Inf, NaN, a malformed token: Scanner.readNumber
 * then reads or reports it). Clinger's fast path when the digits are below 2^53 and the
 * exponent within ±22, else Number() of the token.
 */
export function fastDecimal(text: string, i: number): number {
  const start = i;
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === MINUS || c === PLUS) {
    negative = c === MINUS;
    c = text.charCodeAt(++i);
  }
  let mantissa = 0;
  let digits = 0;
  let exp10 = 0;
  while (c >= ZERO && c <= NINE) {
    mantissa = mantissa * 10 + (c - ZERO);
    digits++;
    c = text.charCodeAt(++i);
  }
  if (c === DOT) {
    c = text.charCodeAt(++i);
    while (c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      exp10--;
      c = text.charCodeAt(++i);
    }
  }
  if (digits > 0 && (c === 101 || c === 69)) {
    // e / E exponent
    c = text.charCodeAt(++i);
    let expNegative = false;
    if (c === MINUS || c === PLUS) {
      expNegative = c === MINUS;
      c = text.charCodeAt(++i);
    }
    let e = 0;
    let expDigits = 0;
    while (c >= ZERO && c <= NINE) {
      if (e < 100000) e = e * 10 + (c - ZERO);
      expDigits++;
      c = text.charCodeAt(++i);
    }
    if (expDigits === 0) return -1; // "1e" is malformed: the slow path reports it
    exp10 += expNegative ? -e : e;
  }
  if (digits === 0 || !endsToken(c)) return -1;
  if (mantissa >= MAX_EXACT || exp10 < -22 || exp10 > 22) {
    // a valid decimal outside the fast path (17 digits, as shortest round-trip writers give):
    // Number() reads every MATLAB decimal the same way, correctly rounded
    decimalValue[0] = Number(text.slice(start, i));
    return i;
  }
  const v = exp10 < 0 ? mantissa / POW10[-exp10]! : mantissa * POW10[exp10]!;
  decimalValue[0] = negative ? -v : v;
  return i;
}

export class Scanner {
  pos = 0;
  /** 1-based line of `pos` */
  line = 1;
  private lineStart = 0;
  readonly text: string;
  readonly file: string;

  constructor(text: string, file: string) {
    this.text = text;
    this.file = file;
    // a UTF-8 byte order mark (Windows editors write one) is no part of the first line
    if (text.charCodeAt(0) === BOM) this.pos = this.lineStart = 1;
  }

  /** 1-based column of `pos` */
  get column(): number {
    return this.pos - this.lineStart + 1;
  }

  error(detail: string, line = this.line, column?: number): MatpowerParseError {
    return new MatpowerParseError(this.file, line, detail, column);
  }

  /** Char code at pos, NaN at the end. */
  peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Consumes a line end (LF or CR LF or lone CR) at pos. */
  newline(): void {
    if (this.text.charCodeAt(this.pos) === CR) this.pos++;
    if (this.text.charCodeAt(this.pos) === LF) this.pos++;
    this.line++;
    this.lineStart = this.pos;
  }

  /** Index of the line break (LF or CR) ending the line at `from`, or the end of the text. */
  lineEnd(from = this.pos): number {
    LINE_REST.lastIndex = from;
    LINE_REST.test(this.text);
    return LINE_REST.lastIndex;
  }

  /** Moves pos to the end of the current line (before its line break). */
  skipToLineEnd(): void {
    this.pos = this.lineEnd();
  }

  /** At `...`: skips the rest of the line and its line break (MATLAB continuation). */
  isContinuation(): boolean {
    return this.text.charCodeAt(this.pos) === DOT && this.startsWith('...');
  }

  skipContinuation(): void {
    this.skipToLineEnd();
    if (!this.atEnd()) this.newline();
  }

  /** Skips blanks, comments and continuations on the current line, stopping at a line break. */
  skipInline(): void {
    for (;;) {
      const c = this.peek();
      if (c === SPACE || c === TAB) this.pos++;
      else if (c === PERCENT) this.skipToLineEnd();
      else if (this.isContinuation()) this.skipContinuation();
      else return;
    }
  }

  /** Skips blanks, comments and line breaks. */
  skipBlank(): void {
    for (;;) {
      this.skipInline();
      const c = this.peek();
      if (c === LF || c === CR) this.newline();
      else return;
    }
  }

  /** True at a line break or the end of the text. */
  atLineEnd(): boolean {
    const c = this.peek();
    return c === LF || c === CR || Number.isNaN(c);
  }

  readIdentifier(): string {
    const start = this.pos;
    while (isIdent(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** The rest of the current line without consuming it, for messages. */
  restOfLine(max = 40): string {
    let from = this.pos;
    while (this.text.charCodeAt(from) === SPACE || this.text.charCodeAt(from) === TAB) from++;
    // a window, not the whole line: one long line of many statements must stay linear
    const window = this.text.slice(from, from + max + 1);
    LINE_REST.lastIndex = 0;
    LINE_REST.test(window);
    const line = window.slice(0, LINE_REST.lastIndex).trimEnd();
    return line.length > max ? `${line.slice(0, max)}…` : line;
  }

  /** Reads a '…' (with '' for a quote) or "…" (with "" for a quote) string at pos. */
  readString(): string {
    const q = this.peek();
    const quote = q === DQUOTE ? '"' : "'";
    const startLine = this.line;
    const startCol = this.column;
    let out = '';
    let from = ++this.pos;
    const end = this.lineEnd();
    for (;;) {
      const at = this.text.indexOf(quote, this.pos);
      if (at < 0 || at >= end)
        throw this.error(`string is not closed with ${quote} on its line`, startLine, startCol);
      if (this.text.charCodeAt(at + 1) === q) {
        out += this.text.slice(from, at + 1);
        this.pos = from = at + 2;
      } else {
        out += this.text.slice(from, at);
        this.pos = at + 1;
        return out;
      }
    }
  }

  /** True when the character at pos can start a number token. */
  atNumber(): boolean {
    const c = this.peek();
    return (c >= ZERO && c <= NINE) || c === MINUS || c === PLUS || c === DOT;
  }

  /**
   * Reads one number token (up to a separator, `;`, `]`, `}`, `%` or a line break). Accepts
   * MATLAB decimals and `Inf`/`-Inf` (kept as ±Infinity); rejects NaN and anything else with a
   * message naming `mpc.<field> row <row>` (row 0: a scalar field) and the token.
   */
  readNumber(field: string, row: number): number {
    const text = this.text;
    const start = this.pos;
    const end = fastDecimal(text, start);
    if (end >= 0) {
      this.pos = end;
      return decimalValue[0]!;
    }
    let i = start;
    while (!endsToken(text.charCodeAt(i))) i++;
    this.pos = i;
    return this.slowNumber(text.slice(start, i), field, row, start);
  }

  private slowNumber(token: string, field: string, row: number, start: number): number {
    const column = start - this.lineStart + 1;
    const what = row > 0 ? `mpc.${field} row ${row}` : `mpc.${field}`;
    const bare = token.replace(/^[+-]/, '');
    if (/^inf$/i.test(bare)) return token.startsWith('-') ? -Infinity : Infinity;
    if (/^nan$/i.test(bare)) throw this.error(`${what}: NaN is not allowed`, this.line, column);
    // Number() also takes "0x1F", "Infinity" and other forms that are no MATLAB decimals
    const v = DECIMAL.test(token) ? Number(token) : NaN;
    if (Number.isNaN(v)) throw this.error(`${what}: "${token}" is not a number`, this.line, column);
    return v;
  }
}
