import "server-only";
import type { PerfResult } from "../probe/perf-iperf";
import type { Store } from "./open";
import { boundUntrusted } from "./truncate";

/** A stored throughput measurement. */
export type StoredPerfResult = PerfResult & {
  id: number;
  runId: string;
  topology: string;
  who: string;
  measuredAt: string;
};

type Row = {
  id: number;
  run_id: string;
  topology: string;
  from_container: string;
  to_container: string;
  target: string;
  network: string;
  proto: "tcp" | "udp";
  seconds: number;
  bits_per_second: number | null;
  retransmits: number | null;
  jitter_ms: number | null;
  lost_percent: number | null;
  error: string | null;
  who: string;
  measured_at: string;
};

/** Stores one run's measurements in one transaction; error text (from hosts) is bounded first. */
export function insertPerfResults(
  store: Store,
  input: { runId: string; topology: string; who: string; measuredAt: string; results: readonly PerfResult[] },
): void {
  const insert = store.sqlite.prepare(
    `INSERT INTO perf_results (run_id, topology, from_container, to_container, target, network, proto, seconds,
       bits_per_second, retransmits, jitter_ms, lost_percent, error, who, measured_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  store.sqlite.transaction(() => {
    for (const r of input.results)
      insert.run(
        input.runId,
        input.topology,
        r.from,
        r.to,
        r.target,
        r.network,
        r.proto,
        r.seconds,
        r.bitsPerSecond,
        r.retransmits,
        r.jitterMs,
        r.lostPercent,
        r.error === null ? null : boundUntrusted(r.error, 2000),
        input.who,
        input.measuredAt,
      );
  })();
}

/** The measurements of a design, newest run first (at most `limit` rows). */
export function listPerfResults(
  store: Store,
  filter: { topology?: string; runId?: string; limit?: number } = {},
): StoredPerfResult[] {
  const limit = Math.min(Math.max(filter.limit ?? 200, 1), 1000);
  const where = filter.runId !== undefined ? "run_id = ?" : filter.topology !== undefined ? "topology = ?" : "1 = 1";
  const args = filter.runId ?? filter.topology;
  const rows = store.sqlite
    .prepare(`SELECT * FROM perf_results WHERE ${where} ORDER BY measured_at DESC, id ASC LIMIT ${limit}`)
    .all(...(args === undefined ? [] : [args])) as Row[];
  return rows.map((row) => ({
    id: row.id,
    runId: row.run_id,
    topology: row.topology,
    who: row.who,
    measuredAt: row.measured_at,
    from: row.from_container,
    to: row.to_container,
    target: row.target,
    network: row.network,
    proto: row.proto,
    seconds: row.seconds,
    bitsPerSecond: row.bits_per_second,
    retransmits: row.retransmits,
    jitterMs: row.jitter_ms,
    lostPercent: row.lost_percent,
    error: row.error,
  }));
}
