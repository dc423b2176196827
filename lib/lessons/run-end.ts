import type { Locale } from "../i18n/locale";
import { render } from "../i18n/text";
import type { Translate } from "../i18n/ui";
import type { RunOutcome } from "../runs/stream";

/** How a lesson shows a finished run: a status word for the data attributes, and one line for people. */
export function describeRunEnd(
  outcome: RunOutcome,
  t: Translate,
  locale: Locale,
): { status: string; message: string | null } {
  if (outcome.kind === "error") return { status: "failed", message: outcome.message };
  if (outcome.kind === "lab")
    return {
      status: outcome.result.ok ? "done" : "failed",
      message: render(outcome.result.message, locale),
    };
  if (outcome.kind === "ping") {
    const { summary, cancelled, error } = outcome.result;
    if (error) return { status: "failed", message: error };
    return {
      status: cancelled ? "cancelled" : "done",
      message: t("lesson.pingDone", {
        pass: summary.pass,
        fail: summary.fail,
        seconds: (summary.durationMs / 1000).toFixed(1),
      }),
    };
  }
  const result = outcome.result;
  if (result.refused) return { status: "failed", message: t("lesson.applyRefused", { reason: result.refused }) };
  const failure = result.failures[0];
  if (failure)
    return {
      status: result.status,
      message: t("lesson.applyFailed", {
        host: failure.host,
        command: failure.command ?? "",
        error: failure.stderr.trim() || failure.error,
      }),
    };
  const unreachable = result.unreachable[0];
  if (unreachable)
    return {
      status: result.status,
      message: t("lesson.hostUnreachable", { host: unreachable.host, error: unreachable.error }),
    };
  const ran = result.counts.ok + result.counts.failed + result.counts.unknown;
  if (result.kind === "destroy")
    return { status: result.status, message: t("lesson.resetDone", { count: result.counts.ok }) };
  return {
    status: result.status,
    message: ran === 0 ? t("lesson.applyNothing") : t("lesson.applyDone", { count: result.counts.ok }),
  };
}
