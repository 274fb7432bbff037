// A small CSV reader for the source files in ../shared/data: configurable delimiter and quote
// character (the GridKit extract quotes with `'`), doubled quotes inside quoted fields, CRLF.
// Returns rows as objects keyed by the header.

export interface CsvOptions {
  delimiter?: string;
  quote?: string;
}

export function parseCsv(text: string, options: CsvOptions = {}): Record<string, string>[] {
  const delimiter = options.delimiter ?? ',';
  const quote = options.quote ?? '"';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === quote) {
        if (text[i + 1] === quote) {
          field += quote;
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === quote && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r, n) => {
    if (r.length !== header.length) {
      throw new Error(`csv: row ${n + 2} has ${r.length} fields, expected ${header.length}`);
    }
    return Object.fromEntries(header.map((h, k) => [h, r[k]!]));
  });
}

/** Parses an hstore string `"k"=>"v", ...` (GridKit tags). */
export function parseHstore(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"/g)) out[m[1]!] = m[2]!;
  return out;
}
