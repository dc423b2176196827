import "server-only";
import type { Migration } from "../migrate";

/** Topologies, inventories, secrets, runs, the step journal, ping results and the audit chain. */
export const migration0001: Migration = {
  version: 1,
  name: "core",
  sql: `
CREATE TABLE topologies (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE topology_versions (
  id TEXT PRIMARY KEY NOT NULL,
  topology_id TEXT NOT NULL REFERENCES topologies(id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  document TEXT NOT NULL,
  created_at TEXT NOT NULL,
  author TEXT NOT NULL,
  CONSTRAINT topology_versions_topology_version UNIQUE (topology_id, version)
);

CREATE TABLE inventories (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL UNIQUE,
  document TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE secrets (
  id TEXT PRIMARY KEY NOT NULL,
  inventory_id TEXT NOT NULL REFERENCES inventories(id) ON DELETE CASCADE,
  host TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('private-key', 'password')),
  ciphertext BLOB NOT NULL,
  iv BLOB NOT NULL CHECK (length(iv) = 12),
  tag BLOB NOT NULL CHECK (length(tag) = 16),
  key_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT secrets_inventory_host_kind UNIQUE (inventory_id, host, kind)
);

CREATE TABLE runs (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('apply', 'destroy', 'ping', 'lab')),
  topology_version_id TEXT REFERENCES topology_versions(id) ON DELETE SET NULL,
  inventory_id TEXT REFERENCES inventories(id) ON DELETE SET NULL,
  settings_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'partial', 'failed', 'cancelled')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  duration_ms INTEGER,
  summary_json TEXT,
  who TEXT NOT NULL
);
CREATE INDEX runs_started_at ON runs (started_at);

CREATE TABLE journal (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step_id TEXT NOT NULL,
  host TEXT NOT NULL,
  kind TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  argv_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('started', 'ok', 'failed', 'unknown')),
  exit_code INTEGER,
  stdout TEXT NOT NULL,
  stderr TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  CONSTRAINT journal_run_step UNIQUE (run_id, step_id)
);

CREATE TABLE ping_cells (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  from_container TEXT NOT NULL,
  to_container TEXT NOT NULL,
  by TEXT NOT NULL CHECK (by IN ('ip', 'name')),
  target TEXT NOT NULL,
  expected TEXT NOT NULL CHECK (expected IN ('reach', 'blocked')),
  actual TEXT NOT NULL CHECK (actual IN ('reach', 'blocked', 'error')),
  sent INTEGER NOT NULL CHECK (sent >= 0),
  received INTEGER NOT NULL CHECK (received >= 0),
  loss_pct REAL NOT NULL CHECK (loss_pct >= 0 AND loss_pct <= 100),
  rtt_min_ms REAL,
  rtt_avg_ms REAL,
  rtt_max_ms REAL,
  verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'error')),
  diagnosis TEXT,
  error TEXT,
  raw_output TEXT NOT NULL
);
CREATE INDEX ping_cells_run ON ping_cells (run_id);

CREATE TABLE audit (
  seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('command', 'api', 'event')),
  host TEXT,
  host_key_fingerprint TEXT,
  argv_json TEXT,
  api_method TEXT,
  api_path TEXT,
  exit_code INTEGER,
  duration_ms INTEGER,
  run_id TEXT,
  detail TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit is append-only');
END;
`,
};
