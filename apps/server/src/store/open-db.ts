// Opens (or creates) the SQLite store in the data directory and brings its schema up to date.
//
// Pragmas: WAL so readers (REST, replays) never wait for the run writer; foreign keys on, so
// deleting a run removes its frames and log; synchronous = FULL: every commit is fsync'd, so
// an acknowledged write survives a power cut, not only a crash of the process (WAL + NORMAL
// would survive SIGKILL but could lose the last commits on power loss). The cost is one fsync
// per commit, kept rare by writing frames in chunks.
//
// A data directory the server cannot write (read-only, no permission, full) is found here, at
// start, and refused with a message saying so, rather than failing at the first save.
import { accessSync, constants, mkdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ServerConfigError } from '../errors.ts';
import { migrate, type MigrationReport } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { CONDITION_TEXT, storageCondition } from './storage-error.ts';

export const DB_FILE = 'finest.db';

export interface OpenedDb {
  db: Database.Database;
  migration: MigrationReport;
}

export interface OpenDbOptions {
  /** a quota: writes past it fail as on a full disk (FINEST_STORAGE_FULL); default none */
  maxBytes?: number;
  /** the database file's name in the data directory (default finest.db; `finest sweep --db`) */
  fileName?: string;
}

const FS_REASONS: Record<string, string> = {
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file of that name is in the way',
};

/** kB free to unprivileged writers, or undefined when the file system does not say */
const freeKB = (dir: string): number | undefined => {
  try {
    const s = statfsSync(dir);
    return (s.bavail * s.bsize) / 1024;
  } catch {
    return undefined;
  }
};

const reason = (err: unknown, dir: string): string => {
  const condition = storageCondition(err);
  // SQLite reports a disk too full for its shared-memory file as an I/O error: say which
  const free = condition === 'io' ? freeKB(dir) : undefined;
  if (free !== undefined && free < 1024)
    return `${CONDITION_TEXT.full} (${Math.round(free)} kB free)`;
  if (condition) return CONDITION_TEXT[condition];
  const code = (err as { code?: string } | null)?.code;
  if (code && FS_REASONS[code]) return `${FS_REASONS[code]} (${code})`;
  return err instanceof Error ? err.message : String(err);
};

export function openDb(dataDir: string, opts: OpenDbOptions = {}): OpenedDb {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.R_OK | constants.W_OK);
  } catch (err) {
    throw new ServerConfigError(
      `cannot use the data directory ${dataDir}: ${reason(err, dataDir)}`,
    );
  }
  const file = join(dataDir, opts.fileName ?? DB_FILE);
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw new ServerConfigError(`cannot open the store ${file}: ${reason(err, dataDir)}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // SQLite silently opens a write-protected file read-only: probe for a write lock now
    db.exec('BEGIN IMMEDIATE; ROLLBACK');
    const migration = migrate(db, MIGRATIONS);
    if (opts.maxBytes !== undefined && Number.isFinite(opts.maxBytes)) {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(opts.maxBytes / pageSize))}`);
    }
    return { db, migration };
  } catch (err) {
    db.close();
    if (storageCondition(err))
      throw new ServerConfigError(`cannot prepare the store ${file}: ${reason(err, dataDir)}`);
    throw err;
  }
}
