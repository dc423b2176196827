import "server-only";
import { LOCALES, type Locale } from "../i18n/locale";
import { translator } from "../i18n/ui";
import {
  confirmFixes,
  EMPTY_PROGRESS,
  type LessonProgress,
  liveRuns,
  normalizeProgress,
  type ProgressAction,
  type ProgressShape,
  reduceProgress,
} from "../lessons/progress";
import { describeRunEnd } from "../lessons/run-end";
import type { LessonStepView } from "../lessons/view";
import type { ProbeCell } from "../probe/types";
import { runHub } from "../runs/hub";
import type { RunStreamEvent } from "../runs/stream";
import { getLessonState, updateLessonState } from "../store/lesson-states";
import type { Store } from "../store/open";
import { getRun } from "../store/runs";

/** The steps of a lesson as its state needs them: ids, pings with what the design expects, the fault. */
export type LessonStateSteps = readonly Pick<LessonStepView, "id" | "pings" | "fault">[];

/** Which lesson of which user: the state is kept per user and lesson. */
export type LessonStateKey = { userId: string; lessonId: string };

/** A user's state of a lesson as the views get it: the progress and its revision (0 before any change). */
export type LessonStateSnapshot = { lessonId: string; revision: number; progress: LessonProgress };

type Listener = (snapshot: LessonStateSnapshot) => void;

/**
 * Who follows which lesson state in this server process (the guided view in another browser, the
 * presenter view), told every change. Held on globalThis like the run hub: Next bundles server actions
 * and route handlers separately, and both must see the same listeners.
 */
export class LessonStateHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(key: LessonStateKey, listener: Listener): () => void {
    const id = hubKey(key);
    const set = this.listeners.get(id) ?? new Set();
    set.add(listener);
    this.listeners.set(id, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  publish(key: LessonStateKey, snapshot: LessonStateSnapshot): void {
    for (const listener of this.listeners.get(hubKey(key)) ?? []) listener(snapshot);
  }
}

function hubKey(key: LessonStateKey): string {
  return `${key.userId}\u0000${key.lessonId}`;
}

const holder = globalThis as typeof globalThis & { __crossnetLessonStateHub?: LessonStateHub };

/** The lesson state hub of this server process. */
export function lessonStateHub(): LessonStateHub {
  holder.__crossnetLessonStateHub ??= new LessonStateHub();
  return holder.__crossnetLessonStateHub;
}

function shapeOf(steps: LessonStateSteps): ProgressShape {
  return steps.map((step) => ({ id: step.id, pings: step.pings.length }));
}

function parse(steps: LessonStateSteps, text: string | null): LessonProgress {
  if (text === null) return EMPTY_PROGRESS;
  try {
    return normalizeProgress(shapeOf(steps), JSON.parse(text));
  } catch {
    return EMPTY_PROGRESS;
  }
}

/**
 * Applies actions to a user's lesson state, in one transaction, then marks the break-and-fix exercises
 * whose fix the new state confirms, and tells the views that follow it. Pure reducer (lib/lessons/
 * progress) over the stored JSON; an action that changes nothing writes nothing.
 */
export function changeLessonState(
  store: Store,
  key: LessonStateKey,
  steps: LessonStateSteps,
  actions: readonly ProgressAction[],
): LessonStateSnapshot {
  const shape = shapeOf(steps);
  const { stored, changed } = updateLessonState(store, key.userId, key.lessonId, (text) => {
    let state = parse(steps, text);
    for (const action of actions) state = reduceProgress(shape, state, action);
    for (const action of confirmFixes(steps, state)) state = reduceProgress(shape, state, action);
    return JSON.stringify(state);
  });
  const snapshot = {
    lessonId: key.lessonId,
    revision: stored?.revision ?? 0,
    progress: parse(steps, stored?.state ?? null),
  };
  if (changed) lessonStateHub().publish(key, snapshot);
  return snapshot;
}

/**
 * A user's state of a lesson. A run it shows as live that this server no longer holds (the server
 * restarted, or the run ended long ago) is marked ended with the status the store recorded, so a
 * reload never waits for a run that will not report.
 */
export function readLessonState(store: Store, key: LessonStateKey, steps: LessonStateSteps): LessonStateSnapshot {
  const stored = getLessonState(store, key.userId, key.lessonId);
  const progress = parse(steps, stored?.state ?? null);
  const running = new Set(runHub().running());
  const stale = liveRuns(progress).filter((run) => !running.has(run.runId));
  if (stale.length > 0)
    return changeLessonState(
      store,
      key,
      steps,
      stale.map(({ step, runId }) => ({
        type: "run-ended",
        step,
        runId,
        status: getRun(store, runId)?.status ?? "unknown",
        message: null,
      })),
    );
  return { lessonId: key.lessonId, revision: stored?.revision ?? 0, progress };
}

/** Most characters of a cell's raw ping output kept in the lesson state (the run's cells keep all of it). */
export const LESSON_CELL_OUTPUT_MAX = 4000;

function keptCell(cell: ProbeCell): ProbeCell {
  return cell.rawOutput.length > LESSON_CELL_OUTPUT_MAX
    ? { ...cell, rawOutput: `${cell.rawOutput.slice(0, LESSON_CELL_OUTPUT_MAX)}…` }
    : cell;
}

/**
 * Follows a run a lesson started, on the server, into the user's lesson state: a ping run's cells, and
 * every run's end (status and one line in each language). A `reset` run (destroying the
 * lesson's design) that ends done starts the lesson over. The state so never depends on a browser
 * staying open. Does nothing when this process does not hold the run.
 */
export function followLessonRun(
  store: Store,
  input: LessonStateKey & {
    steps: LessonStateSteps;
    runId: string;
    /** The step the run belongs to, or "reset". */
    purpose: { step: string } | "reset";
  },
): void {
  const key = { userId: input.userId, lessonId: input.lessonId };
  const { runId, purpose } = input;
  let unsubscribe = () => {};
  let done = false;
  const onEvent = (event: RunStreamEvent) => {
    if (done) return;
    const actions: ProgressAction[] = [];
    if (purpose !== "reset" && event.type === "probe" && event.event.type === "cell")
      actions.push({ type: "cell", step: purpose.step, runId, cell: keptCell(event.event.cell) });
    if (event.type === "end") {
      done = true;
      const ended = describeRunEnd(event.outcome, translator("en"), "en");
      const messages: Partial<Record<Locale, string>> = {};
      for (const locale of LOCALES) {
        const message = describeRunEnd(event.outcome, translator(locale), locale).message;
        if (message !== null) messages[locale] = message;
      }
      if (purpose === "reset") {
        if (ended.status === "done") actions.push({ type: "reset" });
      } else actions.push({ type: "run-ended", step: purpose.step, runId, ...ended, messages });
    }
    try {
      if (actions.length > 0) changeLessonState(store, key, input.steps, actions);
    } catch (error) {
      // The run goes on whatever happens to the lesson's record of it (the store keeps the run itself).
      process.stderr.write(
        `crossnet: lesson ${key.lessonId}: run ${runId} not recorded in the lesson state: ${String(error)}\n`,
      );
    }
    if (done) unsubscribe();
  };
  const subscription = runHub().subscribe(runId, 0, (_seq, event) => onEvent(event));
  if (!subscription) return;
  unsubscribe = subscription.unsubscribe;
  for (const { event } of subscription.replay) onEvent(event);
  if (done) unsubscribe();
}
