import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { newId, nowIso } from "./clock";
import { fromStoredJson, type JsonValue, toStoredJson } from "./json";
import type { Store } from "./open";
import { err, ok, type Result } from "./result";
import { type RunKind, type RunStatus, runs, topologyVersions } from "./schema";

/** One apply, destroy, ping matrix or lab run. Settings and summary are redacted JSON. */
export type Run = {
  id: string;
  kind: RunKind;
  topologyVersionId: string | null;
  inventoryId: string | null;
  settings: JsonValue;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  summary: JsonValue | null;
  who: string;
};

/** A status a run can end in. */
export type FinalRunStatus = Exclude<RunStatus, "running">;

export type RunError =
  | { code: "not-found"; message: string; id: string }
  | { code: "already-finished"; message: string; id: string; status: RunStatus }
  | { code: "unknown-reference"; message: string };

/** Largest page `listRuns` returns. */
export const LIST_RUNS_MAX = 500;

type RunRow = typeof runs.$inferSelect;

function toRun(row: RunRow): Run {
  const { settingsJson, summaryJson, ...rest } = row;
  return {
    ...rest,
    settings: fromStoredJson(settingsJson),
    summary: summaryJson === null ? null : fromStoredJson(summaryJson),
  };
}

function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}

/** Records the start of a run (status `running`) and returns it; the id ties journal rows and ping cells to it. */
export function startRun(
  store: Store,
  input: {
    kind: RunKind;
    who: string;
    topologyVersionId?: string | null;
    inventoryId?: string | null;
    settings?: JsonValue;
  },
): Result<Run, RunError> {
  const row: RunRow = {
    id: newId(),
    kind: input.kind,
    topologyVersionId: input.topologyVersionId ?? null,
    inventoryId: input.inventoryId ?? null,
    settingsJson: toStoredJson(input.settings ?? {}),
    status: "running",
    startedAt: nowIso(store),
    finishedAt: null,
    durationMs: null,
    summaryJson: null,
    who: input.who,
  };
  try {
    store.db.insert(runs).values(row).run();
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      return err({
        code: "unknown-reference",
        message: "the run refers to a topology version or inventory that does not exist",
      });
    }
    throw error;
  }
  return ok(toRun(row));
}

/**
 * Ends a running run with its final status and summary; the duration is measured with the store's
 * clock. A run ends once: finishing it again is `already-finished`, so a late writer cannot
 * overwrite the outcome.
 */
export function finishRun(
  store: Store,
  id: string,
  outcome: { status: FinalRunStatus; summary?: JsonValue },
): Result<Run, RunError> {
  const finish = store.sqlite.transaction((): Result<Run, RunError> => {
    const row = store.db.select().from(runs).where(eq(runs.id, id)).get();
    if (!row) return err({ code: "not-found", message: `no run with id ${id}`, id });
    if (row.status !== "running") {
      return err({
        code: "already-finished",
        message: `run ${id} already ended (${row.status})`,
        id,
        status: row.status,
      });
    }
    const finishedAt = store.now();
    const durationMs = Math.max(0, finishedAt.getTime() - Date.parse(row.startedAt));
    const change = {
      status: outcome.status,
      finishedAt: finishedAt.toISOString(),
      durationMs,
      summaryJson: outcome.summary === undefined ? null : toStoredJson(outcome.summary),
    };
    store.db.update(runs).set(change).where(eq(runs.id, id)).run();
    return ok(toRun({ ...row, ...change }));
  });
  return finish.immediate();
}

/** One run by id, or `null`. */
export function getRun(store: Store, id: string): Run | null {
  const row = store.db.select().from(runs).where(eq(runs.id, id)).get();
  return row ? toRun(row) : null;
}

/**
 * Runs, newest first, optionally only of one kind or one topology (any of its versions).
 * `limit` defaults to 50 and is capped at {@link LIST_RUNS_MAX}.
 */
export function listRuns(store: Store, filter: { kind?: RunKind; topologyId?: string; limit?: number } = {}): Run[] {
  const limit = Math.min(Math.max(1, Math.floor(filter.limit ?? 50)), LIST_RUNS_MAX);
  const conditions = [
    filter.kind ? eq(runs.kind, filter.kind) : undefined,
    filter.topologyId ? eq(topologyVersions.topologyId, filter.topologyId) : undefined,
  ];
  return store.db
    .select({ run: runs })
    .from(runs)
    .leftJoin(topologyVersions, eq(topologyVersions.id, runs.topologyVersionId))
    .where(and(...conditions))
    .orderBy(desc(runs.startedAt), desc(sql`${runs}.rowid`))
    .limit(limit)
    .all()
    .map(({ run }) => toRun(run));
}
