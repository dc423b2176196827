import "server-only";
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { redact, redactArgv } from "../text/redact";

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

/** Where audit records go. Must not throw for a storage hiccup that should not stop a run. */
export interface Audit {
  record(entry: AuditRecord): void;
}

/**
 * Appends audit records as JSON lines (`{at, ...record}`, redacted) to a file such as
 * `data/audit.jsonl`, in order. {@link JsonlAudit.flush} waits for pending writes. A failed write is
 * reported once on stderr and does not stop the run.
 */
export class JsonlAudit implements Audit {
  private queue: Promise<void> = Promise.resolve();
  private warned = false;

  constructor(readonly path: string) {}

  record(entry: AuditRecord): void {
    const redacted = {
      at: new Date().toISOString(),
      ...entry,
      ...("argv" in entry ? { argv: redactArgv(entry.argv) } : {}),
      ...(entry.detail ? { detail: redact(entry.detail) } : {}),
    };
    const line = `${JSON.stringify(redacted)}\n`;
    this.queue = this.queue
      .then(async () => {
        await mkdir(dirname(this.path), { recursive: true });
        await appendFile(this.path, line, { mode: 0o600 });
      })
      .catch((error: unknown) => {
        if (this.warned) return;
        this.warned = true;
        process.stderr.write(`crossnet: cannot write the audit log ${this.path}: ${String(error)}\n`);
      });
  }

  /** Resolves once every record so far is written. */
  flush(): Promise<void> {
    return this.queue;
  }
}

/** Keeps records in memory (tests). */
export class MemoryAudit implements Audit {
  readonly entries: AuditRecord[] = [];
  record(entry: AuditRecord): void {
    this.entries.push(entry);
  }
}
