import "server-only";
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { redact, redactArgv } from "../text/redact";

/** The parts of a plan step the journal records (a `Step` fits). Argv keeps `{{NAME}}` placeholders. */
export type JournalStep = {
  id: string;
  host: string;
  kind: string;
  resourceId: string;
  argv: readonly string[];
};

/** How a step ended. `unknown`: no answer (connection lost, timeout), so it may or may not have run. */
export type JournalOutcome = {
  state: "ok" | "failed" | "unknown";
  exitCode: number | null;
  stdout?: string;
  stderr?: string;
};

/**
 * What the runner calls around each step: `before` returns before the command is sent, `after`
 * records the outcome. Same shape as lib/store's `JournalSink`, so the SQLite journal plugs in.
 * A throw stops the run (a run that cannot be journaled must not go on).
 */
export interface Journal {
  before(step: JournalStep): void;
  after(step: JournalStep, outcome: JournalOutcome): void;
}

/** Longest stdout/stderr kept per journal row. */
const OUTPUT_MAX = 16 * 1024;

/**
 * A journal as a JSON-lines file (e.g. `data/journal/<run id>.jsonl`): one `started` line before a
 * step and one outcome line after, written synchronously so a crash leaves what ran on disk.
 * Argv and output are redacted (output may echo secrets such as join tokens).
 */
export class JsonlJournal implements Journal {
  constructor(
    readonly path: string,
    readonly runId: string,
  ) {
    mkdirSync(dirname(path), { recursive: true });
  }

  before(step: JournalStep): void {
    this.write({ state: "started", ...this.fields(step) });
  }

  after(step: JournalStep, outcome: JournalOutcome): void {
    this.write({
      ...this.fields(step),
      state: outcome.state,
      exitCode: outcome.exitCode,
      stdout: bound(redact(outcome.stdout ?? "")),
      stderr: bound(redact(outcome.stderr ?? "")),
    });
  }

  private fields(step: JournalStep) {
    return {
      at: new Date().toISOString(),
      runId: this.runId,
      stepId: step.id,
      host: step.host,
      kind: step.kind,
      resourceId: step.resourceId,
      argv: redactArgv(step.argv),
    };
  }

  private write(row: Record<string, unknown>): void {
    appendFileSync(this.path, `${JSON.stringify(row)}\n`, { mode: 0o600 });
  }
}

function bound(text: string): string {
  return text.length <= OUTPUT_MAX ? text : `${text.slice(0, OUTPUT_MAX)}…[${text.length - OUTPUT_MAX} characters cut]`;
}
