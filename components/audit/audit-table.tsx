import Link from "next/link";
import { INTENT_DETAIL } from "@/lib/exec/audit";
import type { Translate, UiKey } from "@/lib/i18n/ui";
import type { AuditRow } from "@/lib/store/audit";
import { describeAuditAction } from "@/lib/store/audit-export";
import { auditOutcome } from "@/lib/views/audit-outcome";

const KIND_KEY: Record<AuditRow["kind"], UiKey> = {
  command: "audit.kind.command",
  api: "audit.kind.api",
  event: "audit.kind.event",
};

/**
 * A row's detail: the runner's fixed intent line in the reader's language; anything else as it was
 * recorded (the log keeps what hosts and commands said, untranslated).
 */
function detailText(detail: string | null, t: Translate): string {
  if (detail === null) return "";
  return detail === INTENT_DETAIL ? t("audit.intent") : detail;
}

/**
 * Audit rows as a table. Everything is rendered as text (React escapes it): argv, API paths and
 * details carry what hosts and users sent, which is untrusted. A row's colour follows its outcome
 * (lib/views/audit-outcome.ts): a failed command or an HTTP 4xx/5xx is red, exit 0 or HTTP 2xx is not.
 */
export function AuditTable({ rows, t, filtered = false }: { rows: AuditRow[]; t: Translate; filtered?: boolean }) {
  if (rows.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-border p-8 text-center text-muted" data-testid="audit-empty">
        {filtered ? t("audit.noMatch") : t("audit.empty")}
      </p>
    );
  return (
    <div className="overflow-auto rounded border border-border">
      <table className="w-full text-left text-xs" data-testid="audit-table">
        <thead className="bg-panel-2 text-muted">
          <tr>
            <th className="px-2 py-1">{t("audit.col.seq")}</th>
            <th className="px-2 py-1">{t("audit.col.when")}</th>
            <th className="px-2 py-1">{t("audit.col.who")}</th>
            <th className="px-2 py-1">{t("audit.col.host")}</th>
            <th className="px-2 py-1">{t("audit.col.hostKey")}</th>
            <th className="px-2 py-1">{t("audit.col.kind")}</th>
            <th className="px-2 py-1">{t("audit.col.action")}</th>
            <th className="px-2 py-1">{t("audit.col.exit")}</th>
            <th className="px-2 py-1">{t("audit.col.ms")}</th>
            <th className="px-2 py-1">{t("audit.col.run")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const outcome = auditOutcome(row);
            return (
              <tr
                key={row.seq}
                className={`border-t border-border align-top ${outcome === "failed" ? "bg-danger/10" : ""}`}
                data-testid="audit-row"
                data-seq={row.seq}
                data-outcome={outcome}
              >
                <td className="px-2 py-1 font-mono">{row.seq}</td>
                <td className="whitespace-nowrap px-2 py-1 font-mono">{row.at}</td>
                <td className="whitespace-nowrap px-2 py-1">{row.who}</td>
                <td className="whitespace-nowrap px-2 py-1">
                  {row.host ? (
                    <Link href={`/audit?host=${encodeURIComponent(row.host)}`} className="hover:underline">
                      {row.host}
                    </Link>
                  ) : (
                    "-"
                  )}
                </td>
                <td className="max-w-40 truncate px-2 py-1 font-mono" title={row.hostKeyFingerprint ?? undefined}>
                  {row.hostKeyFingerprint ?? "-"}
                </td>
                <td className="whitespace-nowrap px-2 py-1" data-kind={row.kind}>
                  {t(KIND_KEY[row.kind])}
                </td>
                <td className="px-2 py-1 break-all" data-testid="audit-action">
                  {row.kind === "event" ? (
                    detailText(row.detail, t)
                  ) : (
                    <code className="font-mono">{describeAuditAction(row)}</code>
                  )}
                  {row.kind !== "event" && row.detail ? (
                    <span className="block text-muted">{detailText(row.detail, t)}</span>
                  ) : null}
                </td>
                <td
                  className={`px-2 py-1 font-mono ${outcome === "failed" ? "font-semibold text-danger" : outcome === "ok" ? "text-ok" : ""}`}
                  data-testid="audit-exit"
                  title={
                    outcome === "none" ? undefined : t(outcome === "ok" ? "audit.outcome.ok" : "audit.outcome.failed")
                  }
                >
                  {row.exitCode ?? "-"}
                </td>
                <td className="px-2 py-1 font-mono">{row.durationMs ?? "-"}</td>
                <td className="px-2 py-1">
                  {row.runId ? (
                    <Link href={`/runs/${row.runId}`} className="text-accent hover:underline">
                      {row.runId.slice(0, 8)}
                    </Link>
                  ) : (
                    "-"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
