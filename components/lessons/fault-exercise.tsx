"use client";

import { useState } from "react";
import { render } from "@/lib/i18n/text";
import type { UiKey } from "@/lib/i18n/ui";
import type { StepProgress } from "@/lib/lessons/progress";
import type { FaultKind } from "@/lib/lessons/schema";
import type { LessonFault } from "@/lib/lessons/view";
import type { PlanView } from "@/lib/views/plan-view";
import { useLocale, useT } from "../i18n/locale-provider";
import { buttonClass, dangerButtonClass, primaryButtonClass } from "../ui/classes";

const STATE_KEY: Record<"intact" | "broken" | "found" | "fixed", UiKey> = {
  intact: "lesson.fault.state.intact",
  broken: "lesson.fault.state.broken",
  found: "lesson.fault.state.found",
  fixed: "lesson.fault.state.fixed",
};

export type FaultHandlers = {
  inject(): void;
  look(): void;
  answer(kind: FaultKind): void;
  repair(): void;
  checkFix(): void;
};

/**
 * A break-and-fix exercise: break something on the hosts, find it (the pings' diagnosis, the hosts'
 * drift), name it, fix it by hand or let Crossnet repair it, and check the fix on the hosts and by pinging.
 */
export function FaultExercise({
  fault,
  progress,
  drift,
  busy,
  canRun,
  handlers,
  large = false,
}: {
  fault: LessonFault;
  progress: StepProgress;
  /** What a look at the hosts found to repair (null: not looked yet). */
  drift: PlanView | null;
  busy: boolean;
  canRun: boolean;
  handlers: FaultHandlers;
  large?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const [choice, setChoice] = useState<FaultKind | null>(null);
  const state = progress.fault.fixed
    ? "fixed"
    : progress.fault.found
      ? "found"
      : progress.fault.injected
        ? "broken"
        : "intact";
  const repairing = progress.apply?.live === true;
  return (
    <section
      className={`space-y-3 rounded-lg border border-warn/60 bg-panel p-3 ${large ? "text-lg" : "text-sm"}`}
      data-testid="lesson-fault"
      data-state={state}
      aria-label={t("lesson.fault.title")}
    >
      <h3 className="font-semibold">{t("lesson.fault.title")}</h3>
      <p data-testid="lesson-fault-status">{t(STATE_KEY[state])}</p>
      {!progress.fault.injected && (
        <button
          type="button"
          className={dangerButtonClass}
          disabled={busy || !canRun}
          onClick={handlers.inject}
          data-testid="lesson-fault-inject"
        >
          {t("lesson.fault.inject")}
        </button>
      )}
      {progress.fault.injected && (
        <>
          <div className="space-y-2">
            <button
              type="button"
              className={buttonClass}
              disabled={busy || !canRun}
              onClick={handlers.look}
              data-testid="lesson-fault-look"
            >
              {t("lesson.fault.look")}
            </button>
            {drift && (
              <div data-testid="lesson-fault-drift">
                {drift.hosts.length === 0 ? (
                  <p className="text-muted">{t("lesson.fault.noDrift")}</p>
                ) : (
                  <ul className="space-y-1">
                    {drift.hosts.flatMap((host) =>
                      host.steps.map((step) => (
                        <li key={step.id} className="font-mono text-xs">
                          {host.host}: {step.action} {step.resourceId} ({render(step.cause, locale)})
                        </li>
                      )),
                    )}
                  </ul>
                )}
              </div>
            )}
          </div>
          <fieldset className="space-y-1" disabled={progress.fault.found}>
            <legend className="font-medium">{t("lesson.fault.question")}</legend>
            {fault.choices.map((option) => (
              <label key={option.kind} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="fault-answer"
                  value={option.kind}
                  checked={(progress.fault.found ? progress.fault.answer : choice) === option.kind}
                  onChange={() => setChoice(option.kind)}
                  data-testid={`lesson-fault-choice-${option.kind}`}
                />
                {option.label}
              </label>
            ))}
            {!progress.fault.found && (
              <button
                type="button"
                className={buttonClass}
                disabled={choice === null}
                onClick={() => choice && handlers.answer(choice)}
                data-testid="lesson-fault-answer"
              >
                {t("lesson.fault.answer")}
              </button>
            )}
          </fieldset>
          {progress.fault.answer && (
            <p
              className={progress.fault.found ? "font-semibold text-ok" : "font-semibold text-danger"}
              data-testid="lesson-fault-feedback"
              data-correct={progress.fault.found ? "true" : "false"}
            >
              {progress.fault.found ? t("lesson.fault.right") : t("lesson.fault.wrong")}
            </p>
          )}
          {progress.fault.found && (
            <div className="space-y-2">
              <p data-testid="lesson-fault-description">
                {t("lesson.fault.whatHappened", { text: fault.description })}
              </p>
              <p className="font-medium">{t("lesson.fault.byHand")}</p>
              <pre
                className="overflow-auto rounded border border-border bg-bg p-2 font-mono text-xs"
                data-testid="lesson-fault-fix"
              >
                {fault.fix.map((line) => `${line.host}# ${line.command}`).join("\n")}
              </pre>
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className={buttonClass}
                  disabled={busy || repairing || !canRun}
                  onClick={handlers.repair}
                  data-testid="lesson-fault-repair"
                >
                  {t("lesson.fault.repair")}
                </button>
                <button
                  type="button"
                  className={primaryButtonClass}
                  disabled={busy || repairing || !canRun}
                  onClick={handlers.checkFix}
                  data-testid="lesson-fault-check"
                >
                  {t("lesson.fault.check")}
                </button>
              </div>
              {progress.apply && (
                <p
                  data-testid="lesson-fault-repair-status"
                  data-run={progress.apply.runId}
                  data-status={progress.apply.live ? "running" : (progress.apply.status ?? "")}
                >
                  {progress.apply.live ? t("lesson.running") : progress.apply.message}
                </p>
              )}
              {progress.fault.onHosts && (
                <p data-testid="lesson-fault-onhosts" data-state={progress.fault.onHosts}>
                  {progress.fault.onHosts === "present" ? t("lesson.fault.stillThere") : t("lesson.fault.gone")}
                </p>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
