// Version 2: sweeps (issue 17). A sweep is a plan of jobs (one engine run each) over hours,
// seeds and variants; results are rows by job key, shared by every sweep that plans the same
// job — a key is a hash of everything a run depends on, so a stored row is the answer to any
// sweep that asks it again. Deleting a sweep deletes the results no other sweep refers to.
import type { Migration } from './migration.ts';

export const sweeps: Migration = {
  version: 2,
  name: 'sweeps',
  sql: `
CREATE TABLE sweeps (
  id           TEXT PRIMARY KEY,       -- a hash of the job keys (the same sweep, the same id)
  title        TEXT NOT NULL,
  owner        TEXT NOT NULL CHECK (owner IN ('server', 'cli')),
  mode         TEXT NOT NULL CHECK (mode IN ('in-process', 'redis')),
  status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  jobs         INTEGER NOT NULL,
  definition   TEXT NOT NULL,          -- scenarios, hours, seeds and axes: enough to plan again
  head         TEXT NOT NULL,          -- the SweepHead (ids, hours, variants) as planned
  profile_start TEXT NOT NULL,
  error        TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  finished_at  TEXT
) STRICT;
CREATE INDEX sweeps_by_created ON sweeps (created_at);

CREATE TABLE sweep_jobs (
  sweep_id  TEXT NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,          -- position in the plan
  key       TEXT NOT NULL,
  PRIMARY KEY (sweep_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX sweep_jobs_by_key ON sweep_jobs (key);

CREATE TABLE sweep_results (
  key          TEXT PRIMARY KEY,
  status       TEXT NOT NULL CHECK (status IN ('done', 'failed')),
  retryable    INTEGER NOT NULL,       -- 1: a failure of the machinery, tried again by a rerun
  row          TEXT NOT NULL,          -- SweepRunRow JSON (what aggregates read)
  kpis         TEXT,                   -- the run's full KPIs (RunKpis JSON)
  run_ms       REAL,
  finished_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`,
};
