"use client";

import { render } from "@/lib/i18n/text";
import { OUTCOMES, type Outcome } from "@/lib/lessons/judge";
import { judgements, type StepProgress } from "@/lib/lessons/progress";
import type { LessonPing } from "@/lib/lessons/view";
import type { ProbeCell } from "@/lib/probe/types";
import { useLocale, useT } from "../i18n/locale-provider";
import { OUTCOME_KEY, pingLabel } from "./labels";

/**
 * The step's pings: the student picks reach / blocked / bad address for each before running them; once the
 * cells are in, each row shows what happened, whether the prediction was right, what the finished design
 * expects and why, and for a failed cell the diagnosis.
 */
export function PingPredictions({
  stepId,
  pings,
  progress,
  onPredict,
  large = false,
}: {
  stepId: string;
  pings: LessonPing[];
  progress: StepProgress;
  onPredict: (ping: number, outcome: Outcome) => void;
  large?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const judged = judgements(pings, progress);
  const live = progress.ping?.live === true;
  return (
    <ul className={`space-y-2 ${large ? "text-lg" : "text-sm"}`} data-testid="lesson-pings">
      {pings.map((ping, index) => {
        const judgement = judged[index];
        const prediction = progress.predictions[index] ?? null;
        const cells = progress.cells.filter(
          (cell) => cell.from === ping.from && cell.to === ping.to && cell.by === ping.by,
        );
        const failed = cells.find((cell) => cell.verdict === "fail" && cell.diagnosis);
        const name = `${stepId}-ping-${index}`;
        return (
          <li
            key={name}
            className="space-y-1.5 rounded-md border border-border bg-panel p-2"
            data-testid={`lesson-ping-${index}`}
            data-result={judgement ? (judgement.correct ? "right" : "wrong") : "pending"}
            data-actual={judgement?.actual ?? ""}
          >
            <p className="font-mono font-medium">{pingLabel(ping, t)}</p>
            <fieldset className="flex flex-wrap gap-3" disabled={live}>
              <legend className="sr-only">{t("lesson.yourPrediction")}</legend>
              {OUTCOMES.map((outcome) => (
                <label key={outcome} className="inline-flex items-center gap-1">
                  <input
                    type="radio"
                    name={name}
                    value={outcome}
                    checked={prediction === outcome}
                    onChange={() => onPredict(index, outcome)}
                    data-testid={`lesson-predict-${index}-${outcome}`}
                  />
                  {t(OUTCOME_KEY[outcome])}
                </label>
              ))}
            </fieldset>
            {judgement && (
              <div className="space-y-1" data-testid={`lesson-ping-${index}-result`}>
                <p className={judgement.correct ? "font-semibold text-ok" : "font-semibold text-danger"}>
                  {judgement.correct ? "✓ " : "✗ "}
                  {t(judgement.correct ? "lesson.right" : "lesson.wrong", { actual: t(OUTCOME_KEY[judgement.actual]) })}
                </p>
                <p className="text-muted" data-testid={`lesson-ping-${index}-expected`}>
                  {t("lesson.designExpects", { outcome: t(OUTCOME_KEY[ping.expected]), reason: ping.reason })}
                </p>
                {cells.map((cell) => (
                  <CellLine key={`${cell.target}-${cell.by}`} cell={cell} />
                ))}
                {failed && (
                  <p className="font-medium text-warn" data-testid={`lesson-ping-${index}-diagnosis`}>
                    {t("lesson.diagnosis", {
                      text: failed.diagnosis ? render(failed.diagnosis, locale) : "",
                    })}
                  </p>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function CellLine({ cell }: { cell: ProbeCell }) {
  const t = useT();
  return (
    <p className="font-mono text-xs text-muted">
      ping {cell.target} → {cell.received}/{cell.sent}
      {cell.error ? ` · ${cell.error}` : ""}
      {cell.rttMs ? ` · ${t("lesson.rtt", { ms: cell.rttMs.avg.toFixed(2) })}` : ""}
    </p>
  );
}
