import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { JournalOutcome, JournalStep } from "../exec/journal";
import { type RedactOptions, redactArgv } from "../text/redact";
import { nowIso } from "./clock";
import type { Store } from "./open";
import { err, ok, type Result } from "./result";
import { type JournalState, journal } from "./schema";
import { boundUntrusted, OUTPUT_MAX_CHARS } from "./truncate";

/** The runner's view of a step and of its outcome: one definition, in lib/exec/journal.ts. */
export type { JournalOutcome, JournalStep } from "../exec/journal";

/** One journal row: a step of a run, written before it runs and completed after. */
export type JournalEntry = {
  id: number;
  runId: string;
  stepId: string;
  host: string;
  kind: string;
  resourceId: string;
  argv: string[];
  state: JournalState;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  startedAt: string;
  finishedAt: string | null;
};

export type JournalError =
  | { code: "unknown-run"; message: string; runId: string }
  | { code: "not-found"; message: string; runId: string; stepId: string };

type JournalRow = typeof journal.$inferSelect;

function toEntry(row: JournalRow): JournalEntry {
  const { argvJson, ...rest } = row;
  return { ...rest, argv: JSON.parse(argvJson) as string[] };
}

function findRow(store: Store, runId: string, stepId: string): JournalRow | undefined {
  return store.db
    .select()
    .from(journal)
    .where(and(eq(journal.runId, runId), eq(journal.stepId, stepId)))
    .get();
}

/**
 * Writes the "before" row of a step (state `started`), with its argv redacted. Written before the
 * command runs, so after a crash the journal shows what may have run. Starting a step again in the
 * same run (a retry) resets its row.
 */
export function appendJournal(
  store: Store,
  runId: string,
  step: JournalStep,
  options: RedactOptions = {},
): Result<JournalEntry, JournalError> {
  const row = {
    runId,
    stepId: step.id,
    host: step.host,
    kind: step.kind,
    resourceId: step.resourceId,
    argvJson: JSON.stringify(redactArgv(step.argv, options)),
    state: "started" as const,
    exitCode: null,
    stdout: "",
    stderr: "",
    startedAt: nowIso(store),
    finishedAt: null,
  };
  try {
    store.db
      .insert(journal)
      .values(row)
      .onConflictDoUpdate({ target: [journal.runId, journal.stepId], set: row })
      .run();
  } catch (error) {
    if ((error as { code?: unknown }).code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
      return err({ code: "unknown-run", message: `no run with id ${runId}`, runId });
    }
    throw error;
  }
  return ok(toEntry(findRow(store, runId, step.id)!));
}

/**
 * Completes a step's row with its outcome. Output is redacted, then bounded to `OUTPUT_MAX_CHARS`
 * (command output is untrusted and may echo secrets such as swarm join tokens).
 */
export function finishJournal(
  store: Store,
  runId: string,
  stepId: string,
  outcome: JournalOutcome,
  options: RedactOptions = {},
): Result<JournalEntry, JournalError> {
  const existing = findRow(store, runId, stepId);
  if (!existing)
    return err({ code: "not-found", message: `no journal row for step ${stepId} of run ${runId}`, runId, stepId });
  const change = {
    state: outcome.state,
    exitCode: outcome.exitCode,
    stdout: boundUntrusted(outcome.stdout ?? "", OUTPUT_MAX_CHARS, options),
    stderr: boundUntrusted(outcome.stderr ?? "", OUTPUT_MAX_CHARS, options),
    finishedAt: nowIso(store),
  };
  store.db.update(journal).set(change).where(eq(journal.id, existing.id)).run();
  return ok(toEntry({ ...existing, ...change }));
}

/** The journal of a run in the order its steps started. */
export function listJournal(store: Store, runId: string): JournalEntry[] {
  return store.db.select().from(journal).where(eq(journal.runId, runId)).orderBy(asc(journal.id)).all().map(toEntry);
}

/**
 * What the step runner calls around each step. `before` must return before the command is sent;
 * `after` records the outcome. Both are synchronous (SQLite via better-sqlite3) and throw only on
 * storage failure, which should stop the run.
 */
export type JournalSink = {
  before(step: JournalStep): void;
  after(step: JournalStep, outcome: JournalOutcome): void;
};

/** A {@link JournalSink} writing to `runId`'s journal, redacting `known` secret values as well. */
export function createJournalSink(store: Store, runId: string, options: RedactOptions = {}): JournalSink {
  return {
    before(step) {
      const result = appendJournal(store, runId, step, options);
      if (!result.ok) throw new Error(result.error.message);
    },
    after(step, outcome) {
      const result = finishJournal(store, runId, step.id, outcome, options);
      if (!result.ok) throw new Error(result.error.message);
    },
  };
}
