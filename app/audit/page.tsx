import Link from "next/link";
import { z } from "zod";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import type { UiKey } from "@/lib/i18n/ui";
import { verifyAudit } from "@/lib/store/audit";
import { type AuditFilter, auditHostValues, auditWhoValues, queryAudit } from "@/lib/store/audit-query";
import { getTranslator } from "../_lib/locale";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslator()).t("nav.audit") };
}

/** Rows per page: the default, and the sizes a reader may pick (`?n=`). */
const PAGE = 100;
const PAGE_SIZES = [25, 50, 100, 200, 500] as const;
/** A `datetime-local` value (minutes, optional seconds), read as UTC like the `at` column. */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const Field = {
  who: z.string().min(1).max(200),
  host: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/),
  run: z.string().uuid(),
  q: z.string().max(200),
  from: z.string().regex(LOCAL_TIME),
  to: z.string().regex(LOCAL_TIME),
  before: z.coerce.number().int().min(0).max(1e12),
  after: z.coerce.number().int().min(0).max(1e12),
  n: z.coerce
    .number()
    .int()
    .refine((value) => (PAGE_SIZES as readonly number[]).includes(value)),
};
type FieldName = keyof typeof Field;
type Query = { [K in FieldName]?: z.infer<(typeof Field)[K]> } & { failed?: boolean };

/** Each field's label and what a valid value looks like, in the reader's language. */
const FIELD_TEXT: Record<FieldName, { label: UiKey; reason: UiKey }> = {
  who: { label: "audit.filter.who", reason: "audit.filter.reason.who" },
  host: { label: "audit.filter.host", reason: "audit.filter.reason.host" },
  run: { label: "audit.col.run", reason: "audit.filter.reason.run" },
  q: { label: "audit.filter.text", reason: "audit.filter.reason.text" },
  from: { label: "audit.filter.from", reason: "audit.filter.reason.time" },
  to: { label: "audit.filter.to", reason: "audit.filter.reason.time" },
  before: { label: "audit.pages", reason: "audit.filter.reason.cursor" },
  after: { label: "audit.pages", reason: "audit.filter.reason.cursor" },
  n: { label: "audit.pages", reason: "audit.filter.reason.pageSize" },
};

/** Reads each query parameter on its own: a bad one is ignored (and said so), the rest still apply. */
function readQuery(params: Record<string, string | string[] | undefined>): { query: Query; bad: FieldName[] } {
  const query: Record<string, unknown> = {};
  const bad: FieldName[] = [];
  for (const name of Object.keys(Field) as FieldName[]) {
    const raw = params[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value.trim() === "") continue;
    const parsed = Field[name].safeParse(value.trim());
    if (parsed.success) query[name] = parsed.data;
    else bad.push(name);
  }
  const failed = params.failed;
  return { query: { ...(query as Query), failed: failed === "1" || failed === "on" }, bad };
}

function utc(local: string, end: boolean): string {
  const withSeconds = local.length === 16 ? `${local}:${end ? "59" : "00"}` : local;
  return `${withSeconds}.${end ? "999" : "000"}Z`;
}

function href(query: Query, cursor: { before?: number; after?: number }): string {
  const params = new URLSearchParams();
  for (const name of ["who", "host", "run", "q", "from", "to"] as const) {
    const value = query[name];
    if (value) params.set(name, value);
  }
  if (query.failed) params.set("failed", "1");
  if (query.n !== undefined) params.set("n", String(query.n));
  if (cursor.before !== undefined) params.set("before", String(cursor.before));
  if (cursor.after !== undefined) params.set("after", String(cursor.after));
  const text = params.toString();
  return text ? `/audit?${text}` : "/audit";
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const { t } = await getTranslator();
  const { query, bad } = readQuery(await searchParams);
  const size = query.n ?? PAGE;
  const store = getStore();
  const verification = verifyAudit(store);
  const filter: AuditFilter = {
    who: query.who,
    host: query.host,
    runId: query.run,
    text: query.q,
    from: query.from ? utc(query.from, false) : undefined,
    to: query.to ? utc(query.to, true) : undefined,
    failedOnly: query.failed,
  };
  const page = queryAudit(
    store,
    filter,
    query.before !== undefined ? { before: query.before } : query.after !== undefined ? { after: query.after } : {},
    size,
  );
  return (
    <section className="mx-auto w-full max-w-7xl space-y-4 overflow-auto p-6" data-testid="audit-page">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-xl font-semibold">{t("audit.heading")}</h1>
        <div className="flex gap-3 text-sm">
          <a href="/audit/export?format=csv" className="text-accent hover:underline" data-testid="audit-export-csv">
            {t("audit.exportCsv")}
          </a>
          <a href="/audit/export?format=jsonl" className="text-accent hover:underline" data-testid="audit-export-jsonl">
            {t("audit.exportJsonl")}
          </a>
        </div>
      </div>
      <p className="text-sm text-muted">{t("audit.intro")}</p>
      {verification.ok ? (
        <p className="rounded border border-border p-2 text-sm" data-testid="audit-verify" data-status="ok">
          <span className="text-ok">{t("audit.chainIntact")}</span>
          {t("audit.colon")}
          {t("audit.rows", { count: verification.count })}
          {verification.head ? (
            <>
              {t("audit.semicolon")}
              {t("audit.headSeq", { seq: verification.head.seq })}{" "}
              <code className="break-all font-mono">{verification.head.hash}</code> {t("audit.keepHead")}
            </>
          ) : null}
        </p>
      ) : (
        <p
          role="alert"
          className="rounded border border-danger p-2 text-sm text-danger"
          data-testid="audit-verify"
          data-status="broken"
        >
          {t("audit.chainBroken", { seq: verification.seq, reason: verification.reason })}: {verification.message}
        </p>
      )}
      <AuditFilters
        t={t}
        values={{
          who: query.who ?? "",
          host: query.host ?? "",
          q: query.q ?? "",
          from: query.from ?? "",
          to: query.to ?? "",
          failed: Boolean(query.failed),
          run: query.run ?? "",
          n: size,
        }}
        pageSizes={PAGE_SIZES}
        whoChoices={auditWhoValues(store)}
        hostChoices={auditHostValues(store)}
      />
      {bad.map((name) => (
        <p key={name} role="alert" className="text-sm text-danger" data-testid="audit-filter-error">
          {t("audit.filter.badValue", { field: t(FIELD_TEXT[name].label), reason: t(FIELD_TEXT[name].reason) })}
        </p>
      ))}
      <p className="text-xs text-muted">{t("audit.newestFirst", { count: size })}</p>
      <AuditTable rows={page.rows} t={t} filtered={Object.values(filter).some(Boolean)} />
      <nav aria-label={t("audit.pages")} className="flex gap-4 text-sm">
        {page.newer !== null ? (
          <Link
            href={href(query, { after: page.newer })}
            className="text-accent hover:underline"
            data-testid="audit-newer"
          >
            {t("audit.newer")}
          </Link>
        ) : null}
        {page.older !== null ? (
          <Link
            href={href(query, { before: page.older })}
            className="text-accent hover:underline"
            data-testid="audit-older"
          >
            {t("audit.older")}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
