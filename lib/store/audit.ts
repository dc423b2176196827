import { and, asc, desc, eq, gt } from "drizzle-orm";
import type { AuditRecord } from "../exec/audit";
import { type RedactOptions, redactArgv } from "../secrets/redact";
import {
  type AuditBreak,
  type AuditChainSummary,
  checkAuditChain,
  GENESIS_HASH,
  KEYED_PREFIX,
  keyedAuditHash,
  SEAL_WHO,
  type StoredAuditRow,
  sealDetail,
} from "./audit-chain";
import { forwardAuditRow } from "./audit-forward";
import { loadAuditKey } from "./audit-key";
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

/**
 * Outcome of {@link verifyAudit}: the chain is intact up to `head` (its first `legacyRows` rows
 * predate keying and are sealed by the row after them), or the first break.
 */
export type AuditVerification = ({ ok: true } & AuditChainSummary) | ({ ok: false } & AuditBreak);

/** Thrown by {@link appendAudit} when the row cannot be written (no key, database error). */
export class AuditWriteError extends Error {
  override name = "AuditWriteError";
}

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
 * Appends one audit row after redacting argv, API path and detail, linked to the previous row by an
 * HMAC under the audit key (kept outside the database; lib/store/audit-key.ts). The first write
 * that creates the key first appends a seal row over any older, unkeyed rows. Runs in an IMMEDIATE
 * transaction so two processes (dashboard and CLI) cannot fork the chain. The table refuses UPDATE
 * and DELETE (triggers); this is the only writer. Forwards the row to syslog when
 * `CROSSNET_AUDIT_SYSLOG=1`.
 * @throws AuditWriteError when the key cannot be loaded or the row cannot be stored.
 */
export function appendAudit(store: Store, input: AuditInput, options: RedactOptions = {}): AuditRow {
  const key = loadAuditKey(store, { create: true });
  if (!key.ok) throw new AuditWriteError(key.error.message);
  if (!key.value) throw new AuditWriteError("audit key: none could be created");
  const { mac, created } = key.value;
  const insert = (
    last: { seq: number; hash: string } | undefined,
    fields: Omit<StoredAuditRow, "prevHash" | "hash">,
  ) => {
    const prevHash = last?.hash ?? GENESIS_HASH;
    const row: StoredAuditRow = { ...fields, prevHash, hash: keyedAuditHash(mac, prevHash, fields) };
    store.db.insert(audit).values(row).run();
    return row;
  };
  const append = store.sqlite.transaction((): StoredAuditRow[] => {
    let last = store.db
      .select({ seq: audit.seq, hash: audit.hash })
      .from(audit)
      .orderBy(desc(audit.seq))
      .limit(1)
      .get();
    const written: StoredAuditRow[] = [];
    if (last && created && !last.hash.startsWith(KEYED_PREFIX)) {
      const seal = insert(last, {
        seq: last.seq + 1,
        at: nowIso(store),
        who: SEAL_WHO,
        kind: "event",
        host: null,
        hostKeyFingerprint: null,
        argvJson: null,
        apiMethod: null,
        apiPath: null,
        exitCode: null,
        durationMs: null,
        runId: null,
        detail: sealDetail(last.seq),
      });
      written.push(seal);
      last = seal;
    }
    written.push(
      insert(last, {
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
      }),
    );
    return written;
  });
  let written: StoredAuditRow[];
  try {
    written = append.immediate();
  } catch (error) {
    throw new AuditWriteError(`cannot write the audit log: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const row of written) forwardAuditRow(row);
  const row = written.at(-1);
  if (!row) throw new AuditWriteError("cannot write the audit log: nothing was written");
  return toRow(row);
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
 * Re-computes the whole chain with the audit key and returns the first break, or `ok` with the
 * head (seq and hash). Rows cut from the very end cannot be seen from inside the database: pass
 * a head stored elsewhere earlier (`crossnet audit head`) as `head`, and a log that no longer
 * holds that row, or holds another one there, is a break.
 */
export function verifyAudit(store: Store, options: { head?: { seq: number; hash: string } } = {}): AuditVerification {
  const key = loadAuditKey(store, { create: false });
  if (!key.ok) return { ok: false, seq: 0, reason: "no-key", message: key.error.message };
  let atHead: string | null = null;
  const wanted = options.head;
  function* pages(): Generator<StoredAuditRow> {
    let after = 0;
    for (;;) {
      const page = store.db.select().from(audit).where(gt(audit.seq, after)).orderBy(asc(audit.seq)).limit(1000).all();
      for (const row of page) {
        if (wanted && row.seq === wanted.seq) atHead = row.hash;
        yield row;
      }
      const last = page.at(-1);
      if (!last) return;
      after = last.seq;
    }
  }
  const checked = checkAuditChain(pages(), key.value?.mac ?? null);
  if (!checked.ok) return { ok: false, ...checked.error };
  if (wanted) {
    const found: string | null = atHead;
    if (found === null) {
      const end = checked.value.head?.seq ?? 0;
      return {
        ok: false,
        seq: wanted.seq,
        reason: "head-missing",
        message: `the log ends at seq ${end}, before the stored head seq ${wanted.seq}: rows were cut from the end`,
      };
    }
    if (found !== wanted.hash) {
      return {
        ok: false,
        seq: wanted.seq,
        reason: "head-mismatch",
        message: `seq ${wanted.seq} is not the row the stored head names: the log was rewritten from there`,
      };
    }
  }
  return { ok: true, ...checked.value };
}

/**
 * The audit writer handed to lib/exec (structurally its `Audit` interface: `record(entry): void`).
 * Following that contract, a storage failure does not throw into the run: it goes to `onError`
 * (default: one line on stderr, once) and is counted in `failures`, which callers check at the end
 * of a run to report that the audit is incomplete.
 */
export type AuditSink = {
  record(entry: AuditInput): void;
  /**
   * Writes the intent row before a command runs. Unlike `record`, it throws (AuditWriteError) when
   * the row cannot be written: the caller then does not run the command.
   */
  intend(entry: AuditInput): void;
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
    intend(entry) {
      try {
        appendAudit(store, entry, options);
      } catch (error) {
        failures += 1;
        throw error instanceof AuditWriteError ? error : new AuditWriteError(String(error));
      }
    },
    get failures() {
      return failures;
    },
  };
}
