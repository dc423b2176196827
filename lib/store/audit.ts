import "server-only";
import { and, asc, desc, eq, gt } from "drizzle-orm";
import type { AuditRecord } from "../exec/audit";
import { type RedactOptions, redactArgv } from "../text/redact";
import { type AuditBreak, auditHash, findAuditBreak, GENESIS_HASH, type StoredAuditRow } from "./audit-chain";
import { nowIso } from "./clock";
import type { Store } from "./open";
import { type AuditKind, audit } from "./schema";
import { boundUntrusted } from "./truncate";

/** Longest argv element or detail text kept in an audit row. */
export const AUDIT_FIELD_MAX_CHARS = 8 * 1024;

/**
 * What to audit: a command run on a host (argv), a Docker API call (method + path; `exitCode` holds
 * the HTTP status), or an event such as a refused host key. Defined once, by the runner (lib/exec/audit.ts).
 */
export type AuditInput = AuditRecord;

/** One audit row as stored (already redacted), with its place in the hash chain. */
export type AuditRow = {
  seq: number;
  at: string;
  who: string;
  kind: AuditKind;
  host: string | null;
  hostKeyFingerprint: string | null;
  argv: string[] | null;
  apiMethod: string | null;
  apiPath: string | null;
  exitCode: number | null;
  durationMs: number | null;
  runId: string | null;
  detail: string | null;
  prevHash: string;
  hash: string;
};

/** Outcome of {@link verifyAudit}: the chain is intact up to `head`, or the first break. */
export type AuditVerification =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | ({ ok: false } & AuditBreak);

function bound(text: string): string {
  return text.length <= AUDIT_FIELD_MAX_CHARS
    ? text
    : `${text.slice(0, AUDIT_FIELD_MAX_CHARS)}…[${text.length - AUDIT_FIELD_MAX_CHARS} characters truncated]`;
}

function toRow(row: StoredAuditRow): AuditRow {
  const { argvJson, ...rest } = row;
  return { ...rest, argv: argvJson === null ? null : (JSON.parse(argvJson) as string[]) };
}

/**
 * Appends one audit row, chained to the previous one, after redacting argv, API path and detail.
 * Runs in an IMMEDIATE transaction so two processes (dashboard and CLI) cannot fork the chain.
 * The table refuses UPDATE and DELETE (triggers); this is the only writer.
 */
export function appendAudit(store: Store, input: AuditInput, options: RedactOptions = {}): AuditRow {
  const append = store.sqlite.transaction((): AuditRow => {
    const last = store.db
      .select({ seq: audit.seq, hash: audit.hash })
      .from(audit)
      .orderBy(desc(audit.seq))
      .limit(1)
      .get();
    const fields = {
      seq: (last?.seq ?? 0) + 1,
      at: nowIso(store),
      who: input.who,
      kind: input.kind,
      host: input.host ?? null,
      hostKeyFingerprint: input.hostKeyFingerprint ?? null,
      argvJson: input.kind === "command" ? JSON.stringify(redactArgv(input.argv, options).map(bound)) : null,
      apiMethod: input.kind === "api" ? input.method : null,
      apiPath: input.kind === "api" ? boundUntrusted(input.path, AUDIT_FIELD_MAX_CHARS, options) : null,
      exitCode: input.kind === "event" ? null : input.exitCode,
      durationMs: input.kind === "event" ? null : input.durationMs,
      runId: input.runId ?? null,
      detail: input.detail == null ? null : boundUntrusted(input.detail, AUDIT_FIELD_MAX_CHARS, options),
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const row: StoredAuditRow = { ...fields, prevHash, hash: auditHash(prevHash, fields) };
    store.db.insert(audit).values(row).run();
    return toRow(row);
  });
  return append.immediate();
}

/**
 * Audit rows in seq order, after `afterSeq` (for paging), optionally for one host or run.
 * `limit` defaults to 100 and is capped at 1000.
 */
export function listAudit(
  store: Store,
  filter: { afterSeq?: number; host?: string; runId?: string; limit?: number } = {},
): AuditRow[] {
  const limit = Math.min(Math.max(1, Math.floor(filter.limit ?? 100)), 1000);
  return store.db
    .select()
    .from(audit)
    .where(
      and(
        filter.afterSeq === undefined ? undefined : gt(audit.seq, filter.afterSeq),
        filter.host === undefined ? undefined : eq(audit.host, filter.host),
        filter.runId === undefined ? undefined : eq(audit.runId, filter.runId),
      ),
    )
    .orderBy(asc(audit.seq))
    .limit(limit)
    .all()
    .map(toRow);
}

/**
 * Re-computes the whole chain and returns the first broken seq, or `ok` with the head (seq and
 * hash). Deleting rows at the very end cannot be detected from inside the database: keep the head
 * printed by `crossnet audit verify` somewhere else to detect that too.
 */
export function verifyAudit(store: Store): AuditVerification {
  let count = 0;
  let head: { seq: number; hash: string } | null = null;
  function* pages(): Generator<StoredAuditRow> {
    let after = 0;
    for (;;) {
      const page = store.db.select().from(audit).where(gt(audit.seq, after)).orderBy(asc(audit.seq)).limit(1000).all();
      for (const row of page) {
        yield row;
        count += 1;
        head = { seq: row.seq, hash: row.hash };
      }
      const last = page.at(-1);
      if (!last) return;
      after = last.seq;
    }
  }
  const broken = findAuditBreak(pages());
  return broken ? { ok: false, ...broken } : { ok: true, count, head };
}

/**
 * The audit writer handed to lib/exec (structurally its `Audit` interface: `record(entry): void`).
 * Following that contract, a storage failure does not throw into the run: it goes to `onError`
 * (default: one line on stderr, once) and is counted in `failures`, which callers check at the end
 * of a run to report that the audit is incomplete.
 */
export type AuditSink = {
  record(entry: AuditInput): void;
  readonly failures: number;
};

/** An {@link AuditSink} on `store`, also removing `known` secret values (e.g. this host's password). */
export function createAuditSink(
  store: Store,
  options: RedactOptions & { onError?: (error: unknown) => void } = {},
): AuditSink {
  let failures = 0;
  const onError =
    options.onError ??
    ((error: unknown) => {
      if (failures === 1) process.stderr.write(`crossnet: cannot write the audit log: ${String(error)}\n`);
    });
  return {
    record(entry) {
      try {
        appendAudit(store, entry, options);
      } catch (error) {
        failures += 1;
        onError(error);
      }
    },
    get failures() {
      return failures;
    },
  };
}
