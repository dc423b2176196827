import type { Locale } from "../i18n/locale";
import { cellId } from "../matrix/matrix";
import type { ProbeCell } from "../probe/types";
import { cellMatchesPing, type Judgement, judgePrediction, type Outcome } from "./judge";
import type { FaultKind, PingSpec } from "./schema";

/** A run a step started (apply, repair, ping), as the lesson follows it. */
export type StepRun = {
  runId: string;
  live: boolean;
  status: string | null;
  message: string | null;
  /** `message` in each language, when the server wrote it (the views show the reader's). */
  messages?: Partial<Record<Locale, string>>;
};

/** Where a break-and-fix exercise is: not broken yet, broken (not found), found, fixed. */
export type FaultState = {
  injected: boolean;
  answer: FaultKind | null;
  /** The answer matched the fault. */
  found: boolean;
  /** Last look at the hosts: the fault there, gone, or not looked yet. */
  onHosts: "present" | "gone" | null;
  /** The pings after the fix showed what the design expects. */
  fixed: boolean;
};

export type StepProgress = {
  apply: StepRun | null;
  /** One prediction per ping of the step (null: not predicted yet). */
  predictions: (Outcome | null)[];
  ping: StepRun | null;
  /** Cells of the step's latest ping run. */
  cells: ProbeCell[];
  fault: FaultState;
};

export type LessonProgress = { current: number; steps: Record<string, StepProgress> };

export type ProgressAction =
  | { type: "go"; index: number }
  | { type: "predict"; step: string; ping: number; outcome: Outcome }
  | { type: "apply-started"; step: string; runId: string }
  | { type: "ping-started"; step: string; runId: string }
  | {
      type: "run-ended";
      step: string;
      runId: string;
      status: string;
      message: string | null;
      messages?: Partial<Record<Locale, string>>;
    }
  | { type: "cell"; step: string; runId: string; cell: ProbeCell }
  | { type: "fault-injected"; step: string }
  | { type: "answer"; step: string; answer: FaultKind; correct: boolean }
  | { type: "fault-checked"; step: string; present: boolean }
  | { type: "fixed"; step: string }
  | { type: "replay"; step: string }
  /** A step's progress saved earlier (session storage); ignored when it does not fit the step. */
  | { type: "restore"; step: string; progress: StepProgress }
  | { type: "reset" };

const EMPTY_FAULT: FaultState = { injected: false, answer: null, found: false, onHosts: null, fixed: false };

export function emptyStep(pings: number): StepProgress {
  return {
    apply: null,
    predictions: Array.from({ length: pings }, () => null),
    ping: null,
    cells: [],
    fault: EMPTY_FAULT,
  };
}

export const EMPTY_PROGRESS: LessonProgress = { current: 0, steps: {} };

/** The lesson's steps as the reducer needs them: ids and ping counts. */
export type ProgressShape = { id: string; pings: number }[];

function endRun(
  run: StepRun | null,
  runId: string,
  status: string,
  message: string | null,
  messages?: Partial<Record<Locale, string>>,
): StepRun | null {
  return run && run.runId === runId ? { ...run, live: false, status, message, ...(messages ? { messages } : {}) } : run;
}

/**
 * A student's way through a lesson, as data: which step is shown, the predictions made, the runs
 * started and their results, and where each break-and-fix exercise stands. Pure; the view keeps it.
 */
export function reduceProgress(shape: ProgressShape, state: LessonProgress, action: ProgressAction): LessonProgress {
  if (action.type === "reset") return { current: 0, steps: {} };
  if (action.type === "go") return { ...state, current: Math.max(0, Math.min(shape.length - 1, action.index)) };
  const index = shape.findIndex((step) => step.id === action.step);
  if (index === -1) return state;
  const base = state.steps[action.step] ?? emptyStep(shape[index]?.pings ?? 0);
  const next = stepReducer(base, action, shape[index]?.pings ?? 0);
  return next === base ? state : { ...state, steps: { ...state.steps, [action.step]: next } };
}

function stepReducer(
  step: StepProgress,
  action: Exclude<ProgressAction, { type: "go" | "reset" }>,
  pings: number,
): StepProgress {
  switch (action.type) {
    case "predict": {
      if (action.ping < 0 || action.ping >= step.predictions.length || step.ping?.live) return step;
      const predictions = [...step.predictions];
      predictions[action.ping] = action.outcome;
      return { ...step, predictions };
    }
    case "apply-started":
      return { ...step, apply: { runId: action.runId, live: true, status: null, message: null } };
    case "ping-started":
      return { ...step, ping: { runId: action.runId, live: true, status: null, message: null }, cells: [] };
    case "run-ended":
      return {
        ...step,
        apply: endRun(step.apply, action.runId, action.status, action.message, action.messages),
        ping: endRun(step.ping, action.runId, action.status, action.message, action.messages),
      };
    case "cell": {
      if (step.ping?.runId !== action.runId) return step;
      const id = cellId(action.cell);
      return { ...step, cells: [...step.cells.filter((cell) => cellId(cell) !== id), action.cell] };
    }
    case "fault-injected":
      return { ...step, fault: { ...EMPTY_FAULT, injected: true, onHosts: "present" }, cells: [], ping: null };
    case "answer":
      return { ...step, fault: { ...step.fault, answer: action.answer, found: step.fault.found || action.correct } };
    case "fault-checked":
      return { ...step, fault: { ...step.fault, onHosts: action.present ? "present" : "gone" } };
    case "restore":
      return action.progress.predictions?.length === pings && Array.isArray(action.progress.cells)
        ? action.progress
        : step;
    case "fixed":
      return { ...step, fault: { ...step.fault, fixed: true } };
    case "replay":
      return { ...emptyStep(pings), fault: step.fault.fixed || !step.fault.injected ? EMPTY_FAULT : step.fault };
  }
}

/** The judgement of each of a step's pings, once its cells are in (undefined until then or without a prediction). */
export function judgements(pings: readonly PingSpec[], step: StepProgress): (Judgement | undefined)[] {
  return pings.map((ping, index) => {
    const prediction = step.predictions[index];
    return prediction ? judgePrediction(prediction, ping, step.cells) : undefined;
  });
}

/** Every ping predicted: the step may run them. */
export function readyToPing(step: StepProgress): boolean {
  return step.predictions.length > 0 && step.predictions.every((prediction) => prediction !== null);
}

/**
 * After a fix, the exercise is done when the hosts no longer show the fault and every ping shows what
 * the design expects (the expected outcomes, in ping order).
 */
export function fixConfirmed(pings: readonly PingSpec[], expected: readonly Outcome[], step: StepProgress): boolean {
  if (step.fault.onHosts !== "gone" || step.ping?.live || step.cells.length === 0) return false;
  return pings.every((ping, index) => {
    const mine = step.cells.filter((cell) => cellMatchesPing(cell, ping));
    if (mine.length === 0) return false;
    return judgePrediction(expected[index] ?? "reach", ping, step.cells)?.correct === true;
  });
}

/**
 * A stored or received progress made to fit the lesson as it is now: the step index within range, each
 * step's progress kept only when it fits the step (same number of pings), unknown steps dropped. Anything
 * that is not a progress at all gives the empty progress (a lesson file changed, an old shape).
 */
export function normalizeProgress(shape: ProgressShape, value: unknown): LessonProgress {
  if (typeof value !== "object" || value === null) return EMPTY_PROGRESS;
  const { current, steps } = value as { current?: unknown; steps?: unknown };
  let state = EMPTY_PROGRESS;
  if (typeof current === "number" && Number.isInteger(current))
    state = reduceProgress(shape, state, { type: "go", index: current });
  if (typeof steps !== "object" || steps === null) return state;
  for (const [step, progress] of Object.entries(steps as Record<string, unknown>)) {
    if (typeof progress !== "object" || progress === null) continue;
    const candidate = progress as StepProgress;
    if (!Array.isArray(candidate.predictions) || typeof candidate.fault !== "object" || candidate.fault === null)
      continue;
    state = reduceProgress(shape, state, { type: "restore", step, progress: candidate });
  }
  return state;
}

/** The runs a progress shows as still running (apply, repair, ping), with the step each belongs to. */
export function liveRuns(state: LessonProgress): { step: string; runId: string }[] {
  return Object.entries(state.steps).flatMap(([step, progress]) =>
    [progress.apply, progress.ping].flatMap((run) => (run?.live ? [{ step, runId: run.runId }] : [])),
  );
}

/**
 * The break-and-fix exercises whose fix is now confirmed (lib/lessons' rule in {@link fixConfirmed}) but
 * not marked yet: the actions that mark them.
 */
export function confirmFixes(
  steps: readonly { id: string; pings: readonly (PingSpec & { expected: Outcome })[]; fault: unknown }[],
  state: LessonProgress,
): ProgressAction[] {
  return steps.flatMap((step) => {
    const progress = state.steps[step.id];
    if (!step.fault || !progress || progress.fault.fixed) return [];
    const expected = step.pings.map((ping) => ping.expected);
    return fixConfirmed(step.pings, expected, progress) ? [{ type: "fixed" as const, step: step.id }] : [];
  });
}

/** A step's progress with each run's line in the reader's language (when the server wrote it in each). */
export function localizeStep(step: StepProgress, locale: Locale): StepProgress {
  const local = (run: StepRun | null): StepRun | null =>
    run?.messages?.[locale] !== undefined ? { ...run, message: run.messages[locale] ?? run.message } : run;
  return { ...step, apply: local(step.apply), ping: local(step.ping) };
}
