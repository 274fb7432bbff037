// The server's error catalogue: every failure a client can see has a stable code, an HTTP
// status and a message naming the item concerned. Messages never carry stack traces or
// server paths; unexpected failures become FINEST_INTERNAL with nothing else said.
import type { ApiIssue } from '@finest/protocol';

export const ERRORS = {
  FINEST_BAD_REQUEST: 400,
  FINEST_BAD_JSON: 400,
  FINEST_MATPOWER_PARSE: 400,
  FINEST_NETWORK_INVALID: 400,
  /** a CGMES upload that cannot be read: the message names the file, element and fault */
  FINEST_CGMES_INVALID: 400,
  FINEST_SCENARIO_INVALID: 400,
  FINEST_UNAUTHORIZED: 401,
  FINEST_READ_ONLY: 403,
  FINEST_NOT_FOUND: 404,
  FINEST_CONFLICT: 409,
  FINEST_IN_USE: 409,
  FINEST_RUN_NOT_READY: 409,
  FINEST_BODY_TOO_LARGE: 413,
  /** a CGMES zip whose directory says it inflates past the limits */
  FINEST_CGMES_TOO_LARGE: 413,
  FINEST_URI_TOO_LONG: 414,
  FINEST_UNSUPPORTED_MEDIA_TYPE: 415,
  FINEST_RUN_INPUT_INVALID: 422,
  /** a sweep that cannot be planned: unknown scenario, hour outside the profile, bad variant */
  FINEST_SWEEP_INVALID: 400,
  FINEST_TOO_MANY_RUNS: 429,
  FINEST_INTERNAL: 500,
  FINEST_STORE_UNAVAILABLE: 503,
  /** the Redis queue of sweeps (FINEST_QUEUE) does not answer */
  FINEST_QUEUE_UNAVAILABLE: 503,
  /** the data directory is read-only */
  FINEST_STORAGE_READ_ONLY: 503,
  /** the disk failed a read or write */
  FINEST_STORAGE_IO: 503,
  /** the disk, or the store's quota (FINEST_STORE_MAX_MB), is full */
  FINEST_STORAGE_FULL: 507,
} as const;
export type ErrorCode = keyof typeof ERRORS;

/** Codes only the WebSocket sends (in {type: 'error'}); the others above apply there too. */
export const WS_ERRORS = {
  /** not JSON text */
  FINEST_WS_BAD_JSON: 'FINEST_WS_BAD_JSON',
  /** no such message type */
  FINEST_WS_UNKNOWN_TYPE: 'FINEST_WS_UNKNOWN_TYPE',
  /** a known type with bad fields (the message names their paths), or a binary message */
  FINEST_WS_BAD_MESSAGE: 'FINEST_WS_BAD_MESSAGE',
  /** a run being watched failed while it was computed */
  FINEST_RUN_FAILED: 'FINEST_RUN_FAILED',
} as const;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly issues: ApiIssue[] | undefined;
  constructor(code: ErrorCode, message: string, issues?: ApiIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.statusCode = ERRORS[code];
    this.issues = issues;
  }
}

export const notFound = (what: string, id: string): ApiError =>
  new ApiError('FINEST_NOT_FOUND', `${what} '${id}' not found`);

/** The server refuses to start (bad configuration); main.ts prints the message and exits. */
export class ServerConfigError extends Error {
  readonly code = 'FINEST_SERVER_CONFIG';
}
