#pragma once
// The SQLite schema, created or checked when a store opens. Version 1.

namespace hookflow::engine::store {

inline constexpr const char* schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS workflows (
  id TEXT PRIMARY KEY,
  definition TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS trigger_state (
  owner TEXT NOT NULL,
  workflow_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (owner, workflow_id, key)
);
CREATE TABLE IF NOT EXISTS runs (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  workflow_id TEXT NOT NULL,
  state TEXT NOT NULL,
  trigger_data TEXT NOT NULL,
  dedup_key TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  started_at INTEGER NOT NULL DEFAULT 0,
  finished_at INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  retry_of TEXT NOT NULL DEFAULT ''
);
-- No index by workflow: listing scans newest-first and stops at its limit (decisions.md), and
-- each index costs every insert a b-tree write and, per commit, a WAL frame.
DROP INDEX IF EXISTS runs_by_workflow;
-- Only unfinished runs are looked up by state (resume after a restart): a partial index stays
-- small and is touched on insert and on finish, not on every run.
DROP INDEX IF EXISTS runs_by_state;
CREATE INDEX IF NOT EXISTS runs_unfinished ON runs (seq) WHERE state IN ('queued', 'running');
CREATE UNIQUE INDEX IF NOT EXISTS runs_dedup ON runs (workflow_id, dedup_key) WHERE dedup_key != '';
CREATE TABLE IF NOT EXISTS steps (
  run_id TEXT NOT NULL,
  step_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  rendered_config TEXT NOT NULL,
  output TEXT NOT NULL,
  error TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  PRIMARY KEY (run_id, step_id)
) WITHOUT ROWID;  -- one b-tree instead of a table plus its key index (newly created databases)
PRAGMA user_version = 1;
)sql";

/// The run stored first with a workflow's delivery id. `dedup_key != ''` repeats the partial
/// index's condition, without which SQLite cannot use `runs_dedup` and scans every run.
inline constexpr const char* find_duplicate_run_sql =
    "SELECT id FROM runs WHERE workflow_id = $1 AND dedup_key = $2 AND dedup_key != ''";

}  // namespace hookflow::engine::store
