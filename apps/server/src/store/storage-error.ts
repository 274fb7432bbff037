// What SQLite's failures of the disk mean to a user. A full disk (or the store's size quota),
// a read-only data directory and I/O errors are conditions of the machine, not bugs: requests
// that hit one are answered with a code and a message saying what to do (nothing was saved),
// and the server stays up, still answering reads.
import { ApiError } from '../errors.ts';

/** better-sqlite3's SqliteError carries SQLite's extended result code as a string */
const sqliteCode = (err: unknown): string | undefined => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
};

/** The storage condition behind err, as a client-facing error; null when it is not one. */
export function storageFailure(err: unknown): ApiError | null {
  const code = sqliteCode(err);
  if (code === undefined) return null;
  if (code === 'SQLITE_FULL')
    return new ApiError(
      'FINEST_STORAGE_FULL',
      'the data directory is full (disk or store quota): nothing was saved; free space or raise FINEST_STORE_MAX_MB, then retry',
    );
  if (code.startsWith('SQLITE_READONLY'))
    return new ApiError(
      'FINEST_STORAGE_READ_ONLY',
      'the data directory is read-only: nothing was saved; make it writable and restart the server',
    );
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN'))
    return new ApiError(
      'FINEST_STORAGE_IO',
      'the data directory could not be written (I/O error): nothing was saved; check the disk',
    );
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new ApiError(
      'FINEST_STORE_UNAVAILABLE',
      'the store is busy (another process holds the database); retry shortly',
    );
  return null;
}

/** One line for the log or a run's error field. */
export function describeFailure(err: unknown): string {
  return storageFailure(err)?.message ?? (err instanceof Error ? err.message : String(err));
}
