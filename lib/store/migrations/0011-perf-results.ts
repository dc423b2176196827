import "server-only";
import type { Migration } from "../migrate";

/**
 * Throughput measurements (`crossnet perf`, the dashboard's "Measure throughput"): one row per pair,
 * grouped by the run id of the measurement. Numbers are iperf3's; `error` when a pair was not measured.
 */
export const migration0011: Migration = {
  version: 11,
  name: "perf-results",
  sql: `
CREATE TABLE perf_results (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id TEXT NOT NULL,
  topology TEXT NOT NULL,
  from_container TEXT NOT NULL,
  to_container TEXT NOT NULL,
  target TEXT NOT NULL,
  network TEXT NOT NULL,
  proto TEXT NOT NULL CHECK (proto IN ('tcp', 'udp')),
  seconds INTEGER NOT NULL,
  bits_per_second REAL,
  retransmits INTEGER,
  jitter_ms REAL,
  lost_percent REAL,
  error TEXT,
  who TEXT NOT NULL,
  measured_at TEXT NOT NULL
);
CREATE INDEX perf_results_run ON perf_results (run_id);
CREATE INDEX perf_results_topology ON perf_results (topology, measured_at);
`,
};
