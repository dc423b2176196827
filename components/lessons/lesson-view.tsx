"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  applyLessonStepAction,
  checkFaultAction,
  injectFaultAction,
  lessonLabUpAction,
  pingLessonStepAction,
  repairFaultAction,
  resetLessonAction,
} from "@/app/lessons/actions";
import type { LessonStateSnapshot } from "@/lib/app/lesson-state";
import { emptyStep, localizeStep } from "@/lib/lessons/progress";
import { describeRunEnd } from "@/lib/lessons/run-end";
import type { LessonView as LessonData } from "@/lib/lessons/view";
import { cellId } from "@/lib/matrix/matrix";
import type { ProbeCell } from "@/lib/probe/types";
import type { RunStreamEvent } from "@/lib/runs/stream";
import type { PlanView } from "@/lib/views/plan-view";
import { errorText } from "../i18n/error-text";
import { useLocale, useT } from "../i18n/locale-provider";
import { LocaleSwitch } from "../shell/locale-switch";
import { ThemeToggle } from "../shell/theme-toggle";
import { buttonClass } from "../ui/classes";
import { FitBox } from "./fit-box";
import { HostsBar } from "./hosts-bar";
import { LessonCanvas } from "./lesson-canvas";
import { LessonMatrix } from "./lesson-matrix";
import { RunFollower } from "./run-follower";
import { StepNav } from "./step-nav";
import { type StepHandlers, StepPanel } from "./step-panel";
import { useLessonHosts } from "./use-lesson-hosts";
import { useLessonProgress } from "./use-lesson-progress";
import { useViewportScale } from "./use-viewport-scale";

type SideRun = { runId: string; purpose: "reset" | "lab" };

/**
 * A lesson, guided (steps beside the canvas and the matrix) or for a projector (`present`: large text,
 * canvas and matrix side by side). Every run goes through the lesson's server actions and is followed
 * on its event stream; progress is lib/lessons' reducer.
 */
export function LessonView({
  view,
  mode,
  labName,
  initial,
}: {
  view: LessonData;
  mode: "guide" | "present";
  labName: string;
  /** The user's state of the lesson when the page was rendered (then followed live). */
  initial: LessonStateSnapshot;
}) {
  const t = useT();
  const locale = useLocale();
  const { progress, move, connected, error: stateError } = useLessonProgress(view, initial);
  const scale = useViewportScale();
  const hostNames = view.hosts;
  const hosts = useLessonHosts(hostNames);
  const [side, setSide] = useState<SideRun[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [drift, setDrift] = useState<Record<string, PlanView | null>>({});
  const index = progress.current;
  const step = view.steps[index] ?? view.steps[0];
  const stepProgress = localizeStep(
    step ? (progress.steps[step.id] ?? emptyStep(step.pings.length)) : emptyStep(0),
    locale,
  );
  const inventoryId = hosts.current ? hosts.inventoryId : null;

  // Step runs (apply, repair, ping) are followed by the server into the lesson state; this page follows
  // only its own side runs (lab up, reset) for their messages.
  const onEvent = useCallback(
    (runId: string, event: RunStreamEvent) => {
      const sideRun = side.find((candidate) => candidate.runId === runId);
      if (!sideRun || (event.type !== "end" && event.type !== "gone")) return;
      const ended =
        event.type === "end" ? describeRunEnd(event.outcome, t, locale) : { status: event.status, message: null };
      setSide((runs) => runs.filter((candidate) => candidate.runId !== runId));
      setMessage(ended.message);
      if (sideRun.purpose === "reset" && ended.status === "done") setDrift({});
      void hosts.refresh();
    },
    [side, t, locale, hosts],
  );

  const call = async <T,>(work: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setMessage(null);
    try {
      return await work();
    } catch (caught) {
      setMessage((caught as Error).message);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const stepInput = (id: string) => ({ lessonId: view.id, stepId: id, inventoryId: inventoryId ?? "" });

  const startPing = async (id: string) => {
    const result = await call(() => pingLessonStepAction(stepInput(id)));
    if (result && !result.ok) setMessage(errorText(t, result.error));
  };

  const look = async (id: string) => {
    const result = await call(() => checkFaultAction(stepInput(id)));
    if (!result) return null;
    if (!result.ok) {
      setMessage(errorText(t, result.error));
      return null;
    }
    setDrift((current) => ({ ...current, [id]: result.check.repair }));
    return result.check.present;
  };

  const inject = async (id: string) => {
    const result = await call(() => injectFaultAction(stepInput(id)));
    if (!result) return;
    if (!result.ok) setMessage(errorText(t, result.error));
    else if (!result.result.ok) setMessage(t("lesson.fault.injectFailed", { error: result.result.error.message }));
  };

  const handlers = (id: string): StepHandlers => ({
    apply: async () => {
      const result = await call(() => applyLessonStepAction(stepInput(id)));
      if (result && !result.ok) setMessage(errorText(t, result.error));
    },
    ping: () => void startPing(id),
    predict: (ping, outcome) => move({ type: "predict", step: id, ping, outcome }),
    replay: () => {
      move({ type: "replay", step: id });
      setDrift((current) => ({ ...current, [id]: null }));
    },
    inject: () => void inject(id),
    look: () => void look(id),
    answer: (kind) => move({ type: "answer", step: id, answer: kind }),
    repair: async () => {
      const result = await call(() => repairFaultAction(stepInput(id)));
      if (result && !result.ok) setMessage(errorText(t, result.error));
    },
    checkFix: async () => {
      const present = await look(id);
      if (present === false) await startPing(id);
    },
  });

  // The presenter is driven from its own keyboard: ←/→ steps, P pings the step, B breaks its fault.
  const keys = useRef({ index, step, stepProgress, busy, canRun: inventoryId !== null });
  keys.current = { index, step, stepProgress, busy, canRun: inventoryId !== null };
  const go = useCallback((target: number) => move({ type: "go", index: target }), [move]);
  const pingRef = useRef(startPing);
  pingRef.current = startPing;
  const injectRef = useRef(inject);
  injectRef.current = inject;
  useEffect(() => {
    if (mode !== "present") return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      const now = keys.current;
      const key = event.key.toLowerCase();
      if (key === "arrowright" || key === "arrowleft") {
        event.preventDefault();
        go(now.index + (key === "arrowright" ? 1 : -1));
      } else if (key === "p" && now.step && now.step.pings.length > 0 && now.canRun && !now.busy) {
        if (!now.stepProgress.ping?.live) void pingRef.current(now.step.id);
      } else if (key === "b" && now.step?.fault && now.canRun && !now.busy && !now.stepProgress.fault.injected) {
        void injectRef.current(now.step.id);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [mode, go]);

  const followers = side.map((run) => run.runId);

  // The latest result of each cell: later steps (pinged later, as a lesson goes) replace earlier ones.
  const cells = useMemo(() => {
    const latest = new Map<string, ProbeCell>();
    for (const step of view.steps)
      for (const cell of progress.steps[step.id]?.cells ?? []) latest.set(cellId(cell), cell);
    return [...latest.values()];
  }, [progress.steps, view.steps]);
  const containers = view.containers;

  const bar = (
    <HostsBar
      hosts={hostNames}
      labName={labName}
      inventories={hosts.inventories}
      inventoryId={hosts.inventoryId}
      lab={hosts.lab}
      labBusy={side.some((run) => run.purpose === "lab")}
      resetting={side.some((run) => run.purpose === "reset")}
      message={message ?? stateError ?? hosts.error}
      onPick={(id) => hosts.setInventoryId(id || null)}
      onRefresh={() => void hosts.refresh()}
      onLabUp={async () => {
        const result = await call(() => lessonLabUpAction({ lessonId: view.id }));
        if (result?.ok) setSide((runs) => [...runs, { runId: result.runId, purpose: "lab" }]);
        else if (result) setMessage(errorText(t, result.error));
      }}
      onReset={async () => {
        if (!inventoryId) return;
        const result = await call(() => resetLessonAction({ lessonId: view.id, inventoryId }));
        if (result?.ok) setSide((runs) => [...runs, { runId: result.runId, purpose: "reset" }]);
        else if (result) setMessage(errorText(t, result.error));
      }}
    />
  );

  const panel = step && (
    <StepPanel
      key={step.id}
      step={step}
      index={index}
      total={view.steps.length}
      progress={stepProgress}
      lab={hosts.current?.lab ?? true}
      canRun={inventoryId !== null}
      busy={busy}
      drift={drift[step.id] ?? null}
      handlers={handlers(step.id)}
      lessonId={view.id}
      inventoryId={inventoryId}
    />
  );

  const nav = <StepNav steps={view.steps} progress={progress} current={index} onGo={go} />;

  const modeSwitch = (
    <Link
      href={mode === "present" ? `/lessons/${view.id}` : `/lessons/${view.id}/present`}
      className={buttonClass}
      data-testid="lesson-mode-switch"
    >
      {mode === "present" ? t("lesson.guideView") : t("lesson.presentView")}
    </Link>
  );

  const runFollowers = followers.map((runId) => <RunFollower key={runId} runId={runId} onEvent={onEvent} />);

  if (mode === "present")
    return (
      <div
        className="flex h-dvh min-h-0 flex-col overflow-hidden bg-bg"
        data-testid="lesson"
        data-lesson={view.id}
        data-mode={mode}
        data-presenter="true"
        data-following={connected ? "true" : "false"}
      >
        {runFollowers}
        <header
          className="flex shrink-0 items-center gap-4 border-b border-border bg-panel px-4 py-1.5"
          style={{ zoom: scale }}
        >
          <h1 className="min-w-0 truncate text-xl font-semibold" data-testid="lesson-title">
            {view.title}
          </h1>
          {view.section && (
            <span className="shrink-0 text-muted">{t("lesson.section", { section: view.section })}</span>
          )}
          <span className="ml-auto flex shrink-0 items-center gap-3 text-sm text-muted">
            <kbd className="rounded border border-border px-1.5 py-0.5 font-mono" data-testid="lesson-present-keys">
              {t("lesson.present.keys")}
            </kbd>
            <span data-testid="lesson-present-following">
              {connected ? t("lesson.present.live") : t("lesson.present.offline")}
            </span>
            {modeSwitch}
            <LocaleSwitch />
            <ThemeToggle />
          </span>
        </header>
        <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
          <div className="min-h-0 overflow-auto border-r border-border" data-testid="lesson-present-panel">
            <div className="space-y-4 p-4" style={{ zoom: scale }}>
              {panel}
              {nav}
              <div className="overflow-hidden rounded-md border border-border">{bar}</div>
            </div>
          </div>
          <div className="grid min-h-0 grid-rows-[minmax(0,2fr)_minmax(0,1fr)]">
            <div className="min-h-0 border-b border-border bg-panel">
              <LessonCanvas lessonId={view.id} text={view.topologyText} cells={cells} maxZoom={4} />
            </div>
            <div className="min-h-0 bg-panel p-2">
              {cells.length === 0 ? (
                <div className="p-4 text-2xl" style={{ zoom: scale }}>
                  <LessonMatrix containers={containers} cells={cells} />
                </div>
              ) : (
                <FitBox testId="lesson-present-matrix" keySelector="table" minWidth={360}>
                  <LessonMatrix containers={containers} cells={cells} />
                </FitBox>
              )}
            </div>
          </div>
        </div>
      </div>
    );

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="lesson" data-lesson={view.id} data-mode={mode}>
      {runFollowers}
      <div className="flex items-baseline gap-3 border-b border-border bg-panel px-4 py-2">
        <h1 className="text-lg font-semibold" data-testid="lesson-title">
          {view.title}
        </h1>
        {view.section && <span className="text-sm text-muted">{t("lesson.section", { section: view.section })}</span>}
        <span className="ml-auto flex gap-2">
          <Link href="/lessons" className={buttonClass}>
            {t("lesson.allLessons")}
          </Link>
          {modeSwitch}
        </span>
      </div>
      {bar}
      <div className="flex min-h-0 flex-1">
        <aside className="w-64 shrink-0 overflow-auto border-r border-border bg-panel p-3">{nav}</aside>
        <div className="min-w-0 flex-1 overflow-auto p-5">
          <p className="mb-4 text-muted" data-testid="lesson-summary">
            {view.summary}
          </p>
          {panel}
        </div>
        <aside className="flex w-[28rem] shrink-0 flex-col border-l border-border bg-panel min-[1400px]:w-[34rem]">
          <div className="h-72 shrink-0 border-b border-border min-[1400px]:h-[26rem]">
            <LessonCanvas lessonId={view.id} text={view.topologyText} cells={cells} />
          </div>
          <div className="min-h-0 flex-1 p-3">
            {cells.length === 0 ? (
              <LessonMatrix containers={containers} cells={cells} />
            ) : (
              <FitBox testId="lesson-guide-matrix" keySelector="table" minWidth={300} max={1.6}>
                <LessonMatrix containers={containers} cells={cells} />
              </FitBox>
            )}
          </div>
        </aside>
      </div>
    </div>
  );
}
