import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { RunAuditList } from "@/components/runs/run-audit-list";
import { RunJournal } from "@/components/runs/run-journal";
import { statusKey } from "@/components/runs/status-key";
import { StoredMatrix } from "@/components/runs/stored-matrix";
import { STATUS_TONE } from "@/components/runs/ui";
import { sessionActor } from "@/lib/app/actor";
import { readRunDetail } from "@/lib/app/run-history";
import { render } from "@/lib/i18n/text";
import { getTranslator } from "../../_lib/locale";
import { requireUser } from "../../_lib/session";
import { getStore } from "../../_lib/store";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslator()).t("run.title") };
}

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const { locale, t } = await getTranslator();
  const detail = readRunDetail(getStore(), { actor: sessionActor(session.user), runId: id.data });
  if (!detail.ok) notFound();
  const { run, item, containers, body: part } = detail.value;

  let body: React.ReactNode = null;
  if (part.kind === "ping")
    body = (
      <div className="space-y-3">
        {part.previousId && (
          <Link
            href={`/runs/compare?a=${part.previousId}&b=${run.id}`}
            className="text-sm text-accent underline"
            data-testid="run-compare-previous"
          >
            {t("run.comparePrevious")}
          </Link>
        )}
        {part.cells.length === 0 ? (
          <p className="text-sm text-muted">{t("run.noCells")}</p>
        ) : (
          <StoredMatrix
            cells={part.cells}
            detailsOnDemand={part.detailsOnDemand}
            containers={containers}
            meta={{
              topology: item.topology?.name ?? "topology",
              version: item.topology?.version ?? null,
              runId: run.id,
              startedAt: run.startedAt,
            }}
          />
        )}
      </div>
    );
  else if (part.kind === "converge")
    body = (
      <div className="space-y-4">
        <RunJournal journal={part.journal} t={t} />
        <RunAuditList audit={part.audit} t={t} />
      </div>
    );

  return (
    <section className="mx-auto w-full max-w-6xl space-y-4 p-6" data-testid="run-page" data-kind={run.kind}>
      <Link href="/runs" className="text-sm text-muted hover:text-fg">
        ← {t("nav.runs")}
      </Link>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-xl font-semibold">
          {run.kind === "ping"
            ? t("run.heading.ping")
            : run.kind === "lab"
              ? t("run.heading.lab")
              : run.kind === "apply"
                ? t("run.heading.apply")
                : t("run.heading.destroy")}
          {item.topology ? (
            <>
              {" "}
              {t("run.of")}{" "}
              <Link href={`/topologies/${item.topology.id}`} className="font-mono text-accent hover:underline">
                {item.topology.name}
              </Link>{" "}
              <span className="font-mono">v{item.topology.version}</span>
            </>
          ) : null}
        </h1>
        <p className={`font-semibold ${STATUS_TONE[run.status] ?? ""}`} data-testid="run-status">
          {t(statusKey(run.status))}
        </p>
      </div>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted">{t("run.started")}</dt>
        <dd className="tabular-nums">{run.startedAt.replace("T", " ").slice(0, 19)} UTC</dd>
        <dt className="text-muted">{t("run.col.duration")}</dt>
        <dd className="tabular-nums">
          {run.durationMs !== null ? t("unit.s", { value: (run.durationMs / 1000).toFixed(1) }) : "—"}
        </dd>
        <dt className="text-muted">{t("run.hosts")}</dt>
        <dd>{item.inventory ?? "—"}</dd>
        <dt className="text-muted">{t("runs.col.by")}</dt>
        <dd>{run.who}</dd>
        <dt className="text-muted">{t("runs.col.outcome")}</dt>
        <dd data-testid="run-outcome">{render(item.outcome, locale)}</dd>
      </dl>
      {body}
    </section>
  );
}
