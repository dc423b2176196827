"use client";

import { useState } from "react";
import { codeBlockClass } from "@/components/ui/classes";
import { render } from "@/lib/i18n/text";
import type { UiKey } from "@/lib/i18n/ui";
import { renderPlanText, summaryLine } from "@/lib/plan/render";
import type { PlanView } from "@/lib/views/plan-view";
import { useLocale, useT } from "../i18n/locale-provider";

const ACTION_TONE = { "+": "text-ok", "-": "text-danger", "~": "text-warn" } as const;
const ACTION_WORD: Record<"+" | "-" | "~", UiKey> = { "+": "plan.add", "-": "plan.remove", "~": "plan.change" };

/**
 * A plan grouped by host, each step with its command and why it is there (the teaching view), or
 * the same plan as lib/plan's text. Host data (names, causes) is rendered as text only.
 */
export function PlanSteps({ plan, testId }: { plan: PlanView; testId: string }) {
  const t = useT();
  const locale = useLocale();
  const [explain, setExplain] = useState(true);
  const [asText, setAsText] = useState(false);
  return (
    <div className="space-y-2" data-testid={testId}>
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs font-medium" data-testid={`${testId}-summary`}>
          {summaryLine(plan, locale)}
        </p>
        <div className="flex items-center gap-3 text-xs">
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={explain} onChange={(e) => setExplain(e.target.checked)} />
            {t("plan.explain")}
          </label>
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={asText} onChange={(e) => setAsText(e.target.checked)} />
            {t("plan.asText")}
          </label>
        </div>
      </div>
      {asText ? (
        <pre className={`${codeBlockClass} max-h-96`} data-testid={`${testId}-text`}>
          {renderPlanText(plan, { explain: true, locale })}
        </pre>
      ) : (
        <>
          {plan.hosts.length === 0 && plan.conflicts.length === 0 && (
            <p className="rounded border border-ok p-2 text-xs text-ok" data-testid={`${testId}-empty`}>
              {t("plan.noChanges")}
            </p>
          )}
          {plan.hosts.map((group) => (
            <section
              key={group.host}
              aria-label={t("plan.stepsOn", { host: group.host })}
              className="rounded-md border border-border"
              data-testid={`${testId}-host-${group.host}`}
            >
              <h3 className="flex items-center justify-between border-b border-border bg-panel-2 px-2 py-1 font-mono text-xs font-semibold">
                {group.host}
                <span className="font-sans font-normal text-muted">
                  {t(group.steps.length === 1 ? "plan.step" : "plan.steps", { count: group.steps.length })}
                </span>
              </h3>
              <ol className="divide-y divide-border">
                {group.steps.map((step) => (
                  <li
                    key={step.id}
                    className="space-y-0.5 px-2 py-1.5"
                    data-step-id={step.id}
                    data-testid={`${testId}-step`}
                  >
                    <div className="flex items-baseline gap-1.5 text-xs">
                      <span
                        className={`font-mono font-bold ${ACTION_TONE[step.action]}`}
                        title={t(ACTION_WORD[step.action])}
                      >
                        {step.action}
                      </span>
                      <span className="min-w-0 truncate font-mono" title={step.resourceId}>
                        {step.resourceId}
                      </span>
                      <span className="shrink-0 text-muted">({render(step.cause, locale)})</span>
                    </div>
                    <code className="block whitespace-pre-wrap break-all font-mono text-[11px] text-fg">
                      $ {step.command}
                    </code>
                    {explain && <p className="text-[11px] leading-4 text-muted">{render(step.explain, locale)}</p>}
                  </li>
                ))}
              </ol>
            </section>
          ))}
          {plan.conflicts.length > 0 && (
            <ul className="space-y-1" data-testid={`${testId}-conflicts`}>
              {plan.conflicts.map((conflict) => (
                <li key={conflict.resourceId} className="rounded border border-danger p-2 text-xs">
                  <p className="font-medium text-danger">
                    ! {conflict.resourceId}: {render(conflict.message, locale)}
                  </p>
                  <p className="text-muted">{render(conflict.hint, locale)}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
