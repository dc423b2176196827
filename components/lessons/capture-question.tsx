"use client";

import { useId, useState } from "react";
import { traceLessonQuestionAction } from "@/app/lessons/capture-actions";
import type { TraceResult } from "@/lib/capture/types";
import { type CaptureQuestionView, checkAnswer, type QuestionVerdict } from "@/lib/lessons/capture-question";
import { LayerTree } from "../capture/layer-tree";
import { TraceHops } from "../capture/trace-hops";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";
import { buttonClass, inputClass, primaryButtonClass } from "../ui/classes";
import { RichText } from "./rich-text";

/**
 * A lesson step's question on the packets: trace the step's ping, look at the hop the question is
 * about (its layers, the asked field marked), answer, and be judged against what was captured.
 */
export function CaptureQuestion({
  question,
  lessonId,
  stepId,
  inventoryId,
  canRun,
  takeaway = null,
}: {
  question: CaptureQuestionView;
  lessonId: string;
  stepId: string;
  inventoryId: string | null;
  canRun: boolean;
  /** The step's takeaway, shown once the answer is judged (when nothing else in the step shows it). */
  takeaway?: string | null;
}) {
  const t = useT();
  const name = useId();
  const [trace, setTrace] = useState<TraceResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState("");
  const [verdict, setVerdict] = useState<QuestionVerdict | null>(null);
  const run = async () => {
    if (!inventoryId) return;
    setBusy(true);
    setError(null);
    setVerdict(null);
    try {
      const result = await traceLessonQuestionAction({ lessonId, stepId, inventoryId });
      if (result.ok) setTrace(result.trace);
      else setError(errorText(t, result.error));
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const hop = trace?.hops.find((candidate) => candidate.at === question.at);
  return (
    <section
      aria-label={t("question.title")}
      className="space-y-2 rounded-md border border-border p-3"
      data-testid="lesson-question"
      data-verdict={verdict?.verdict ?? ""}
    >
      <h3 className="font-semibold">{t("question.title")}</h3>
      <p className="font-medium" data-testid="lesson-question-text">
        {question.text}
      </p>
      <button
        type="button"
        className={primaryButtonClass}
        disabled={!canRun || busy}
        onClick={() => void run()}
        data-testid="lesson-question-trace"
      >
        ⇢ {busy ? t("trace.running") : t("question.trace")}
      </button>
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="lesson-question-error">
          {t("trace.failed", { error })}
        </p>
      )}
      {trace && <TraceHops trace={trace} />}
      {hop && hop.layers.length > 0 && (
        <div className="space-y-1" data-testid="lesson-question-hop">
          <LayerTree
            packet={{ at: hop.at, time: 0, len: 0, summary: "", layers: hop.layers }}
            number={1}
            caption={t("question.hop", { at: question.at })}
          />
        </div>
      )}
      {trace ? (
        <form
          className="flex flex-wrap items-center gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            setVerdict(checkAnswer(question, trace, answer));
          }}
        >
          {question.choices.length > 0 ? (
            <fieldset className="flex flex-wrap gap-3" data-testid="lesson-question-choices">
              <legend className="sr-only">{t("question.answer")}</legend>
              {question.choices.map((choice) => (
                <label key={choice} className="flex items-center gap-1 font-mono">
                  <input
                    type="radio"
                    name={name}
                    value={choice}
                    checked={answer === choice}
                    onChange={() => setAnswer(choice)}
                    data-testid={`lesson-question-choice-${choice}`}
                  />
                  {choice}
                </label>
              ))}
            </fieldset>
          ) : (
            <label className="flex items-center gap-2 text-sm whitespace-nowrap">
              {t("question.answer")}
              <input
                className={`${inputClass} w-32 font-mono`}
                value={answer}
                onChange={(event) => setAnswer(event.target.value)}
                data-testid="lesson-question-input"
              />
            </label>
          )}
          <button type="submit" className={buttonClass} disabled={!answer.trim()} data-testid="lesson-question-check">
            {t("question.check")}
          </button>
        </form>
      ) : (
        <p className="text-sm text-muted">{t("question.traceFirst")}</p>
      )}
      {verdict && (
        <p
          role="status"
          className={
            verdict.verdict === "right"
              ? "font-semibold text-ok"
              : verdict.verdict === "wrong"
                ? "font-semibold text-danger"
                : "text-warn"
          }
          data-testid="lesson-question-verdict"
        >
          {verdict.verdict === "unseen"
            ? t("question.unseen", { at: question.at, field: `${question.proto}.${question.field}` })
            : t(verdict.verdict === "right" ? "question.right" : "question.wrong", {
                at: question.at,
                value: verdict.seen.join(", "),
              })}
        </p>
      )}
      {takeaway && verdict && verdict.verdict !== "unseen" && (
        <aside className="rounded-md border-l-4 border-accent bg-panel-2 p-3" data-testid="lesson-takeaway">
          <RichText text={takeaway} />
        </aside>
      )}
    </section>
  );
}
