// The server's store: one SQLite database in the data directory, with a repository per table.
import type { Database } from 'better-sqlite3';
import { FramesRepo } from './frames-repo.ts';
import { NetworksRepo } from './networks-repo.ts';
import { openDb, type OpenDbOptions } from './open-db.ts';
import type { MigrationReport } from './migrate.ts';
import { RunsRepo } from './runs-repo.ts';
import { ScenariosRepo } from './scenarios-repo.ts';
import { SweepsRepo } from './sweeps-repo.ts';

export interface Store {
  readonly db: Database;
  readonly migration: MigrationReport;
  readonly scenarios: ScenariosRepo;
  readonly networks: NetworksRepo;
  readonly runs: RunsRepo;
  readonly frames: FramesRepo;
  readonly sweeps: SweepsRepo;
  /** runs fn in one write transaction */
  tx<T>(fn: () => T): T;
  close(): void;
}

export function openStore(dataDir: string, opts: OpenDbOptions = {}): Store {
  const { db, migration } = openDb(dataDir, opts);
  return {
    db,
    migration,
    scenarios: new ScenariosRepo(db),
    networks: new NetworksRepo(db),
    runs: new RunsRepo(db),
    frames: new FramesRepo(db),
    sweeps: new SweepsRepo(db),
    tx: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    close: () => {
      if (db.open) db.close();
    },
  };
}
