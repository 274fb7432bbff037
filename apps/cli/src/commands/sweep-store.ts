// Where `finest sweep` keeps its results: the server's store (FINEST_DATA_DIR, default
// ./.finest-data, as `npm start` uses — so the web app shows sweeps run from a terminal), or
// the SQLite file given by --db. Either is opened with the server's migrations.
import { basename, dirname, resolve } from 'node:path';
import { openStore, type Store } from '@finest/server/store';
import { CliError } from '../cli-error.ts';

export function openSweepStore(dbFile: string | undefined): Store {
  try {
    if (dbFile === undefined) return openStore(process.env.FINEST_DATA_DIR ?? './.finest-data');
    const file = resolve(dbFile);
    return openStore(dirname(file), { fileName: basename(file) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new CliError(`${dbFile === undefined ? 'store' : `--db ${dbFile}`}: ${message}`);
  }
}
