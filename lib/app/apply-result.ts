import "server-only";
import { driftOf } from "../drift/drift";
import type { StepOutcome } from "../exec/runner";
import { summaryText } from "../plan/render";
import type { JsonValue } from "../store/json";
import { compactText } from "../text/stored-text";
import type { Topology } from "../topology/schema";
import { type ApplyResultView, failureView } from "../views/apply-log";
import { planView } from "../views/plan-view";
import type { ApplyReport } from "./converge";

/** The end of an apply or destroy for the browser: status, counts, failures with hints, what still differs. */
export function applyResultView(report: ApplyReport, topology: Topology, durationMs: number): ApplyResultView {
  const counts: Record<StepOutcome, number> = { ok: 0, failed: 0, unknown: 0, skipped: 0 };
  for (const step of report.run?.steps ?? []) counts[step.outcome] += 1;
  return {
    kind: report.kind,
    status: report.status,
    converged: report.converged,
    refused: report.refused ?? null,
    unreachable: report.unreachable,
    conflicts: report.plan.conflicts,
    failures: (report.run?.failures ?? []).map(failureView),
    counts,
    durationMs,
    remaining: report.remaining ? planView(report.remaining) : null,
    drift: report.kind === "apply" && report.remaining ? driftOf(topology, report.remaining) : null,
  };
}

/** What the store keeps as the run's summary (JSON, redacted by the store): the facts, not the log. */
export function applySummary(result: ApplyResultView): JsonValue {
  return {
    status: result.status,
    converged: result.converged,
    refused: result.refused,
    counts: result.counts,
    durationMs: result.durationMs,
    unreachable: result.unreachable,
    conflicts: result.conflicts.map(({ host, resourceId, message }) => ({
      host,
      resourceId,
      message: compactText(message),
    })),
    failures: result.failures.map(({ host, stepId, command, code, error, hint }) => ({
      host,
      stepId,
      command,
      code,
      error,
      hint: compactText(hint),
    })),
    remaining: result.remaining ? compactText(summaryText(result.remaining)) : null,
  };
}
