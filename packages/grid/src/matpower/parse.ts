// A MATPOWER case file (.m) reader: `function mpc = name`, `mpc.version`, `mpc.baseMVA`,
// numeric matrices `mpc.x = [ ... ];` (rows ended by `;` or a new line, `%` comments, `...`
// continuations, commas or blanks between numbers, Inf), and cell arrays of strings
// (`bus_name`, `genfuel`, `gentype`). Other fields are skipped on purpose and noted in
// `warnings`. Reference: MATPOWER manual, appendix B (CASEFORMAT).
import { MatpowerParseError } from '../errors.ts';
import { MIN_COLUMNS, type MatpowerCase, type MatrixField } from './case.ts';

const FIELD = /^mpc\.([A-Za-z_]\w*)\s*=\s*(.*)$/;
const STRING_CELLS: Record<string, 'busName' | 'genFuel' | 'genType'> = {
  bus_name: 'busName',
  genfuel: 'genFuel',
  gentype: 'genType',
};

/** Removes a `%` comment that is not inside a quoted string. */
function stripComment(line: string): string {
  const pct = line.indexOf('%');
  if (pct < 0) return line;
  if (line.indexOf("'") < 0 || line.indexOf("'") > pct) return line.slice(0, pct);
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "'") quoted = !quoted;
    else if (ch === '%' && !quoted) return line.slice(0, i);
  }
  return line;
}

function parseNumber(token: string, file: string, line: number, what: string): number {
  const v = Number(token);
  if (token === 'Inf' || token === '+Inf') return Infinity;
  if (token === '-Inf') return -Infinity;
  if (Number.isNaN(v) || token === '') {
    const hint = /^nan$/i.test(token) ? 'NaN is not allowed' : `"${token}" is not a number`;
    throw new MatpowerParseError(file, line, `${what}: ${hint}`);
  }
  return v;
}

export function parseMatpower(text: string, fileName = 'case.m'): MatpowerCase {
  const lines = text.split(/\r?\n/);
  const matrices = new Map<string, MatrixField>();
  const cells: Partial<Record<'busName' | 'genFuel' | 'genType', string[]>> = {};
  const warnings: string[] = [];
  let name = '';
  let version = '';
  let baseMVA: number | undefined;

  let i = 0;
  /** Next logical line (comments stripped, `...` continuations joined) and its number. */
  const next = (): { text: string; line: number } | null => {
    if (i >= lines.length) return null;
    const line = i + 1;
    let t = stripComment(lines[i++]!);
    while (/\.\.\.\s*$/.test(t) && i < lines.length) {
      t = t.replace(/\.\.\.\s*$/, ' ') + stripComment(lines[i++]!);
    }
    return { text: t.trim(), line };
  };

  for (let cur = next(); cur !== null; cur = next()) {
    const { text: t, line } = cur;
    if (t === '') continue;
    const fn = /^function\s+(?:\w+\s*=\s*)?(\w+)/.exec(t);
    if (fn) {
      name = fn[1]!;
      continue;
    }
    const m = FIELD.exec(t);
    if (!m) {
      if (/^(?:return|end)\b/.test(t)) continue;
      throw new MatpowerParseError(
        fileName,
        line,
        `expected "mpc.<field> = ..." but found "${t.slice(0, 40)}"`,
      );
    }
    const field = m[1]!;
    let rest = m[2]!.trim();
    if (rest.startsWith('[')) {
      matrices.set(field, readMatrix(rest.slice(1), line, field));
    } else if (rest.startsWith('{')) {
      const strings = readCell(rest.slice(1), line, field);
      const key = STRING_CELLS[field];
      if (key) cells[key] = strings;
      else warnings.push(`${fileName}:${line}: mpc.${field} (cell array) ignored`);
    } else {
      rest = rest.replace(/;\s*$/, '').trim();
      if (field === 'version') version = rest.replace(/^'(.*)'$/, '$1');
      else if (field === 'baseMVA') baseMVA = parseNumber(rest, fileName, line, 'mpc.baseMVA');
      else warnings.push(`${fileName}:${line}: mpc.${field} ignored`);
    }
  }

  function readMatrix(first: string, startLine: number, field: string): MatrixField {
    const rows: number[][] = [];
    const rowLines: number[] = [];
    let pending: number[] = [];
    let pendingLine = startLine;
    let body = first;
    let bodyLine = startLine;
    for (;;) {
      const close = body.indexOf(']');
      const segment = close >= 0 ? body.slice(0, close) : body;
      const parts = segment.split(';');
      parts.forEach((part) => {
        const tokens = part.split(/[\s,]+/).filter((x) => x !== '');
        if (tokens.length > 0 && pending.length === 0) pendingLine = bodyLine;
        for (const tok of tokens) {
          pending.push(parseNumber(tok, fileName, bodyLine, `mpc.${field} row ${rows.length + 1}`));
        }
        // every part ends a row: it ends at a `;`, at `]` or at the end of the line (MATLAB
        // matrix syntax; `...` continuations were already joined by next())
        if (pending.length > 0) {
          rows.push(pending);
          rowLines.push(pendingLine);
          pending = [];
        }
      });
      if (close >= 0) break;
      const cur = next();
      if (cur === null)
        throw new MatpowerParseError(
          fileName,
          startLine,
          `mpc.${field}: matrix is not closed with "];"`,
        );
      body = cur.text;
      bodyLine = cur.line;
      if (FIELD.test(body))
        throw new MatpowerParseError(
          fileName,
          bodyLine,
          `mpc.${field}: matrix is not closed with "];" before the next field`,
        );
    }
    const width = rows[0]?.length ?? 0;
    rows.forEach((row, r) => {
      if (row.length !== width) {
        throw new MatpowerParseError(
          fileName,
          rowLines[r]!,
          `mpc.${field} row ${r + 1} has ${row.length} columns, expected ${width} like row 1`,
        );
      }
    });
    return { rows, lines: rowLines, line: startLine };
  }

  function readCell(first: string, startLine: number, field: string): string[] {
    const out: string[] = [];
    let body = first;
    for (;;) {
      const close = body.indexOf('}');
      const segment = close >= 0 ? body.slice(0, close) : body;
      for (const match of segment.matchAll(/'((?:[^']|'')*)'/g))
        out.push(match[1]!.replace(/''/g, "'"));
      if (close >= 0) return out;
      const cur = next();
      if (cur === null)
        throw new MatpowerParseError(
          fileName,
          startLine,
          `mpc.${field}: cell array is not closed with "};"`,
        );
      body = cur.text;
    }
  }

  const endLine = lines.length;
  if (baseMVA === undefined) throw new MatpowerParseError(fileName, endLine, 'missing mpc.baseMVA');
  if (!(baseMVA > 0) || !Number.isFinite(baseMVA))
    throw new MatpowerParseError(
      fileName,
      endLine,
      `mpc.baseMVA must be a positive number, got ${baseMVA}`,
    );
  if (version === '1')
    throw new MatpowerParseError(
      fileName,
      endLine,
      "MATPOWER case format version 1 is not supported: convert it with MATPOWER's loadcase/savecase first",
    );

  const required = (field: 'bus' | 'gen' | 'branch'): MatrixField => {
    const m = matrices.get(field);
    if (!m) throw new MatpowerParseError(fileName, endLine, `missing mpc.${field}`);
    return checkColumns(field, m);
  };
  const checkColumns = (field: keyof typeof MIN_COLUMNS, m: MatrixField): MatrixField => {
    const min = MIN_COLUMNS[field];
    const width = m.rows[0]?.length ?? min;
    if (width < min)
      throw new MatpowerParseError(
        fileName,
        m.lines[0] ?? m.line,
        `mpc.${field} rows have ${width} columns, expected at least ${min}`,
      );
    return m;
  };
  const bus = required('bus');
  if (bus.rows.length === 0)
    throw new MatpowerParseError(fileName, bus.line, 'mpc.bus has no rows');
  const out: MatpowerCase = {
    name: name || fileName.replace(/\.m$/, ''),
    fileName,
    version: version || '2',
    baseMVA,
    bus,
    gen: required('gen'),
    branch: required('branch'),
    warnings,
  };
  for (const field of ['gencost', 'dcline', 'areas'] as const) {
    const m = matrices.get(field);
    if (m) out[field] = checkColumns(field, m);
  }
  for (const [field, m] of matrices) {
    if (!['bus', 'gen', 'branch', 'gencost', 'dcline', 'areas'].includes(field)) {
      warnings.push(`${fileName}:${m.line}: mpc.${field} ignored`);
    }
  }
  if (cells.busName) out.busName = cells.busName;
  if (cells.genFuel) out.genFuel = cells.genFuel;
  if (cells.genType) out.genType = cells.genType;
  return out;
}
