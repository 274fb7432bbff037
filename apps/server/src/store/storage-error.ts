// What SQLite's failures of the disk mean to a user. A full disk (or the store's size quota),
// a read-only data directory and I/O errors are conditions of the machine, not bugs: requests
// that hit one are answered with a code and a message saying what to do (nothing was saved),
// and the server stays up, still answering reads.
import { ApiError, type ErrorCode } from '../errors.ts';

export type StorageCondition = 'full' | 'read-only' | 'io' | 'busy';

/** The condition behind an error of better-sqlite3 (SqliteError.code); undefined for others. */
export function storageCondition(err: unknown): StorageCondition | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  return undefined;
}

/** The condition in a few words, for start-up messages and the log. */
export const CONDITION_TEXT: Record<StorageCondition, string> = {
  full: 'the disk, or the store quota (FINEST_STORE_MAX_MB), is full',
  'read-only': 'the data directory is read-only',
  io: 'the disk failed a read or write (I/O error)',
  busy: 'the database is locked by another process',
};

const REQUEST_ERRORS: Record<StorageCondition, [ErrorCode, string]> = {
  full: ['FINEST_STORAGE_FULL', 'free space or raise FINEST_STORE_MAX_MB, then retry'],
  'read-only': ['FINEST_STORAGE_READ_ONLY', 'make it writable and restart the server'],
  io: ['FINEST_STORAGE_IO', 'check the disk'],
  busy: ['FINEST_STORE_UNAVAILABLE', 'retry shortly'],
};

/** The storage condition behind err as the answer to a request; null when it is not one. */
export function storageFailure(err: unknown): ApiError | null {
  const condition = storageCondition(err);
  if (condition === undefined) return null;
  const [code, todo] = REQUEST_ERRORS[condition];
  return new ApiError(code, `${CONDITION_TEXT[condition]}: nothing was saved; ${todo}`);
}

/** One line for the log or a run's error field. */
export function describeFailure(err: unknown): string {
  return storageFailure(err)?.message ?? (err instanceof Error ? err.message : String(err));
}
