"use client";

import { codeBlockClass } from "@/components/ui/classes";
import { describeDriftText } from "@/lib/drift/drift";
import { render } from "@/lib/i18n/text";
import type { Translate, UiKey } from "@/lib/i18n/ui";
import { type ApplyLog, describeApplyResultText, type StepLine } from "@/lib/views/apply-log";
import { useLocale, useT } from "../i18n/locale-provider";
import { statusKey } from "./status-key";
import { STATUS_TONE } from "./ui";

const MARK: Record<StepLine["status"], string> = {
  running: "…",
  ok: "✓",
  failed: "✗",
  unknown: "?",
  skipped: "–",
};

const PHASE_KEY: Record<NonNullable<ApplyLog["phase"]>, UiKey> = {
  lock: "applyLog.phase.lock",
  observe: "applyLog.phase.observe",
  plan: "applyLog.phase.plan",
  run: "applyLog.phase.run",
  verify: "applyLog.phase.verify",
  release: "applyLog.phase.release",
};

function seconds(ms: number | null, t: Translate): string {
  return ms === null ? "" : t("unit.s", { value: (ms / 1000).toFixed(2) });
}

/** The live log of an apply or destroy: per host, each step with status, duration and output; failures with hints. */
export function ApplyLogView({ log, live }: { log: ApplyLog; live: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-2" data-testid="apply-log">
      <p className="text-xs text-muted" role="status" aria-live="polite" data-testid="apply-log-phase">
        {live
          ? `${t("applyLog.running")} ${log.phase ? `(${t(PHASE_KEY[log.phase])})` : ""}`
          : log.result
            ? t("applyLog.finished")
            : ""}
      </p>
      {log.notes.map((note) => (
        <p key={note} className="text-xs text-warn">
          {note}
        </p>
      ))}
      {log.hosts.map((host) => (
        <section
          key={host.host}
          className="rounded-md border border-border"
          aria-label={t("applyLog.logOf", { host: host.host })}
          data-testid={`apply-log-host-${host.host}`}
          data-status={host.status}
        >
          <h3 className="flex items-center justify-between border-b border-border bg-panel-2 px-2 py-1 text-xs">
            <span className="font-mono font-semibold">{host.host}</span>
            <span className={STATUS_TONE[host.status] ?? "text-muted"}>
              {t(statusKey(host.status))}
              {host.total !== null ? ` · ${host.steps.filter((s) => s.status !== "running").length}/${host.total}` : ""}
            </span>
          </h3>
          {host.error && <p className="px-2 py-1 text-xs text-danger">{host.error}</p>}
          <ol className="divide-y divide-border">
            {host.steps.map((step) => (
              <li
                key={step.id}
                className="px-2 py-1"
                data-step-id={step.id}
                data-status={step.status}
                data-testid="apply-log-step"
              >
                <details open={step.status === "failed" || step.status === "unknown"}>
                  <summary className="flex cursor-pointer items-baseline gap-1.5 text-xs">
                    <span className={`w-3 font-bold ${STATUS_TONE[step.status] ?? ""}`} aria-hidden="true">
                      {MARK[step.status]}
                    </span>
                    <span className="sr-only">{t(statusKey(step.status))}</span>
                    <code className="min-w-0 flex-1 truncate font-mono" title={step.resourceId}>
                      {step.action} {step.resourceId}
                    </code>
                    <span className="shrink-0 tabular-nums text-muted">{seconds(step.durationMs, t)}</span>
                  </summary>
                  <div className="mt-1 space-y-1 pl-4">
                    <code className="block whitespace-pre-wrap break-all font-mono text-[11px]">$ {step.command}</code>
                    {step.error && <p className="text-[11px] text-danger">{step.error}</p>}
                    {step.stdout && <pre className={`${codeBlockClass} max-h-32`}>{step.stdout}</pre>}
                    {step.stderr && <pre className={`${codeBlockClass} max-h-32 text-danger`}>{step.stderr}</pre>}
                  </div>
                </details>
              </li>
            ))}
          </ol>
          {host.failure && (
            <div
              className="space-y-1 border-t border-danger p-2 text-xs"
              role="alert"
              data-testid={`apply-failure-${host.host}`}
            >
              <p className="font-medium text-danger">
                {host.failure.stepId
                  ? t("applyLog.stoppedAt", { host: host.host, step: host.failure.stepId })
                  : t("applyLog.stopped", { host: host.host })}
                : {host.failure.error}
              </p>
              {host.failure.command && (
                <code className="block whitespace-pre-wrap break-all font-mono text-[11px]">
                  $ {host.failure.command}
                </code>
              )}
              {host.failure.stderr && <pre className={`${codeBlockClass} max-h-32`}>{host.failure.stderr}</pre>}
              <p className="text-fg" data-testid={`apply-failure-hint-${host.host}`}>
                {t("applyLog.hint", {
                  hint: render(host.failure.hint, locale),
                })}
              </p>
            </div>
          )}
        </section>
      ))}
      {log.error && (
        <p role="alert" className="rounded border border-danger p-2 text-xs text-danger" data-testid="apply-log-error">
          {log.error}
        </p>
      )}
      {log.result && (
        <div
          className="space-y-1 rounded-md border border-border p-2 text-xs"
          data-testid="apply-result"
          data-status={log.result.status}
          data-converged={log.result.converged}
        >
          <p className={`font-semibold ${STATUS_TONE[log.result.status] ?? ""}`}>
            {render(describeApplyResultText(log.result), locale)}
          </p>
          {log.result.unreachable.map((entry) => (
            <p key={entry.host} className="text-danger">
              {t("lesson.hostUnreachable", { host: entry.host, error: entry.error })}
            </p>
          ))}
          {log.result.drift && !log.result.converged && (
            <p className="text-warn">
              {t("applyLog.stillDifferent", { drift: render(describeDriftText(log.result.drift), locale) })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
