import "server-only";
import { createHash } from "node:crypto";
import type { AuditKind } from "./schema";

/** `prev_hash` of the first audit row. */
export const GENESIS_HASH = "0".repeat(64);

/** The stored fields of an audit row that its hash covers (everything except the hashes themselves). */
export type AuditHashedFields = {
  seq: number;
  at: string;
  who: string;
  kind: AuditKind;
  host: string | null;
  hostKeyFingerprint: string | null;
  argvJson: string | null;
  apiMethod: string | null;
  apiPath: string | null;
  exitCode: number | null;
  durationMs: number | null;
  runId: string | null;
  detail: string | null;
};

/**
 * The hashed fields in their one fixed order: the canonical serialisation hashes them in this order
 * and the CSV export writes them in this order (then prev_hash and hash). Never reorder: the chain's
 * hashes depend on it.
 */
export const AUDIT_HASHED_FIELDS = [
  "seq",
  "at",
  "who",
  "kind",
  "host",
  "hostKeyFingerprint",
  "argvJson",
  "apiMethod",
  "apiPath",
  "exitCode",
  "durationMs",
  "runId",
  "detail",
] as const satisfies readonly (keyof AuditHashedFields)[];

/** Compile-time check that {@link AUDIT_HASHED_FIELDS} lists every hashed field (a new column must be added there). */
type Unlisted = Exclude<keyof AuditHashedFields, (typeof AUDIT_HASHED_FIELDS)[number]>;
export const EVERY_HASHED_FIELD_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

/** A row's hashed values in {@link AUDIT_HASHED_FIELDS} order. */
export function hashedValues(row: AuditHashedFields): (string | number | null)[] {
  return AUDIT_HASHED_FIELDS.map((field) => row[field]);
}

/**
 * The canonical serialisation of a row: a JSON array in a fixed field order with a version tag,
 * over the exact stored text (argv is hashed as stored JSON), so the same row always gives the
 * same bytes whatever order an object's keys were built in. v1 rows were chained with plain
 * SHA-256; v2 rows with an HMAC ({@link keyedAuditHash}).
 */
export function canonicalAuditRow(row: AuditHashedFields, version: "v1" | "v2" = "v1"): string {
  return JSON.stringify([`crossnet-audit-${version}`, ...hashedValues(row)]);
}

/**
 * The legacy (v1, unkeyed) link: SHA-256 (hex) over the previous row's hash and this row's
 * canonical form. Anyone holding the database can recompute it, so it only shows accidents; rows
 * written this way before the audit was keyed are sealed by the first keyed row after them.
 */
export function auditHash(prevHash: string, row: AuditHashedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalAuditRow(row)).digest("hex");
}

/** How a keyed row's stored hash begins; legacy rows hold bare hex. */
export const KEYED_PREFIX = "hmac-sha256:";

/** HMAC-SHA256 (hex) of `data` under the audit key, which lives outside the database. */
export type AuditMac = (data: string) => string;

/**
 * The keyed (v2) link: HMAC over the previous row's stored hash and this row's canonical form,
 * under a key kept outside the database. Without the key nobody can edit, delete or re-chain a
 * row and make `verify` agree.
 */
export function keyedAuditHash(mac: AuditMac, prevHash: string, row: AuditHashedFields): string {
  return `${KEYED_PREFIX}${mac(`${prevHash}\n${canonicalAuditRow(row, "v2")}`)}`;
}

/** `who` and the start of `detail` of the row that seals legacy rows when the audit is first keyed. */
export const SEAL_WHO = "crossnet";
export const SEAL_DETAIL_PREFIX = "audit keyed:";

/** The seal row's detail: rows 1..`legacyRows` were chained without a key and are sealed by this row. */
export function sealDetail(legacyRows: number): string {
  return `${SEAL_DETAIL_PREFIX} rows 1-${legacyRows} were written before the audit was keyed (plain SHA-256); this row seals them`;
}

/** Where and why a chain check failed. */
export type AuditBreak = {
  seq: number;
  reason:
    | "seq-gap"
    | "prev-mismatch"
    | "hash-mismatch"
    | "unkeyed-row"
    | "unsealed"
    | "no-key"
    | "head-missing"
    | "head-mismatch";
  message: string;
};

/** What an intact chain holds: its row count, last row, and how many leading rows predate keying. */
export type AuditChainSummary = { count: number; head: { seq: number; hash: string } | null; legacyRows: number };

/** A row as stored: hashed fields plus the two hashes. */
export type StoredAuditRow = AuditHashedFields & { prevHash: string; hash: string };

/**
 * Checks rows (in seq order) against the chain; returns the first break, or the chain's summary.
 * Pure, so it is tested without a database and can check an exported copy of the log.
 *
 * Rules: legacy (unkeyed) rows may only form a prefix, and must be followed by the seal row written
 * when the audit key was created; every later row is keyed. With `mac` null (no key known) keyed
 * rows cannot be checked and are a `no-key` break; a chain made only of legacy rows is accepted
 * only when no key exists yet (`mac` null): once a key exists, an unkeyed tail means someone
 * rewrote the log in the old, forgeable form.
 */
export function checkAuditChain(
  rows: Iterable<StoredAuditRow>,
  mac: AuditMac | null,
): { ok: true; value: AuditChainSummary } | { ok: false; error: AuditBreak } {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let legacyRows = 0;
  let keyed = false;
  let head: { seq: number; hash: string } | null = null;
  const fail = (error: AuditBreak) => ({ ok: false as const, error });
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return fail({
        seq: row.seq,
        reason: "seq-gap",
        message: `expected seq ${expectedSeq}, found ${row.seq}: rows were removed`,
      });
    }
    if (row.prevHash !== prev) {
      return fail({
        seq: row.seq,
        reason: "prev-mismatch",
        message: `seq ${row.seq} does not link to the row before it`,
      });
    }
    if (row.hash.startsWith(KEYED_PREFIX)) {
      if (mac === null) {
        return fail({
          seq: row.seq,
          reason: "no-key",
          message: `seq ${row.seq} is keyed, and the audit key is missing: it cannot be checked (see CROSSNET_AUDIT_KEY_FILE)`,
        });
      }
      if (
        !keyed &&
        legacyRows > 0 &&
        !(row.kind === "event" && row.who === SEAL_WHO && row.detail?.startsWith(SEAL_DETAIL_PREFIX))
      ) {
        return fail({
          seq: row.seq,
          reason: "unsealed",
          message: `rows 1-${legacyRows} are unkeyed and no seal row follows them: the log was rewritten in the old, forgeable form`,
        });
      }
      if (keyedAuditHash(mac, prev, row) !== row.hash) {
        return fail({
          seq: row.seq,
          reason: "hash-mismatch",
          message: `seq ${row.seq} was modified after it was written (its HMAC does not match)`,
        });
      }
      keyed = true;
    } else {
      if (keyed) {
        return fail({
          seq: row.seq,
          reason: "unkeyed-row",
          message: `seq ${row.seq} is unkeyed after keyed rows: it was forged`,
        });
      }
      if (auditHash(prev, row) !== row.hash) {
        return fail({
          seq: row.seq,
          reason: "hash-mismatch",
          message: `seq ${row.seq} was modified after it was written`,
        });
      }
      legacyRows += 1;
    }
    prev = row.hash;
    head = { seq: row.seq, hash: row.hash };
    expectedSeq += 1;
  }
  if (!keyed && legacyRows > 0 && mac !== null) {
    return fail({
      seq: legacyRows,
      reason: "unsealed",
      message: `rows 1-${legacyRows} are unkeyed although the audit key exists: the log was rewritten in the old, forgeable form`,
    });
  }
  return { ok: true, value: { count: expectedSeq - 1, head, legacyRows } };
}

/**
 * {@link checkAuditChain} returning only the first break (or `null`); without a key, as for an
 * exported copy of a legacy log.
 */
export function findAuditBreak(rows: Iterable<StoredAuditRow>, mac: AuditMac | null = null): AuditBreak | null {
  const checked = checkAuditChain(rows, mac);
  return checked.ok ? null : checked.error;
}

/** A head as `crossnet audit head` prints it: `SEQ:HASH`. */
export function formatAuditHead(head: { seq: number; hash: string }): string {
  return `${head.seq}:${head.hash}`;
}

/** Parses a head given to `verify --head`; null when it is not `SEQ:HASH`. */
export function parseAuditHead(text: string): { seq: number; hash: string } | null {
  const match = /^(\d{1,12}):((?:hmac-sha256:)?[0-9a-f]{64})$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return null;
  return { seq: Number(match[1]), hash: match[2] };
}
