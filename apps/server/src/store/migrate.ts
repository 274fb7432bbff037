// Versioned schema migrations: schema_version holds one row per applied migration; each
// pending migration runs in its own transaction with its row, so a crash leaves the database
// at a whole version. Running again is a no-op.
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/index.ts';

export class StoreVersionError extends Error {
  readonly code = 'FINEST_STORE_VERSION';
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

export function currentVersion(db: Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as
    { v: number | null } | undefined;
  return row?.v ?? 0;
}

export function migrate(db: Database, migrations: readonly Migration[]): MigrationReport {
  migrations.forEach((m, k) => {
    if (m.version !== k + 1)
      throw new StoreVersionError(
        `store: migration ${m.name} has version ${m.version}, expected ${k + 1}`,
      );
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const from = currentVersion(db);
  if (from > migrations.length)
    throw new StoreVersionError(
      `store: the database is at schema version ${from}, newer than this server (${migrations.length}); upgrade the server`,
    );
  const record = db.prepare(
    'INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const applied: string[] = [];
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
    applied.push(`${m.version}-${m.name}`);
  }
  return { from, to: migrations.length, applied };
}
