// Opens (or creates) the SQLite store in the data directory and brings its schema up to date.
//
// Pragmas: WAL so readers (REST, replays) never wait for the run writer; foreign keys on, so
// deleting a run removes its frames and log; synchronous = FULL: every commit is fsync'd, so
// an acknowledged write survives a power cut, not only a crash of the process (WAL + NORMAL
// would survive SIGKILL but could lose the last commits on power loss). The cost is one fsync
// per commit, kept rare by writing frames in chunks.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type MigrationReport } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

export const DB_FILE = 'finest.db';

export interface OpenedDb {
  db: Database.Database;
  migration: MigrationReport;
}

export function openDb(dataDir: string): OpenedDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return { db, migration: migrate(db, MIGRATIONS) };
  } catch (err) {
    db.close();
    throw err;
  }
}
