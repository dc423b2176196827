"use client";

import type { Outcome } from "@/lib/lessons/judge";
import { judgements, readyToPing, type StepProgress } from "@/lib/lessons/progress";
import type { LessonStepView } from "@/lib/lessons/view";
import type { PlanView } from "@/lib/views/plan-view";
import { useT } from "../i18n/locale-provider";
import { buttonClass, primaryButtonClass } from "../ui/classes";
import { CaptureQuestion } from "./capture-question";
import { CommandList } from "./command-list";
import { FaultExercise, type FaultHandlers } from "./fault-exercise";
import { PingPredictions } from "./ping-predictions";
import { RichText } from "./rich-text";

export type StepHandlers = FaultHandlers & {
  apply(): void;
  ping(): void;
  predict(ping: number, outcome: Outcome): void;
  replay(): void;
};

/** One lesson step: what it teaches, its commands with apply-this-step, predict-then-ping, and its exercise. */
export function StepPanel({
  step,
  index,
  total,
  progress,
  lab,
  canRun,
  busy,
  drift,
  handlers,
  large = false,
  lessonId = "",
  inventoryId = null,
}: {
  step: LessonStepView;
  index: number;
  total: number;
  progress: StepProgress;
  /** The hosts are the embedded lab (its plan differs a little: userspace OVS, etcd provided). */
  lab: boolean;
  /** An inventory with the design's hosts is picked. */
  canRun: boolean;
  busy: boolean;
  drift: PlanView | null;
  handlers: StepHandlers;
  large?: boolean;
  /** For a step's question on the packets (its trace runs on the lesson's design and this inventory). */
  lessonId?: string;
  inventoryId?: string | null;
}) {
  const t = useT();
  const commands = lab ? step.commands.lab : step.commands.real;
  const judged = judgements(step.pings, progress);
  const answered = judged.some(Boolean) || progress.fault.found;
  const applying = progress.apply?.live === true;
  const pinging = progress.ping?.live === true;
  return (
    <article className={`space-y-4 ${large ? "text-lg" : ""}`} data-testid="lesson-step" data-step={step.id}>
      <header className="space-y-1">
        <p className="text-sm text-muted">{t("lesson.stepOf", { index: index + 1, total })}</p>
        <h2 className={`font-semibold ${large ? "text-3xl" : "text-xl"}`} data-testid="lesson-step-title">
          {step.title}
        </h2>
      </header>
      <RichText
        text={step.body}
        className={large ? "text-xl leading-relaxed" : "leading-relaxed"}
        testId="lesson-step-body"
      />
      {step.applies && (
        <section className="space-y-2" aria-label={t("lesson.commands")}>
          <h3 className="font-semibold">{t("lesson.commands")}</h3>
          <CommandList commands={commands} large={large} />
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              className={primaryButtonClass}
              disabled={!canRun || busy || applying}
              onClick={handlers.apply}
              data-testid="lesson-apply"
            >
              {applying ? t("lesson.applying") : t("lesson.apply")}
            </button>
            {progress.apply && (
              <span
                className="text-sm"
                data-testid="lesson-apply-status"
                data-run={progress.apply.runId}
                data-status={progress.apply.live ? "running" : (progress.apply.status ?? "")}
              >
                {progress.apply.live ? t("lesson.running") : progress.apply.message}
              </span>
            )}
          </div>
        </section>
      )}
      {step.fault && (
        <FaultExercise
          fault={step.fault}
          progress={progress}
          drift={drift}
          busy={busy || pinging}
          canRun={canRun}
          handlers={handlers}
          large={large}
        />
      )}
      {step.pings.length > 0 && (
        <section className="space-y-2" aria-label={t("lesson.predictTitle")}>
          <h3 className="font-semibold">{t("lesson.predictTitle")}</h3>
          <p className="text-sm text-muted">{t("lesson.predictHelp")}</p>
          <PingPredictions
            stepId={step.id}
            pings={step.pings}
            progress={progress}
            onPredict={handlers.predict}
            large={large}
          />
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              className={primaryButtonClass}
              disabled={!canRun || busy || pinging || !readyToPing(progress)}
              onClick={handlers.ping}
              data-testid="lesson-ping-run"
              title={readyToPing(progress) ? undefined : t("lesson.predictFirst")}
            >
              {pinging ? t("lesson.pinging") : t("lesson.ping")}
            </button>
            {progress.ping && (
              <span
                className="text-sm"
                data-testid="lesson-ping-status"
                data-run={progress.ping.runId}
                data-status={progress.ping.live ? "running" : (progress.ping.status ?? "")}
              >
                {progress.ping.live ? t("lesson.running") : progress.ping.message}
              </span>
            )}
          </div>
        </section>
      )}
      {step.question && (
        <CaptureQuestion
          question={step.question}
          lessonId={lessonId}
          stepId={step.id}
          inventoryId={inventoryId}
          canRun={canRun}
          takeaway={answered ? null : step.takeaway}
        />
      )}
      {step.takeaway && answered && (
        <aside className="rounded-md border-l-4 border-accent bg-panel-2 p-3" data-testid="lesson-takeaway">
          <RichText text={step.takeaway} />
        </aside>
      )}
      <button
        type="button"
        className={buttonClass}
        onClick={handlers.replay}
        disabled={applying || pinging}
        data-testid="lesson-step-replay"
      >
        {t("lesson.replay")}
      </button>
    </article>
  );
}
