import "server-only";
import { and, asc, desc, eq, gt, gte, lt, lte, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { AuditRow } from "./audit";
import type { StoredAuditRow } from "./audit-chain";
import type { Store } from "./open";
import { audit } from "./schema";

/**
 * What the audit page asks for. Every field narrows the rows; all are optional.
 * - `who`, `host`, `runId`: exact match.
 * - `text`: case-insensitive substring of the argv, API method and path, detail, who, host or run id.
 * - `from`/`to`: inclusive bounds on the row's ISO time (`at`), compared as ISO text (UTC).
 * - `failedOnly`: commands that exited non-zero and API calls answered with HTTP 4xx/5xx (the rule
 *   of lib/views/audit-outcome.ts).
 */
export type AuditFilter = {
  who?: string;
  host?: string;
  runId?: string;
  text?: string;
  from?: string;
  to?: string;
  failedOnly?: boolean;
};

/**
 * Where a page starts: the newest rows (no cursor), rows older than `before` (seq), or rows newer
 * than `after` (seq).
 */
export type AuditCursor = { before?: number; after?: number };

/**
 * One page of filtered rows, newest first, with the cursors of the neighbouring pages (`older`:
 * pass as `before`; `newer`: pass as `after`), each null when there is nothing there.
 */
export type AuditPage = { rows: AuditRow[]; older: number | null; newer: number | null };

/** Largest page {@link queryAudit} returns. */
export const AUDIT_PAGE_MAX = 500;

function toRow(row: StoredAuditRow): AuditRow {
  const { argvJson, ...rest } = row;
  return { ...rest, argv: argvJson === null ? null : (JSON.parse(argvJson) as string[]) };
}

/** `text` as a LIKE pattern matching it anywhere, with `%`, `_` and `\` taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

function like(column: SQLWrapper, pattern: string): SQL {
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** The SQL condition for `filter` (undefined when it selects every row). */
export function auditWhere(filter: AuditFilter): SQL | undefined {
  const text = filter.text?.trim();
  const pattern = text ? containsPattern(text) : undefined;
  return and(
    filter.who ? eq(audit.who, filter.who) : undefined,
    filter.host ? eq(audit.host, filter.host) : undefined,
    filter.runId ? eq(audit.runId, filter.runId) : undefined,
    filter.from ? gte(audit.at, filter.from) : undefined,
    filter.to ? lte(audit.at, filter.to) : undefined,
    pattern
      ? or(
          like(audit.argvJson, pattern),
          like(audit.apiMethod, pattern),
          like(audit.apiPath, pattern),
          like(audit.detail, pattern),
          like(audit.who, pattern),
          like(audit.host, pattern),
          like(audit.runId, pattern),
        )
      : undefined,
    filter.failedOnly
      ? or(
          and(eq(audit.kind, "command"), sql`${audit.exitCode} <> 0`),
          and(eq(audit.kind, "api"), or(gte(audit.exitCode, 400), lt(audit.exitCode, 100))),
        )
      : undefined,
  );
}

/**
 * One page of audit rows matching `filter`, newest first, selected and paged in the database (a
 * long log is never loaded to be filtered in memory). `limit` is clamped to 1..{@link AUDIT_PAGE_MAX}.
 */
export function queryAudit(store: Store, filter: AuditFilter, cursor: AuditCursor = {}, limit = 100): AuditPage {
  const size = Math.min(Math.max(1, Math.floor(limit)), AUDIT_PAGE_MAX);
  const where = auditWhere(filter);
  const towardNewer = cursor.after !== undefined && cursor.before === undefined;
  const fetched = store.db
    .select()
    .from(audit)
    .where(
      and(
        where,
        cursor.before !== undefined ? lt(audit.seq, cursor.before) : undefined,
        towardNewer ? gt(audit.seq, cursor.after ?? 0) : undefined,
      ),
    )
    .orderBy(towardNewer ? asc(audit.seq) : desc(audit.seq))
    .limit(size + 1)
    .all();
  const more = fetched.length > size;
  const page = fetched.slice(0, size);
  if (towardNewer) page.reverse();
  const rows = page.map(toRow);
  const first = rows[0]?.seq;
  const last = rows.at(-1)?.seq;
  const exists = (condition: SQL | undefined) =>
    store.db.select({ seq: audit.seq }).from(audit).where(and(where, condition)).limit(1).get() !== undefined;
  if (first === undefined || last === undefined) {
    // An empty page: point back at where the cursor came from, if rows are there.
    const before = cursor.before;
    const after = cursor.after;
    return {
      rows,
      older: towardNewer && after !== undefined && exists(lte(audit.seq, after)) ? after + 1 : null,
      newer: !towardNewer && before !== undefined && exists(gte(audit.seq, before)) ? before - 1 : null,
    };
  }
  const older = towardNewer ? (exists(lt(audit.seq, last)) ? last : null) : more ? last : null;
  const newer = towardNewer ? (more ? first : null) : exists(gt(audit.seq, first)) ? first : null;
  return { rows, older, newer };
}

/** Distinct `who` values in the log, sorted, at most `limit` (for the page's who filter). */
export function auditWhoValues(store: Store, limit = 200): string[] {
  return store.db
    .selectDistinct({ who: audit.who })
    .from(audit)
    .orderBy(asc(audit.who))
    .limit(limit)
    .all()
    .map((row) => row.who);
}

/** Distinct hosts in the log, sorted, at most `limit` (for the page's host filter). */
export function auditHostValues(store: Store, limit = 200): string[] {
  return store.db
    .selectDistinct({ host: audit.host })
    .from(audit)
    .where(sql`${audit.host} IS NOT NULL`)
    .orderBy(asc(audit.host))
    .limit(limit)
    .all()
    .flatMap((row) => (row.host === null ? [] : [row.host]));
}
