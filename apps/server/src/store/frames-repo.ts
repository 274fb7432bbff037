// Frame chunks of runs: consecutive ticks per row, found by tick range. The times and keyframe
// flags are stored raw beside the deflated frames so a run's index loads cheaply.
import type { Database } from 'better-sqlite3';

export interface ChunkIndexRow {
  first_tick: number;
  last_tick: number;
  times: Buffer;
  keyframes: Buffer;
}

export interface ChunkRow extends ChunkIndexRow {
  data: Buffer;
}

export class FramesRepo {
  private readonly sql;
  constructor(db: Database) {
    this.sql = {
      insert: db.prepare<[string, number, number, Buffer, Buffer, Buffer]>(
        `INSERT INTO run_frames (run_id, first_tick, last_tick, times, keyframes, data)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      index: db.prepare<[string], ChunkIndexRow>(
        `SELECT first_tick, last_tick, times, keyframes FROM run_frames
         WHERE run_id = ? ORDER BY first_tick`,
      ),
      chunk: db.prepare<[string, number], ChunkRow>(
        'SELECT * FROM run_frames WHERE run_id = ? AND first_tick = ?',
      ),
      range: db.prepare<[string, number, number], ChunkRow>(
        `SELECT * FROM run_frames WHERE run_id = ? AND last_tick >= ? AND first_tick <= ?
         ORDER BY first_tick`,
      ),
    };
  }

  insert(runId: string, row: ChunkRow): void {
    this.sql.insert.run(runId, row.first_tick, row.last_tick, row.times, row.keyframes, row.data);
  }

  index(runId: string): ChunkIndexRow[] {
    return this.sql.index.all(runId);
  }

  chunk(runId: string, firstTick: number): ChunkRow | undefined {
    return this.sql.chunk.get(runId, firstTick);
  }

  /** chunks holding any tick in [from, to] */
  range(runId: string, from: number, to: number): ChunkRow[] {
    return this.sql.range.all(runId, from, to);
  }
}
