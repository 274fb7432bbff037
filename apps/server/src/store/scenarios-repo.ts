// User scenarios in the store (the built-in library is read from data/scenarios, not here).
import type { Database } from 'better-sqlite3';

export interface ScenarioRow {
  id: string;
  json: string;
  created_at: string;
  updated_at: string;
}

export class ScenariosRepo {
  private readonly sql;
  constructor(db: Database) {
    this.sql = {
      list: db.prepare<[], ScenarioRow>('SELECT * FROM scenarios ORDER BY id'),
      get: db.prepare<[string], ScenarioRow>('SELECT * FROM scenarios WHERE id = ?'),
      insert: db.prepare<[string, string, string, string]>(
        'INSERT INTO scenarios (id, json, created_at, updated_at) VALUES (?, ?, ?, ?)',
      ),
      update: db.prepare<[string, string, string]>(
        'UPDATE scenarios SET json = ?, updated_at = ? WHERE id = ?',
      ),
      remove: db.prepare<[string]>('DELETE FROM scenarios WHERE id = ?'),
    };
  }

  list(): ScenarioRow[] {
    return this.sql.list.all();
  }

  get(id: string): ScenarioRow | undefined {
    return this.sql.get.get(id);
  }

  /** false when the id is taken */
  insert(id: string, json: string, now: string): boolean {
    try {
      this.sql.insert.run(id, json, now, now);
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
      throw err;
    }
  }

  /** false when there is no such scenario */
  update(id: string, json: string, now: string): boolean {
    return this.sql.update.run(json, now, id).changes > 0;
  }

  remove(id: string): boolean {
    return this.sql.remove.run(id).changes > 0;
  }
}
