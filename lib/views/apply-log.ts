import type { DriftReport } from "../drift/drift";
import type { ApplyEvent, ApplyStatus } from "../exec/converge-events";
import type { StepOutcome } from "../exec/runner";
import { type Text, t } from "../i18n/text";
import { displayCommand } from "../plan/render";
import type { PlanConflict } from "../plan/types";
import { failureHintText } from "./hints";
import { type PlanView, type StepView, stepView } from "./plan-view";

/** Most characters of one step's stdout or stderr kept in the log (the end, where errors are). */
export const STEP_OUTPUT_MAX = 8 * 1024;

export type ApplyPhase = "lock" | "observe" | "plan" | "run" | "verify" | "release";

/** Why a host stopped: the command, its stderr, and what to do next. */
export type FailureView = {
  host: string;
  stepId: string | null;
  command: string | null;
  code: number | null;
  stderr: string;
  error: string;
  /** What to do next, rendered at the edge in the reader's language. */
  hint: Text;
};

/**
 * Progress of an apply or destroy as the browser receives it: lib/exec's `ApplyEvent`s without
 * stdin, run-time inputs or the runner's final report (the run's result is sent on its own).
 */
export type ApplyLogEvent =
  | { type: "phase"; phase: ApplyPhase }
  | { type: "host-unreachable"; host: string; error: string }
  | { type: "lock-taken-over"; host: string; note: string }
  | { type: "step-started"; host: string; step: StepView; index: number; total: number }
  | { type: "output"; host: string; stepId: string; stream: "stdout" | "stderr"; text: string }
  | {
      type: "step-finished";
      host: string;
      step: StepView;
      outcome: StepOutcome;
      code: number | null;
      durationMs: number;
      stdout: string;
      stderr: string;
      error: string | null;
    }
  | { type: "host-failed"; host: string; failure: FailureView };

/** How an apply or destroy ended, with what still differs afterwards. */
export type ApplyResultView = {
  kind: "apply" | "destroy";
  status: ApplyStatus;
  converged: boolean;
  refused: string | null;
  unreachable: { host: string; error: string }[];
  conflicts: PlanConflict[];
  failures: FailureView[];
  counts: Record<StepOutcome, number>;
  durationMs: number;
  /** The plan from the state observed after the run (empty when converged); null when nothing ran. */
  remaining: PlanView | null;
  /** Drift after an apply (null for destroy). */
  drift: DriftReport | null;
};

export type StepLine = StepView & {
  status: "running" | StepOutcome;
  durationMs: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
  error: string | null;
};

export type HostLog = {
  host: string;
  status: "waiting" | "running" | "done" | "failed" | "unreachable";
  /** Steps of this host in the order they started or were skipped. */
  steps: StepLine[];
  total: number | null;
  failure: FailureView | null;
  error: string | null;
};

/** The live log of one run: the current phase, each host's steps, notes, and the result once it ended. */
export type ApplyLog = {
  phase: ApplyPhase | null;
  hosts: HostLog[];
  notes: string[];
  result: ApplyResultView | null;
  /** Set when the run ended without a result (the server lost it, or it threw). */
  error: string | null;
};

export const EMPTY_APPLY_LOG: ApplyLog = { phase: null, hosts: [], notes: [], result: null, error: null };

function tail(text: string, max = STEP_OUTPUT_MAX): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}

/** A runner failure for the browser: the command as a person would type it, and a hint. */
export function failureView(failure: {
  host: string;
  stepId?: string;
  argv?: string[];
  code: number | null;
  stderr: string;
  error: string;
}): FailureView {
  return {
    host: failure.host,
    stepId: failure.stepId ?? null,
    command: failure.argv ? displayCommand(failure.argv) : null,
    code: failure.code,
    stderr: tail(failure.stderr),
    error: failure.error,
    hint: failureHintText(failure),
  };
}

/** lib/exec's progress event as sent to the browser, or null for events the browser does not need. */
export function toApplyLogEvent(event: ApplyEvent): ApplyLogEvent | null {
  switch (event.type) {
    case "phase":
      return { type: "phase", phase: event.phase };
    case "host-unreachable":
      return { type: "host-unreachable", host: event.host, error: event.error };
    case "lock-taken-over":
      return {
        type: "lock-taken-over",
        host: event.host,
        note: `${event.host}: took over a stale lock of run ${event.from.id} (${event.from.who}, pid ${event.from.pid} is gone)`,
      };
    case "step-started":
      return {
        type: "step-started",
        host: event.host,
        step: stepView(event.step),
        index: event.index,
        total: event.total,
      };
    case "output":
      return { type: "output", host: event.host, stepId: event.stepId, stream: event.stream, text: tail(event.text) };
    case "step-finished": {
      const { report } = event;
      return {
        type: "step-finished",
        host: event.host,
        step: stepView(report.step),
        outcome: report.outcome,
        code: report.code,
        durationMs: report.durationMs,
        stdout: tail(report.stdout),
        stderr: tail(report.stderr),
        error: report.error ?? null,
      };
    }
    case "host-failed":
      return { type: "host-failed", host: event.host, failure: failureView(event.failure) };
    case "done":
      return null;
  }
}

function withHost(log: ApplyLog, host: string, change: (entry: HostLog) => HostLog): ApplyLog {
  const current = log.hosts.find((entry) => entry.host === host) ?? {
    host,
    status: "waiting" as const,
    steps: [],
    total: null,
    failure: null,
    error: null,
  };
  const next = change(current);
  const others = log.hosts.filter((entry) => entry.host !== host);
  return { ...log, hosts: [...others, next].sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0)) };
}

function withStep(entry: HostLog, id: string, change: (line: StepLine) => StepLine): HostLog {
  return { ...entry, steps: entry.steps.map((line) => (line.id === id ? change(line) : line)) };
}

/**
 * Folds one progress event into the log (pure; returns a new log). Events arrive per host in order;
 * a step finished without having started (skipped) is appended. Output is kept per step, bounded
 * to its last {@link STEP_OUTPUT_MAX} characters; the step's final output replaces the streamed one.
 */
export function reduceApplyLog(log: ApplyLog, event: ApplyLogEvent): ApplyLog {
  switch (event.type) {
    case "phase":
      return { ...log, phase: event.phase };
    case "host-unreachable":
      return withHost(log, event.host, (entry) => ({ ...entry, status: "unreachable", error: event.error }));
    case "lock-taken-over":
      return { ...log, notes: [...log.notes, event.note] };
    case "step-started":
      return withHost(log, event.host, (entry) => {
        const line: StepLine = {
          ...event.step,
          status: "running",
          durationMs: null,
          code: null,
          stdout: "",
          stderr: "",
          error: null,
        };
        const steps = entry.steps.some((candidate) => candidate.id === line.id)
          ? entry.steps.map((candidate) => (candidate.id === line.id ? line : candidate))
          : [...entry.steps, line];
        return { ...entry, status: entry.status === "failed" ? "failed" : "running", steps, total: event.total };
      });
    case "output":
      return withHost(log, event.host, (entry) =>
        withStep(entry, event.stepId, (line) => ({
          ...line,
          [event.stream]: tail(`${line[event.stream]}${event.text}`),
        })),
      );
    case "step-finished":
      return withHost(log, event.host, (entry) => {
        const finished: StepLine = {
          ...event.step,
          status: event.outcome,
          durationMs: event.outcome === "skipped" ? null : event.durationMs,
          code: event.code,
          stdout: event.stdout,
          stderr: event.stderr,
          error: event.error,
        };
        const known = entry.steps.some((line) => line.id === finished.id);
        const steps = known
          ? entry.steps.map((line) => (line.id === finished.id ? finished : line))
          : [...entry.steps, finished];
        const done = entry.total !== null && steps.filter((line) => line.status !== "running").length >= entry.total;
        const status = entry.status === "failed" ? "failed" : done ? "done" : entry.status;
        return { ...entry, steps, status };
      });
    case "host-failed":
      return withHost(log, event.host, (entry) => ({ ...entry, status: "failed", failure: event.failure }));
  }
}

/** Marks the end of a run: hosts still running are done (every step finished), the result is kept. */
export function finishApplyLog(log: ApplyLog, result: ApplyResultView): ApplyLog {
  return {
    ...log,
    result,
    hosts: log.hosts.map((entry) =>
      entry.status === "running" || entry.status === "waiting"
        ? { ...entry, status: entry.steps.some((line) => line.status === "failed") ? "failed" : "done" }
        : entry,
    ),
  };
}

/** One sentence for a finished run, e.g. "Done: 6 steps ok in 2.1 s; the hosts match the design.": a translatable Text. */
export function describeApplyResultText(result: ApplyResultView): Text {
  const word = { done: t`Done`, partial: t`Partial`, failed: t`Failed` }[result.status];
  if (result.refused) return t`${word}: refused. ${result.refused}`;
  const ran = result.counts.ok + result.counts.failed + result.counts.unknown + result.counts.skipped;
  const seconds = (result.durationMs / 1000).toFixed(1);
  const { ok, failed, unknown, skipped } = result.counts;
  const what =
    ran === 0
      ? t`no changes were needed`
      : t`${ok} ok, ${failed} failed, ${unknown} unknown, ${skipped} skipped in ${seconds} s`;
  const after = result.converged
    ? result.kind === "apply"
      ? t`; the hosts match the design.`
      : t`; what Crossnet created is gone.`
    : result.status === "done"
      ? t`.`
      : t`; run it again once the cause is fixed: it observes first and continues from what is there.`;
  return t`${word}: ${what}${after}`;
}
