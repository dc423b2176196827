"use client";

import { loadPingRunAction } from "@/app/topologies/run-actions";
import { useRunStream } from "@/components/runs/use-run-stream";
import { useRuns, useRunsStore } from "./runs-context";

/**
 * Follows the live runs of this editor over server-sent events (one EventSource per run, which
 * resumes by itself after a network blip) and feeds each event to the runs store. Mounted once per
 * editor, so a run keeps streaming while its tab is not shown.
 */
export function RunStreams() {
  const store = useRunsStore();
  const applyRun = useRuns((s) => (s.apply.run?.live ? s.apply.run.id : null));
  const testRun = useRuns((s) => (s.test.run?.live ? s.test.run.id : null));
  useFollow(applyRun, store);
  useFollow(testRun, store);
  return null;
}

/** One live run of the editor, fed to the runs store; a run the server no longer holds is read back from the store. */
function useFollow(runId: string | null, store: ReturnType<typeof useRunsStore>) {
  useRunStream(runId, (event) => {
    if (!runId) return;
    if (event.type !== "gone") {
      store.getState().receive(runId, event);
      return;
    }
    const test = store.getState().test.run;
    if (test?.id === runId)
      void loadPingRunAction({ runId }).then((loaded) => {
        if (loaded.ok) store.getState().showMatrix(loaded.cells, { ...test, live: false }, null);
        else store.getState().lose(runId, loaded.error.message);
      });
    else store.getState().receive(runId, event);
  });
}
