"use client";

import { judgements, type LessonProgress } from "@/lib/lessons/progress";
import type { LessonStepView } from "@/lib/lessons/view";
import { useT } from "../i18n/locale-provider";
import { buttonClass } from "../ui/classes";

/** Whether a step is done: applied (if it applies), every ping judged, its fault fixed. */
function stepDone(step: LessonStepView, progress: LessonProgress): boolean {
  const state = progress.steps[step.id];
  if (!state) return false;
  if (step.applies && state.apply?.status !== "done") return false;
  if (step.pings.length && judgements(step.pings, state).some((judgement) => !judgement)) return false;
  if (step.fault && !state.fault.fixed) return false;
  return true;
}

/** The lesson's steps: a list to jump to any step, with previous / next. */
export function StepNav({
  steps,
  progress,
  current,
  onGo,
  large = false,
}: {
  steps: LessonStepView[];
  progress: LessonProgress;
  current: number;
  onGo: (index: number) => void;
  large?: boolean;
}) {
  const t = useT();
  const list = (
    <ol className={`space-y-1 ${large ? "flex flex-wrap gap-2 space-y-0" : ""}`} data-testid="lesson-steps">
      {steps.map((step, index) => {
        const done = stepDone(step, progress);
        return (
          <li key={step.id}>
            <button
              type="button"
              onClick={() => onGo(index)}
              aria-current={index === current ? "step" : undefined}
              data-testid={`lesson-step-nav-${step.id}`}
              data-done={done ? "true" : "false"}
              className={`w-full rounded-md px-2 py-1 text-left text-sm ${
                index === current ? "bg-panel-2 font-semibold" : "hover:bg-panel-2"
              } ${large ? "w-auto border border-border text-base" : ""}`}
            >
              <span className="mr-1 text-muted">{index + 1}.</span>
              {step.title}
              {done && (
                <span className="ml-1 text-ok" role="img" aria-label={t("lesson.stepDone")}>
                  ✓
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ol>
  );
  return (
    <nav aria-label={t("lesson.steps")} className="space-y-3">
      {list}
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonClass}
          disabled={current === 0}
          onClick={() => onGo(current - 1)}
          data-testid="lesson-prev"
        >
          ← {t("lesson.prev")}
        </button>
        <button
          type="button"
          className={buttonClass}
          disabled={current >= steps.length - 1}
          onClick={() => onGo(current + 1)}
          data-testid="lesson-next"
        >
          {t("lesson.next")} →
        </button>
      </div>
    </nav>
  );
}
