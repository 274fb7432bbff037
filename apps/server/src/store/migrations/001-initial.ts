// Version 1 of the store: user scenarios, uploaded networks, runs with their inputs, the event
// log and the frames. Frames are kept in chunks (a few dozen consecutive ticks per row, the
// frame bytes deflated); each chunk also keeps the times and keyframe flags of its frames
// uncompressed, so a run's frame index loads without inflating anything.
import type { Migration } from './migration.ts';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE scenarios (
  id          TEXT PRIMARY KEY,
  json        TEXT NOT NULL,           -- the scenario as validated (defaults filled in)
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE networks (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  file_name   TEXT NOT NULL,           -- as the client named the upload (display only)
  json        TEXT NOT NULL,           -- the FinEst network (packages/grid NetworkSchema)
  summary     TEXT NOT NULL,           -- counts for the list, so listing parses no network
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE runs (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('scenario', 'n1')),
  scenario_id    TEXT NOT NULL,
  title          TEXT NOT NULL,
  network_id     TEXT NOT NULL,        -- built-in or uploaded; no FK, built-ins are not rows
  seed           INTEGER NOT NULL,
  scenario_json  TEXT,                 -- the inputs of a scenario run, replayable
  parent_run_id  TEXT REFERENCES runs(id) ON DELETE SET NULL,
  branch_at_s    REAL,
  status         TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress       REAL NOT NULL DEFAULT 0,
  ticks          INTEGER NOT NULL DEFAULT 0,
  start_time     TEXT NOT NULL,
  duration_s     REAL NOT NULL,
  layout_json    TEXT NOT NULL,
  kpis_json      TEXT,
  result_json    TEXT,                 -- N-1 results
  error          TEXT,
  created_at     TEXT NOT NULL,
  finished_at    TEXT
) STRICT;
CREATE INDEX runs_by_created ON runs (created_at);
CREATE INDEX runs_by_network ON runs (network_id);

CREATE TABLE run_log (
  run_id  TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq     INTEGER NOT NULL,
  t       REAL NOT NULL,
  json    TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE run_frames (
  run_id      TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  first_tick  INTEGER NOT NULL,
  last_tick   INTEGER NOT NULL,
  times       BLOB NOT NULL,           -- f64 LE per frame: t in s
  keyframes   BLOB NOT NULL,           -- u8 per frame: 1 = keyframe
  data        BLOB NOT NULL,           -- deflate(raw) of length-prefixed encoded frames
  PRIMARY KEY (run_id, first_tick)
) STRICT;
`,
};
