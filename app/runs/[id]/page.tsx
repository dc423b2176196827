import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { statusKey } from "@/components/runs/status-key";
import { StoredMatrix } from "@/components/runs/stored-matrix";
import { STATUS_TONE } from "@/components/runs/ui";
import { codeBlockClass } from "@/components/ui/classes";
import { readPingRunCells } from "@/lib/app/ping-session";
import { render } from "@/lib/i18n/text";
import { displayCommand } from "@/lib/plan/render";
import { listAudit } from "@/lib/store/audit";
import { listJournal } from "@/lib/store/journal";
import { getRun, listRuns } from "@/lib/store/runs";
import { getTopologyVersion } from "@/lib/store/topologies";
import { parseTopologyText } from "@/lib/topology";
import { getTranslator } from "../../_lib/locale";
import { runListItem } from "../../_lib/runs";
import { requireUser } from "../../_lib/session";
import { getStore } from "../../_lib/store";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslator()).t("run.title") };
}

function ms(from: string, to: string | null): string {
  if (!to) return "";
  return `${((Date.parse(to) - Date.parse(from)) / 1000).toFixed(2)} s`;
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
  const store = getStore();
  const run = getRun(store, id.data);
  if (!run) notFound();
  const item = runListItem(store, run);
  const version = run.topologyVersionId ? getTopologyVersion(store, run.topologyVersionId) : null;
  const design = version ? parseTopologyText(version.document).topology : undefined;

  let body: React.ReactNode = null;
  if (run.kind === "ping") {
    const cells = readPingRunCells(store, run);
    const previous = item.topology
      ? listRuns(store, { kind: "ping", topologyId: item.topology.id, limit: 50 }).find(
          (candidate) => candidate.startedAt < run.startedAt && candidate.status !== "running",
        )
      : undefined;
    body = (
      <div className="space-y-3">
        {previous && (
          <Link
            href={`/runs/compare?a=${previous.id}&b=${run.id}`}
            className="text-sm text-accent underline"
            data-testid="run-compare-previous"
          >
            {t("run.comparePrevious")}
          </Link>
        )}
        {cells.length === 0 ? (
          <p className="text-sm text-muted">{t("run.noCells")}</p>
        ) : (
          <StoredMatrix
            cells={cells}
            containers={Object.keys(design?.containers ?? {})}
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
  } else if (run.kind === "apply" || run.kind === "destroy") {
    const journal = listJournal(store, run.id);
    const audit = listAudit(store, { runId: run.id, limit: 1000 });
    body = (
      <div className="space-y-4">
        <section aria-labelledby="journal-title" className="space-y-2">
          <h2 id="journal-title" className="text-lg font-semibold">
            {t("run.journal")}
          </h2>
          {journal.length === 0 ? (
            <p className="text-sm text-muted">{t("run.noStep")}</p>
          ) : (
            <table className="w-full border-collapse text-sm" data-testid="run-journal">
              <thead className="text-left text-xs text-muted">
                <tr>
                  <th scope="col" className="py-1 font-medium">
                    {t("lab.col.host")}
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    {t("run.col.step")}
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    {t("run.col.state")}
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    {t("run.col.exit")}
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    {t("run.col.duration")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {journal.map((entry) => (
                  <tr key={entry.id} className="border-t border-border align-top" data-testid="run-journal-row">
                    <td className="py-1 pr-2 font-mono">{entry.host}</td>
                    <td className="py-1 pr-2">
                      <details>
                        <summary className="cursor-pointer font-mono text-xs">
                          {entry.resourceId} ({entry.kind})
                        </summary>
                        <code className="mt-1 block whitespace-pre-wrap break-all font-mono text-xs">
                          $ {displayCommand(entry.argv)}
                        </code>
                        {entry.stdout && <pre className={`${codeBlockClass} mt-1 max-h-40`}>{entry.stdout}</pre>}
                        {entry.stderr && (
                          <pre className={`${codeBlockClass} mt-1 max-h-40 text-danger`}>{entry.stderr}</pre>
                        )}
                      </details>
                    </td>
                    <td className={`py-1 pr-2 font-medium ${STATUS_TONE[entry.state] ?? ""}`}>
                      {t(statusKey(entry.state))}
                    </td>
                    <td className="py-1 pr-2 tabular-nums">{entry.exitCode ?? "—"}</td>
                    <td className="py-1 tabular-nums">{ms(entry.startedAt, entry.finishedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="audit-title" className="space-y-2">
          <h2 id="audit-title" className="text-lg font-semibold">
            {t("run.audit", { count: audit.length })}
          </h2>
          <p className="text-sm text-muted">{t("run.auditHelp")}</p>
          <details>
            <summary className="cursor-pointer text-sm">{t("run.showAudit")}</summary>
            <ol
              className="mt-2 max-h-96 overflow-auto rounded border border-border bg-bg p-2 font-mono text-xs"
              data-testid="run-audit"
            >
              {audit.map((row) => (
                <li key={row.seq}>
                  #{row.seq} {row.at.slice(11, 23)} {row.who} {row.host ?? "-"}{" "}
                  {row.kind === "command"
                    ? `$ ${displayCommand(row.argv ?? [])}`
                    : row.kind === "api"
                      ? `${row.apiMethod} ${row.apiPath}`
                      : row.detail}{" "}
                  {row.exitCode !== null ? `→ ${row.exitCode}` : ""}
                </li>
              ))}
            </ol>
          </details>
        </section>
      </div>
    );
  }

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
        <dd className="tabular-nums">{run.durationMs !== null ? `${(run.durationMs / 1000).toFixed(1)} s` : "—"}</dd>
        <dt className="text-muted">{t("run.hosts")}</dt>
        <dd>{item.inventory ?? "—"}</dd>
        <dt className="text-muted">{t("runs.col.by")}</dt>
        <dd>{run.who}</dd>
        <dt className="text-muted">{t("runs.col.outcome")}</dt>
        <dd data-testid="run-outcome">{render(item.outcomeText, locale)}</dd>
      </dl>
      {body}
    </section>
  );
}
