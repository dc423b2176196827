"use client";

import { useRunStream } from "@/components/runs/use-run-stream";
import type { RunStreamEvent } from "@/lib/runs/stream";

/** Follows one run's stream while mounted (one per live run of a lesson); renders nothing. */
export function RunFollower({
  runId,
  onEvent,
}: {
  runId: string;
  onEvent: (runId: string, event: RunStreamEvent) => void;
}) {
  useRunStream(runId, (event) => onEvent(runId, event));
  return null;
}
