import type { Translate } from "@/lib/i18n/ui";
import { displayCommand } from "@/lib/plan/render";
import type { AuditRow } from "@/lib/store/audit";

/** The audit rows of one run, folded: every command and API call it made on the hosts. */
export function RunAuditList({ audit, t }: { audit: AuditRow[]; t: Translate }) {
  return (
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
  );
}
