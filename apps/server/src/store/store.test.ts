import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir.ts';
import { currentVersion, migrate, StoreVersionError } from './migrate.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';
import { DB_FILE } from './open-db.ts';
import { openStore } from './store.ts';

const dirs: { remove: () => void }[] = [];
const dir = (): string => {
  const d = tempDir();
  dirs.push(d);
  return d.path;
};
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const tables = (db: Database.Database): string[] =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('migrations', () => {
  it('bring an empty database to the latest version, once', () => {
    const db = new Database(':memory:');
    const first = migrate(db, MIGRATIONS);
    expect(first).toEqual({
      from: 0,
      to: MIGRATIONS.length,
      applied: ['1-initial', '2-sweeps'],
    });
    expect(tables(db)).toEqual([
      'networks',
      'run_frames',
      'run_log',
      'runs',
      'scenarios',
      'schema_version',
      'sweep_jobs',
      'sweep_results',
      'sweeps',
    ]);
    const again = migrate(db, MIGRATIONS);
    expect(again).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length, applied: [] });
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_version').get()).toEqual({
      n: MIGRATIONS.length,
    });
  });

  it('apply only the migrations a database has not seen', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const next: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'test-column',
      sql: 'ALTER TABLE scenarios ADD COLUMN note TEXT',
    };
    expect(migrate(db, [...MIGRATIONS, next]).applied).toEqual([`${next.version}-test-column`]);
    expect(currentVersion(db)).toBe(next.version);
  });

  it('leave a database at a whole version when a migration fails', () => {
    const db = new Database(':memory:');
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;',
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/no_such_table/);
    expect(currentVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).not.toContain('half');
  });

  it('refuse a database newer than the server, and gaps in the list', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    db.prepare("INSERT INTO schema_version VALUES (99, 'future', 'x')").run();
    expect(() => migrate(db, MIGRATIONS)).toThrow(StoreVersionError);
    const gap: Migration = { version: MIGRATIONS.length + 2, name: 'gap', sql: '' };
    expect(() => migrate(new Database(':memory:'), [...MIGRATIONS, gap])).toThrow(
      new RegExp(`expected ${MIGRATIONS.length + 1}`),
    );
  });
});

describe('the store', () => {
  it('opens a file in the data directory in WAL mode with foreign keys and full sync', () => {
    const path = dir();
    const store = openStore(join(path, 'nested'));
    expect(store.db.name).toBe(join(path, 'nested', DB_FILE));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    store.close();
    const reopened = openStore(join(path, 'nested'));
    expect(reopened.migration.applied).toEqual([]);
    reopened.close();
  });

  it('keeps what was written across a reopen, and deleting a run removes its frames and log', () => {
    const path = dir();
    const store = openStore(path);
    const now = new Date().toISOString();
    expect(store.scenarios.insert('s1', '{"id":"s1"}', now)).toBe(true);
    expect(store.scenarios.insert('s1', '{}', now)).toBe(false);
    store.runs.insert({
      id: 'r1',
      kind: 'scenario',
      scenario_id: 's1',
      title: 'S1',
      network_id: 'fi-ee',
      seed: 1,
      scenario_json: '{}',
      parent_run_id: null,
      branch_at_s: null,
      start_time: now,
      duration_s: 60,
      layout_json: '{}',
      created_at: now,
    });
    store.runs.addLog('r1', 0, [{ t: 1, json: '{"t":1}' }]);
    const blob = Buffer.from([1, 2, 3]);
    store.frames.insert('r1', {
      first_tick: 0,
      last_tick: 0,
      times: blob,
      keyframes: blob,
      data: blob,
    });
    store.close();

    const again = openStore(path);
    expect(again.scenarios.get('s1')?.json).toBe('{"id":"s1"}');
    expect(again.runs.get('r1')?.status).toBe('queued');
    expect(again.frames.range('r1', 0, 10)).toHaveLength(1);
    expect(again.runs.remove('r1')).toBe(true);
    expect(again.frames.index('r1')).toEqual([]);
    expect(again.runs.log('r1')).toEqual([]);
    again.close();
  });
});
