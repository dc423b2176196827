import Link from "next/link";
import { z } from "zod";
import { AuditTable } from "@/components/audit/audit-table";
import { listAudit, verifyAudit } from "@/lib/store/audit";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit" };

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
        <h1 className="text-xl font-semibold">Audit log</h1>
        <div className="flex gap-3 text-sm">
          <a href="/audit/export?format=csv" className="text-accent hover:underline" data-testid="audit-export-csv">
            Export CSV
          </a>
          <a href="/audit/export?format=jsonl" className="text-accent hover:underline" data-testid="audit-export-jsonl">
            Export JSON Lines
          </a>
        </div>
      </div>
      <p className="text-sm text-muted">
        Every command and Docker API call Crossnet made on a host: who, when, which host and host key, the exact argv or
        API method and path, exit code (HTTP status for API calls) and duration. Rows are append-only and hash-chained;
        secrets are redacted before a row is written.
      </p>
      {verification.ok ? (
        <p className="rounded border border-border p-2 text-sm" data-testid="audit-verify" data-status="ok">
          <span className="text-ok">Chain intact</span>: {verification.count} rows
          {verification.head ? (
            <>
              ; head seq {verification.head.seq} <code className="break-all font-mono">{verification.head.hash}</code>{" "}
              (keep it elsewhere: rows removed from the end can only be detected against it)
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
          Chain broken at seq {verification.seq} ({verification.reason}): {verification.message}
        </p>
      )}
      {filtered ? (
        <p className="text-sm">
          Showing {query.host ? `host ${query.host}` : ""} {query.run ? `run ${query.run}` : ""}.{" "}
          <Link href="/audit" className="text-accent hover:underline">
            Show all
          </Link>
        </p>
      ) : null}
      <AuditTable rows={rows} />
      <nav aria-label="Audit pages" className="flex gap-4 text-sm">
        {after > 0 ? (
          <Link href={href({ ...query, after: Math.max(0, after - PAGE) })} className="text-accent hover:underline">
            Earlier rows
          </Link>
        ) : null}
        {last !== undefined && rows.length === PAGE ? (
          <Link href={href({ ...query, after: last })} className="text-accent hover:underline">
            Later rows
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
