"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type LessonProgressInput, lessonProgressAction } from "@/app/lessons/actions";
import type { LessonStateSnapshot } from "@/lib/app/lesson-state";
import { type LessonProgress, type ProgressShape, reduceProgress } from "@/lib/lessons/progress";
import type { LessonView } from "@/lib/lessons/view";

/** What a view may change by itself (runs, faults and checks are recorded by the server actions that do them). */
export type LessonMove = LessonProgressInput["action"];

/** Session storage of the client-only progress kept before the state moved to the server: cleared once seen. */
const OLD_KEY = (id: string) => `crossnet:lesson:${id}`;

/**
 * The user's state of a lesson, kept on the server (lib/app/lesson-state) and followed live over
 * /api/lessons/<id>/state: a reload, another browser and the presenter view all show the same step,
 * predictions, fault and checks. `move` changes it at once on this page (so clicks feel immediate) and
 * on the server, whose answer (or a newer event) then wins; `receive` takes a newer state from a
 * server action's answer.
 */
export function useLessonProgress(
  view: LessonView,
  initial: LessonStateSnapshot,
): { progress: LessonProgress; move(action: LessonMove): void; connected: boolean; error: string | null } {
  const shape: ProgressShape = useMemo(
    () => view.steps.map((step) => ({ id: step.id, pings: step.pings.length })),
    [view],
  );
  const [state, setState] = useState(initial);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revision = useRef(initial.revision);
  const take = useCallback((snapshot: LessonStateSnapshot) => {
    if (snapshot.revision < revision.current) return;
    revision.current = snapshot.revision;
    setState(snapshot);
  }, []);

  useEffect(() => {
    try {
      sessionStorage.removeItem(OLD_KEY(view.id));
    } catch {
      // storage unavailable: nothing to clear
    }
    const source = new EventSource(`/api/lessons/${encodeURIComponent(view.id)}/state`);
    source.addEventListener("open", () => setConnected(true));
    source.addEventListener("error", () => setConnected(false));
    source.addEventListener("state", (event) => {
      try {
        const snapshot = JSON.parse((event as MessageEvent<string>).data) as LessonStateSnapshot;
        if (snapshot.lessonId === view.id && typeof snapshot.revision === "number") take(snapshot);
      } catch {
        // not a state event: ignore it
      }
    });
    return () => source.close();
  }, [view.id, take]);

  const move = useCallback(
    (action: LessonMove) => {
      setState((current) => {
        const local =
          action.type === "answer"
            ? {
                ...action,
                correct: view.steps.find((step) => step.id === action.step)?.fault?.kind === action.answer,
              }
            : action;
        return { ...current, progress: reduceProgress(shape, current.progress, local) };
      });
      void lessonProgressAction({ lessonId: view.id, action }).then(
        (result) => {
          if (result.ok) {
            setError(null);
            take(result.state);
          } else setError(result.error.message);
        },
        (caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)),
      );
    },
    [shape, view, take],
  );

  return { progress: state.progress, move, connected, error };
}
