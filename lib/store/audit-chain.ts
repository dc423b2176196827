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
 * The canonical serialisation of a row: a JSON array in a fixed field order with a version tag,
 * over the exact stored text (argv is hashed as stored JSON), so the same row always gives the
 * same bytes whatever order an object's keys were built in.
 */
export function canonicalAuditRow(row: AuditHashedFields): string {
  return JSON.stringify([
    "crossnet-audit-v1",
    row.seq,
    row.at,
    row.who,
    row.kind,
    row.host,
    row.hostKeyFingerprint,
    row.argvJson,
    row.apiMethod,
    row.apiPath,
    row.exitCode,
    row.durationMs,
    row.runId,
    row.detail,
  ]);
}

/**
 * SHA-256 (hex) over the previous row's hash and this row's canonical form. Chaining makes an edit
 * or a deletion anywhere but at the tail visible to `verifyAudit`.
 */
export function auditHash(prevHash: string, row: AuditHashedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalAuditRow(row)).digest("hex");
}

/** Where and why a chain check failed. */
export type AuditBreak = {
  seq: number;
  reason: "seq-gap" | "prev-mismatch" | "hash-mismatch";
  message: string;
};

/** A row as stored: hashed fields plus the two hashes. */
export type StoredAuditRow = AuditHashedFields & { prevHash: string; hash: string };

/**
 * Checks rows (in seq order) against the chain; returns the first break or `null`. Pure, so it is
 * tested without a database and can check an exported copy of the log.
 */
export function findAuditBreak(rows: Iterable<StoredAuditRow>): AuditBreak | null {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return {
        seq: row.seq,
        reason: "seq-gap",
        message: `expected seq ${expectedSeq}, found ${row.seq}: rows were removed`,
      };
    }
    if (row.prevHash !== prev) {
      return { seq: row.seq, reason: "prev-mismatch", message: `seq ${row.seq} does not link to the row before it` };
    }
    if (auditHash(prev, row) !== row.hash) {
      return { seq: row.seq, reason: "hash-mismatch", message: `seq ${row.seq} was modified after it was written` };
    }
    prev = row.hash;
    expectedSeq += 1;
  }
  return null;
}
