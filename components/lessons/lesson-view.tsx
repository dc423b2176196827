"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import {
  applyLessonStepAction,
  checkFaultAction,
  injectFaultAction,
  lessonLabUpAction,
  pingLessonStepAction,
  repairFaultAction,
  resetLessonAction,
} from "@/app/lessons/actions";
import { emptyStep, fixConfirmed } from "@/lib/lessons/progress";
import type { LessonView as LessonData } from "@/lib/lessons/view";
import { cellId } from "@/lib/matrix/matrix";
import type { ProbeCell } from "@/lib/probe/types";
import type { RunStreamEvent } from "@/lib/runs/stream";
import type { PlanView } from "@/lib/views/plan-view";
import { errorText } from "../i18n/error-text";
import { useLocale, useT } from "../i18n/locale-provider";
import { buttonClass } from "../ui/classes";
import { HostsBar } from "./hosts-bar";
import { LessonCanvas } from "./lesson-canvas";
import { LessonMatrix } from "./lesson-matrix";
import { describeRunEnd } from "./run-end";
import { RunFollower } from "./run-follower";
import { StepNav } from "./step-nav";
import { type StepHandlers, StepPanel } from "./step-panel";
import { useLessonHosts } from "./use-lesson-hosts";
import { useLessonProgress } from "./use-lesson-progress";

type SideRun = { runId: string; purpose: "reset" | "lab" };

/**
 * A lesson, guided (steps beside the canvas and the matrix) or for a projector (`present`: large text,
 * canvas and matrix side by side). Every run goes through the lesson's server actions and is followed
 * on its event stream; progress is lib/lessons' reducer.
 */
export function LessonView({ view, mode, labName }: { view: LessonData; mode: "guide" | "present"; labName: string }) {
  const t = useT();
  const locale = useLocale();
  const [progress, dispatch] = useLessonProgress(view);
  const hostNames = view.hosts;
  const hosts = useLessonHosts(hostNames);
  const [side, setSide] = useState<SideRun[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [drift, setDrift] = useState<Record<string, PlanView | null>>({});
  const index = progress.current;
  const step = view.steps[index] ?? view.steps[0];
  const stepProgress = step ? (progress.steps[step.id] ?? emptyStep(step.pings.length)) : emptyStep(0);
  const inventoryId = hosts.current ? hosts.inventoryId : null;

  const onEvent = useCallback(
    (runId: string, event: RunStreamEvent) => {
      const owner = Object.entries(progress.steps).find(
        ([, candidate]) => candidate.apply?.runId === runId || candidate.ping?.runId === runId,
      )?.[0];
      const sideRun = side.find((candidate) => candidate.runId === runId);
      if (event.type === "probe" && event.event.type === "cell" && owner)
        dispatch({ type: "cell", step: owner, runId, cell: event.event.cell });
      if (event.type !== "end" && event.type !== "gone") return;
      const ended =
        event.type === "end" ? describeRunEnd(event.outcome, t, locale) : { status: event.status, message: null };
      if (owner) dispatch({ type: "run-ended", step: owner, runId, ...ended });
      if (sideRun) {
        setSide((runs) => runs.filter((candidate) => candidate.runId !== runId));
        setMessage(ended.message);
        if (sideRun.purpose === "reset" && ended.status === "done") {
          dispatch({ type: "reset" });
          setDrift({});
        }
        void hosts.refresh();
      }
    },
    [progress.steps, side, dispatch, t, locale, hosts],
  );

  // A fixed fault: the hosts no longer show it and the pings after the fix show what the design expects.
  useEffect(() => {
    for (const candidate of view.steps) {
      const state = progress.steps[candidate.id];
      if (!candidate.fault || !state || state.fault.fixed) continue;
      const expected = candidate.pings.map((ping) => ping.expected);
      if (fixConfirmed(candidate.pings, expected, state)) dispatch({ type: "fixed", step: candidate.id });
    }
  }, [progress.steps, view.steps, dispatch]);

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
    if (!result) return;
    if (result.ok) dispatch({ type: "ping-started", step: id, runId: result.runId });
    else setMessage(errorText(t, result.error));
  };

  const look = async (id: string) => {
    const result = await call(() => checkFaultAction(stepInput(id)));
    if (!result) return null;
    if (!result.ok) {
      setMessage(errorText(t, result.error));
      return null;
    }
    setDrift((current) => ({ ...current, [id]: result.check.repair }));
    if (result.check.present !== null) dispatch({ type: "fault-checked", step: id, present: result.check.present });
    return result.check.present;
  };

  const handlers = (id: string): StepHandlers => ({
    apply: async () => {
      const result = await call(() => applyLessonStepAction(stepInput(id)));
      if (result?.ok) dispatch({ type: "apply-started", step: id, runId: result.runId });
      else if (result) setMessage(errorText(t, result.error));
    },
    ping: () => void startPing(id),
    predict: (ping, outcome) => dispatch({ type: "predict", step: id, ping, outcome }),
    replay: () => {
      dispatch({ type: "replay", step: id });
      setDrift((current) => ({ ...current, [id]: null }));
    },
    inject: async () => {
      const result = await call(() => injectFaultAction(stepInput(id)));
      if (!result) return;
      if (!result.ok) setMessage(errorText(t, result.error));
      else if (!result.result.ok) setMessage(t("lesson.fault.injectFailed", { error: result.result.error.message }));
      else dispatch({ type: "fault-injected", step: id });
    },
    look: () => void look(id),
    answer: (kind) => {
      const fault = view.steps.find((candidate) => candidate.id === id)?.fault;
      dispatch({ type: "answer", step: id, answer: kind, correct: fault?.kind === kind });
    },
    repair: async () => {
      const result = await call(() => repairFaultAction(stepInput(id)));
      if (result?.ok) dispatch({ type: "apply-started", step: id, runId: result.runId });
      else if (result) setMessage(errorText(t, result.error));
    },
    checkFix: async () => {
      const present = await look(id);
      if (present === false) await startPing(id);
    },
  });

  const followers = [
    ...Object.values(progress.steps).flatMap((state) =>
      [state.apply, state.ping].flatMap((run) => (run?.live ? [run.runId] : [])),
    ),
    ...side.map((run) => run.runId),
  ];

  // The latest result of each cell: later steps (pinged later, as a lesson goes) replace earlier ones.
  const cells = useMemo(() => {
    const latest = new Map<string, ProbeCell>();
    for (const step of view.steps)
      for (const cell of progress.steps[step.id]?.cells ?? []) latest.set(cellId(cell), cell);
    return [...latest.values()];
  }, [progress.steps, view.steps]);
  const containers = view.containers;
  const large = mode === "present";

  const bar = (
    <HostsBar
      hosts={hostNames}
      labName={labName}
      inventories={hosts.inventories}
      inventoryId={hosts.inventoryId}
      lab={hosts.lab}
      labBusy={side.some((run) => run.purpose === "lab")}
      resetting={side.some((run) => run.purpose === "reset")}
      message={message ?? hosts.error}
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
      large={large}
      lessonId={view.id}
      inventoryId={inventoryId}
    />
  );

  const nav = (
    <StepNav
      steps={view.steps}
      progress={progress}
      current={index}
      onGo={(target) => dispatch({ type: "go", index: target })}
      large={large}
    />
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="lesson" data-lesson={view.id} data-mode={mode}>
      {followers.map((runId) => (
        <RunFollower key={runId} runId={runId} onEvent={onEvent} />
      ))}
      <div className="flex items-baseline gap-3 border-b border-border bg-panel px-4 py-2">
        <h1 className={`font-semibold ${large ? "text-2xl" : "text-lg"}`} data-testid="lesson-title">
          {view.title}
        </h1>
        {view.section && <span className="text-sm text-muted">{t("lesson.section", { section: view.section })}</span>}
        <span className="ml-auto flex gap-2">
          <Link href="/lessons" className={buttonClass}>
            {t("lesson.allLessons")}
          </Link>
          <Link
            href={mode === "present" ? `/lessons/${view.id}` : `/lessons/${view.id}/present`}
            className={buttonClass}
            data-testid="lesson-mode-switch"
          >
            {mode === "present" ? t("lesson.guideView") : t("lesson.presentView")}
          </Link>
        </span>
      </div>
      {bar}
      {mode === "present" ? (
        <div className="flex min-h-0 flex-1 flex-col overflow-auto">
          <div className="grid h-[45vh] shrink-0 grid-cols-2 gap-2 border-b border-border p-2">
            <div className="min-h-0 rounded-md border border-border bg-panel">
              <LessonCanvas lessonId={view.id} text={view.topologyText} cells={cells} />
            </div>
            <div className="min-h-0 overflow-auto rounded-md border border-border bg-panel p-3 text-base">
              <LessonMatrix containers={containers} cells={cells} />
            </div>
          </div>
          <div className="mx-auto w-full max-w-6xl space-y-4 p-6">
            {nav}
            {panel}
          </div>
        </div>
      ) : (
        <div className="flex min-h-0 flex-1">
          <aside className="w-64 shrink-0 overflow-auto border-r border-border bg-panel p-3">{nav}</aside>
          <div className="min-w-0 flex-1 overflow-auto p-5">
            <p className="mb-4 text-muted" data-testid="lesson-summary">
              {view.summary}
            </p>
            {panel}
          </div>
          <aside className="flex w-[28rem] shrink-0 flex-col border-l border-border bg-panel">
            <div className="h-72 shrink-0 border-b border-border">
              <LessonCanvas lessonId={view.id} text={view.topologyText} cells={cells} />
            </div>
            <div className="min-h-0 flex-1 overflow-auto p-3">
              <LessonMatrix containers={containers} cells={cells} />
            </div>
          </aside>
        </div>
      )}
    </div>
  );
}
