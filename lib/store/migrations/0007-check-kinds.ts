import "server-only";
import type { Migration } from "../migrate";

/**
 * Ping cells of the new kinds (tcp, udp, mtu): `by` takes them (SQLite cannot change a CHECK in
 * place, so the table is rebuilt with its rows), tcp/udp cells keep their port, mtu cells the path MTU
 * expected, measured, and claimed by the source's interface.
 */
export const migration0007: Migration = {
  version: 7,
  name: "check-kinds",
  sql: `
CREATE TABLE ping_cells_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  from_container TEXT NOT NULL,
  to_container TEXT NOT NULL,
  by TEXT NOT NULL CHECK (by IN ('ip', 'name', 'tcp', 'udp', 'mtu')),
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
  raw_output TEXT NOT NULL,
  network TEXT,
  command TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  port INTEGER CHECK (port IS NULL OR (port >= 1 AND port <= 65535)),
  mtu_expected INTEGER,
  mtu_path INTEGER,
  mtu_interface INTEGER
);
INSERT INTO ping_cells_next (id, run_id, from_container, to_container, by, target, expected, actual, sent, received,
  loss_pct, rtt_min_ms, rtt_avg_ms, rtt_max_ms, verdict, diagnosis, error, raw_output, network, command, attempts)
SELECT id, run_id, from_container, to_container, by, target, expected, actual, sent, received,
  loss_pct, rtt_min_ms, rtt_avg_ms, rtt_max_ms, verdict, diagnosis, error, raw_output, network, command, attempts
FROM ping_cells;
DROP TABLE ping_cells;
ALTER TABLE ping_cells_next RENAME TO ping_cells;
CREATE INDEX ping_cells_run ON ping_cells (run_id);
`,
};
