// Errors of the grid package: a small hierarchy with stable codes. Messages name the module,
// the file and line or the path of the offending item.

export class GridError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A MATPOWER case file that cannot be read; names the file and line. */
export class MatpowerParseError extends GridError {
  readonly file: string;
  /** 1-based line */
  readonly line: number;
  /** 1-based column of the offending token, when known (not part of the message) */
  readonly column?: number;
  constructor(file: string, line: number, detail: string, column?: number) {
    super('FINEST_MATPOWER_PARSE', `${file}:${line}: ${detail}`);
    this.file = file;
    this.line = line;
    if (column !== undefined) this.column = column;
  }
}

export interface NetworkIssue {
  /** e.g. "buses[3].Vm" */
  path: string;
  message: string;
}

/** A network that does not satisfy the schema or the consistency checks; lists every issue. */
export class NetworkValidationError extends GridError {
  readonly issues: NetworkIssue[];
  constructor(source: string, issues: NetworkIssue[]) {
    const shown = issues.slice(0, 10).map((i) => `${i.path}: ${i.message}`);
    const more = issues.length > 10 ? `; and ${issues.length - 10} more` : '';
    super('FINEST_NETWORK_INVALID', `${source}: invalid network: ${shown.join('; ')}${more}`);
    this.issues = issues;
  }
}

/**
 * A CGMES model that cannot be read: names the file (a profile, or a zip entry as
 * "model.zip/EQ.xml"), the line when known, the element (class and mRID) when one is at fault,
 * and what is wrong. `kind` sorts the cause for callers that report it (the server's 400s).
 */
export class CgmesError extends GridError {
  readonly file: string;
  readonly line?: number;
  /** e.g. "ACLineSegment 17086487-56ba-4979-b8de-064025a6b4da" */
  readonly element?: string;
  readonly kind: CgmesErrorKind;
  constructor(
    kind: CgmesErrorKind,
    where: { file: string; line?: number; element?: string },
    detail: string,
  ) {
    const at = where.line === undefined ? where.file : `${where.file}:${where.line}`;
    super(
      'FINEST_CGMES',
      `${at}: ${where.element === undefined ? '' : `${where.element}: `}${detail}`,
    );
    this.kind = kind;
    this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
    if (where.element !== undefined) this.element = where.element;
  }
}

export type CgmesErrorKind =
  | 'unreadable'
  | 'too-large'
  | 'bad-xml'
  | 'not-cgmes'
  | 'missing-profile'
  | 'duplicate'
  | 'dangling-reference'
  | 'bad-value'
  | 'unsupported'
  | 'inconsistent';
