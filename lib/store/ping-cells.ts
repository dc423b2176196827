import "server-only";
import { asc, eq } from "drizzle-orm";
import type { RedactOptions } from "../text/redact";
import type { Store } from "./open";
import { err, ok, type Result } from "./result";
import { type PingActual, type PingBy, type PingExpected, type PingVerdict, pingCells } from "./schema";
import { boundUntrusted } from "./truncate";

/** Most raw ping output kept per cell. */
export const PING_RAW_MAX_CHARS = 16 * 1024;

/** One cell of a ping matrix: from one container to another, by IP or by name. */
export type PingCellInput = {
  from: string;
  to: string;
  by: PingBy;
  /** The address or name pinged. */
  target: string;
  expected: PingExpected;
  actual: PingActual;
  sent: number;
  received: number;
  lossPct: number;
  rttMinMs: number | null;
  rttAvgMs: number | null;
  rttMaxMs: number | null;
  verdict: PingVerdict;
  diagnosis: string | null;
  error: string | null;
  rawOutput: string;
  /** The design network of the target (by IP) or the one its name resolves on. */
  network?: string | null;
  /** The exact command that ran, as a person would type it on the source's host. */
  command?: string;
  /** 1, or 2 when the pair was retried. */
  attempts?: number;
};

/** A stored ping cell, as returned to callers. */
export type PingCell = Omit<PingCellInput, "network" | "command" | "attempts"> & {
  id: number;
  runId: string;
  network: string | null;
  command: string;
  attempts: number;
};

export type PingCellError = { code: "unknown-run"; message: string; runId: string };

type PingRow = typeof pingCells.$inferSelect;

function toCell(row: PingRow): PingCell {
  const { fromContainer, toContainer, ...rest } = row;
  return { ...rest, from: fromContainer, to: toContainer };
}

/**
 * Stores the cells of a ping run in one transaction (all or none). Error text and raw output come
 * from hosts: they are redacted and bounded before they are written.
 */
export function insertPingCells(
  store: Store,
  runId: string,
  cells: readonly PingCellInput[],
  options: RedactOptions = {},
): Result<{ inserted: number }, PingCellError> {
  const insert = store.sqlite.transaction(() => {
    for (const { from, to, ...cell } of cells) {
      store.db
        .insert(pingCells)
        .values({
          ...cell,
          runId,
          fromContainer: from,
          toContainer: to,
          diagnosis: cell.diagnosis === null ? null : boundUntrusted(cell.diagnosis, PING_RAW_MAX_CHARS, options),
          error: cell.error === null ? null : boundUntrusted(cell.error, PING_RAW_MAX_CHARS, options),
          rawOutput: boundUntrusted(cell.rawOutput, PING_RAW_MAX_CHARS, options),
          network: cell.network ?? null,
          command: boundUntrusted(cell.command ?? "", PING_RAW_MAX_CHARS, options),
          attempts: cell.attempts ?? 1,
        })
        .run();
    }
  });
  try {
    insert();
  } catch (error) {
    if ((error as { code?: unknown }).code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
      return err({ code: "unknown-run", message: `no run with id ${runId}`, runId });
    }
    throw error;
  }
  return ok({ inserted: cells.length });
}

/** The cells of a run, in the order they were inserted. */
export function listPingCells(store: Store, runId: string): PingCell[] {
  return store.db
    .select()
    .from(pingCells)
    .where(eq(pingCells.runId, runId))
    .orderBy(asc(pingCells.id))
    .all()
    .map(toCell);
}
