"use client";

import { useEffect, useMemo, useReducer } from "react";
import {
  EMPTY_PROGRESS,
  type LessonProgress,
  type ProgressAction,
  type ProgressShape,
  reduceProgress,
} from "@/lib/lessons/progress";
import type { LessonView } from "@/lib/lessons/view";

const KEY = (id: string) => `crossnet:lesson:${id}`;

function restore(id: string): LessonProgress {
  try {
    const saved = sessionStorage.getItem(KEY(id));
    const parsed: unknown = saved ? JSON.parse(saved) : null;
    if (parsed && typeof parsed === "object" && "current" in parsed && "steps" in parsed)
      return parsed as LessonProgress;
  } catch {
    // storage unavailable or a stale shape: start fresh
  }
  return EMPTY_PROGRESS;
}

/**
 * The student's progress through a lesson (lib/lessons/progress), kept in this tab's session storage so
 * the guided and presenter views share it and a reload keeps it (live runs are followed again).
 */
export function useLessonProgress(view: LessonView): [LessonProgress, (action: ProgressAction) => void] {
  const shape: ProgressShape = useMemo(
    () => view.steps.map((step) => ({ id: step.id, pings: step.pings.length })),
    [view],
  );
  const [state, dispatch] = useReducer(
    (current: LessonProgress, action: ProgressAction) => reduceProgress(shape, current, action),
    EMPTY_PROGRESS,
  );
  useEffect(() => {
    const saved = restore(view.id);
    if (saved !== EMPTY_PROGRESS) dispatch({ type: "go", index: saved.current });
    for (const [step, progress] of Object.entries(saved.steps)) dispatch({ type: "restore", step, progress });
  }, [view.id]);
  useEffect(() => {
    try {
      sessionStorage.setItem(KEY(view.id), JSON.stringify(state));
    } catch {
      // storage full or unavailable: progress lasts for this page only
    }
  }, [state, view.id]);
  return [state, dispatch];
}
