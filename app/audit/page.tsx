import Link from "next/link";
import { z } from "zod";
import { AuditTable } from "@/components/audit/audit-table";
import { listAudit, verifyAudit } from "@/lib/store/audit";
import { getTranslator } from "../_lib/locale";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslator()).t("nav.audit") };
}

const PAGE = 200;
const Query = z.object({
  host: z
    .string()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/)
    .optional(),
  run: z.string().uuid().optional(),
  after: z.coerce.number().int().min(0).max(1e12).optional(),
});

function href(query: { host?: string; run?: string; after?: number }): string {
  const params = new URLSearchParams();
  if (query.host) params.set("host", query.host);
  if (query.run) params.set("run", query.run);
  if (query.after !== undefined) params.set("after", String(query.after));
  const text = params.toString();
  return text ? `/audit?${text}` : "/audit";
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const { t } = await getTranslator();
  const parsed = Query.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const store = getStore();
  const verification = verifyAudit(store);
  const headSeq = verification.ok ? (verification.head?.seq ?? 0) : verification.seq;
  const filtered = Boolean(query.host || query.run);
  const after = query.after ?? (filtered ? 0 : Math.max(0, headSeq - PAGE));
  const rows = listAudit(store, { afterSeq: after, host: query.host, runId: query.run, limit: PAGE });
  const last = rows.at(-1)?.seq;
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
          <span className="text-ok">{t("audit.chainIntact")}</span>: {t("audit.rows", { count: verification.count })}
          {verification.head ? (
            <>
              ; {t("audit.headSeq", { seq: verification.head.seq })}{" "}
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
      {filtered ? (
        <p className="text-sm">
          {t("audit.showing", {
            what: [
              query.host ? t("audit.host", { host: query.host }) : "",
              query.run ? t("audit.run", { run: query.run }) : "",
            ]
              .filter(Boolean)
              .join(" "),
          })}{" "}
          <Link href="/audit" className="text-accent hover:underline">
            {t("audit.showAll")}
          </Link>
        </p>
      ) : null}
      <AuditTable rows={rows} t={t} />
      <nav aria-label={t("audit.pages")} className="flex gap-4 text-sm">
        {after > 0 ? (
          <Link href={href({ ...query, after: Math.max(0, after - PAGE) })} className="text-accent hover:underline">
            {t("audit.earlier")}
          </Link>
        ) : null}
        {last !== undefined && rows.length === PAGE ? (
          <Link href={href({ ...query, after: last })} className="text-accent hover:underline">
            {t("audit.later")}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
