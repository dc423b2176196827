import "server-only";
import { asc, gt } from "drizzle-orm";
import type { AuditRow } from "./audit";
import { hashedValues, type StoredAuditRow } from "./audit-chain";
import type { Store } from "./open";
import { audit } from "./schema";

/** Columns of the CSV export, in order; `prev_hash`/`hash` let a copy be checked against the chain. */
export const AUDIT_CSV_COLUMNS = [
  "seq",
  "at",
  "who",
  "kind",
  "host",
  "host_key_fingerprint",
  "argv",
  "api_method",
  "api_path",
  "exit_code",
  "duration_ms",
  "run_id",
  "detail",
  "prev_hash",
  "hash",
] as const;

/**
 * One CSV field: quoted, quotes doubled, and a leading `=`, `+`, `-`, `@`, tab or CR prefixed with `'`
 * so a spreadsheet never evaluates text that came from hosts or users as a formula.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** One audit row as a CSV line (argv as its JSON array, exactly as hashed). */
export function auditCsvLine(row: StoredAuditRow): string {
  return [...hashedValues(row), row.prevHash, row.hash].map(csvField).join(",");
}

/** Every stored row in seq order, 1000 at a time (an export of a long log never holds it all). */
export function* storedAuditRows(store: Store): Generator<StoredAuditRow> {
  let after = 0;
  for (;;) {
    const page = store.db.select().from(audit).where(gt(audit.seq, after)).orderBy(asc(audit.seq)).limit(1000).all();
    yield* page;
    const last = page.at(-1);
    if (!last) return;
    after = last.seq;
  }
}

/**
 * The whole log as text chunks: CSV (header first) or JSON Lines of the stored rows. Both keep the
 * hashes, so `findAuditBreak` can check an exported copy away from the database.
 */
export function* exportAudit(store: Store, format: "csv" | "jsonl"): Generator<string> {
  if (format === "csv") yield `${AUDIT_CSV_COLUMNS.join(",")}\n`;
  for (const row of storedAuditRows(store))
    yield format === "csv" ? `${auditCsvLine(row)}\n` : `${JSON.stringify(row)}\n`;
}

/** What a row did, as one line of text: argv (shell-like), API method and path, or the event. */
export function describeAuditAction(row: AuditRow): string {
  if (row.kind === "command")
    return (row.argv ?? []).map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(" ");
  if (row.kind === "api") return `${row.apiMethod ?? "?"} ${row.apiPath ?? "?"}`;
  return row.detail ?? "";
}
