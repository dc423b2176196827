type AuditCommon = {
  /** Who asked: a user name, or `cli:<os user>` for the command line. */
  who: string;
  host?: string | null;
  /** The host key verified for this connection (or presented, when refused), OpenSSH `SHA256:` form. */
  hostKeyFingerprint?: string | null;
  runId?: string | null;
  detail?: string | null;
};

/**
 * One audited action on a host: a command run over SSH (argv with secrets still as `{{NAME}}`
 * placeholders), a Docker API call (method + path, `exitCode` = HTTP status), or an event such as a
 * host key refused. Same shape as lib/store's `AuditInput`, so the SQLite audit plugs in as is.
 */
export type AuditRecord =
  | (AuditCommon & { kind: "command"; argv: readonly string[]; exitCode: number | null; durationMs: number | null })
  | (AuditCommon & { kind: "api"; method: string; path: string; exitCode: number | null; durationMs: number | null })
  | (AuditCommon & { kind: "event"; detail: string });

/** The `detail` of the row written before a command runs (its result row follows it). */
export const INTENT_DETAIL = "intent: about to run";

/** Where audit records go. `record` must not throw for a storage hiccup that should not stop a run. */
export interface Audit {
  record(entry: AuditRecord): void;
  /**
   * Writes the intent row before a command runs, and throws when it cannot: the command is then
   * not run. Sinks without it (tests' memory sink) write only the result row.
   */
  intend?(entry: AuditRecord): void;
}

/** Keeps records in memory (tests). */
export class MemoryAudit implements Audit {
  readonly entries: AuditRecord[] = [];
  record(entry: AuditRecord): void {
    this.entries.push(entry);
  }
}
