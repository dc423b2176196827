import type { ReasonCode } from "../expect/types";
import type { ProbeCell } from "../probe/types";
import type { JsonValue } from "../store/json";
import type { PingCell } from "../store/ping-cells";
import { cellId } from "./matrix";

/**
 * What a cell has beyond the `ping_cells` columns (its expectation's reason, its source host), kept
 * in the run's summary keyed by cell id; network, command and attempts are also columns since
 * migration 0003, and the columns win.
 */
export type CellExtras = {
  host: string;
  network: string | null;
  reasonCode: string;
  reason: string;
  command: string;
  attempts: number;
};

/** The summary of a ping run as stored (JSON): counts, unreachable hosts, and each cell's extras. */
export type PingRunSummary = {
  pass: number;
  fail: number;
  durationMs: number;
  cancelled: boolean;
  unreachable: { host: string; error: string }[];
  /** The run this one re-ran the failed cells of, if any. */
  rerunOf: string | null;
  extras: Record<string, CellExtras>;
};

/** The summary to store for a finished ping run. */
export function pingRunSummary(
  cells: readonly ProbeCell[],
  facts: {
    durationMs: number;
    cancelled: boolean;
    unreachable: { host: string; error: string }[];
    rerunOf: string | null;
  },
): PingRunSummary {
  const pass = cells.filter((cell) => cell.verdict === "pass").length;
  const extras: Record<string, CellExtras> = {};
  for (const cell of cells)
    extras[cellId(cell)] = {
      host: cell.host,
      network: cell.network,
      reasonCode: cell.reasonCode,
      reason: cell.reason,
      command: cell.command,
      attempts: cell.attempts,
    };
  return { pass, fail: cells.length - pass, ...facts, extras };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown, fallback = ""): string {
  return typeof value === "string" ? value : fallback;
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** Reads a stored ping summary back, tolerating missing or malformed fields (older runs, other writers). */
export function readPingRunSummary(value: JsonValue | null): PingRunSummary {
  const input = isRecord(value) ? value : {};
  const extras: Record<string, CellExtras> = {};
  if (isRecord(input.extras))
    for (const [id, raw] of Object.entries(input.extras)) {
      if (!isRecord(raw)) continue;
      extras[id] = {
        host: text(raw.host),
        network: typeof raw.network === "string" ? raw.network : null,
        reasonCode: text(raw.reasonCode),
        reason: text(raw.reason),
        command: text(raw.command),
        attempts: count(raw.attempts) || 1,
      };
    }
  const unreachable = Array.isArray(input.unreachable)
    ? input.unreachable.flatMap((entry) =>
        isRecord(entry) ? [{ host: text(entry.host), error: text(entry.error) }] : [],
      )
    : [];
  return {
    pass: count(input.pass),
    fail: count(input.fail),
    durationMs: count(input.durationMs),
    cancelled: input.cancelled === true,
    unreachable,
    rerunOf: typeof input.rerunOf === "string" ? input.rerunOf : null,
    extras,
  };
}

/** Stored rows back into cells, with their extras (a cell whose extras are missing gets empty ones). */
export function cellsFromStore(rows: readonly PingCell[], summary: PingRunSummary): ProbeCell[] {
  return rows.map((row) => {
    const id = cellId(row);
    const extra = summary.extras[id];
    const rtt =
      row.rttMinMs !== null && row.rttAvgMs !== null && row.rttMaxMs !== null
        ? { min: row.rttMinMs, avg: row.rttAvgMs, max: row.rttMaxMs }
        : null;
    return {
      from: row.from,
      to: row.to,
      by: row.by,
      target: row.target,
      network: row.network ?? extra?.network ?? null,
      host: extra?.host ?? "",
      expected: row.expected,
      reasonCode: (extra?.reasonCode ?? "same-network") as ReasonCode,
      reason: extra?.reason ?? "",
      actual: row.actual,
      sent: row.sent,
      received: row.received,
      lossPct: row.lossPct,
      rttMs: rtt,
      verdict: row.verdict === "pass" ? "pass" : "fail",
      diagnosis: row.diagnosis,
      error: row.error,
      rawOutput: row.rawOutput,
      command: row.command || extra?.command || "",
      attempts: row.attempts || extra?.attempts || 1,
    };
  });
}
