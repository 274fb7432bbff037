// Uploaded networks in the store (the bundled ones are read from data/networks, not here).
import type { Database } from 'better-sqlite3';

export interface NetworkRow {
  id: string;
  name: string;
  file_name: string;
  json: string;
  summary: string;
  created_at: string;
}

export type NetworkListRow = Omit<NetworkRow, 'json'>;

export class NetworksRepo {
  private readonly sql;
  constructor(db: Database) {
    this.sql = {
      list: db.prepare<[], NetworkListRow>(
        'SELECT id, name, file_name, summary, created_at FROM networks ORDER BY created_at, id',
      ),
      get: db.prepare<[string], NetworkRow>('SELECT * FROM networks WHERE id = ?'),
      has: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM networks WHERE id = ?'),
      insert: db.prepare<[string, string, string, string, string, string]>(
        'INSERT INTO networks (id, name, file_name, json, summary, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      remove: db.prepare<[string]>('DELETE FROM networks WHERE id = ?'),
    };
  }

  list(): NetworkListRow[] {
    return this.sql.list.all();
  }

  get(id: string): NetworkRow | undefined {
    return this.sql.get.get(id);
  }

  has(id: string): boolean {
    return this.sql.has.get(id) !== undefined;
  }

  insert(row: NetworkRow): void {
    this.sql.insert.run(row.id, row.name, row.file_name, row.json, row.summary, row.created_at);
  }

  remove(id: string): boolean {
    return this.sql.remove.run(id).changes > 0;
  }
}
