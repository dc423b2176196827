"use client";

import { useEffect, useRef } from "react";
import { decodeRunEvent, type RunStreamEvent } from "@/lib/runs/stream";

/**
 * Follows one run's server-sent events while `runId` is set: every event from the start, then live,
 * until its `end` (or `gone`). The EventSource resumes by itself after a network blip.
 */
export function useRunStream(runId: string | null, onEvent: (event: RunStreamEvent) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (!runId) return;
    const source = new EventSource(`/api/runs/${runId}/events`);
    const onRun = (message: MessageEvent<string>) => {
      const event = decodeRunEvent(message.data);
      if (!event) return;
      handler.current(event);
      if (event.type === "end" || event.type === "gone") source.close();
    };
    source.addEventListener("run", onRun);
    return () => {
      source.removeEventListener("run", onRun);
      source.close();
    };
  }, [runId]);
}
