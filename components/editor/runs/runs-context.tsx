"use client";

import { createContext, type ReactNode, useContext, useState } from "react";
import { useStore } from "zustand";
import type { DriftMark } from "@/lib/drift/drift";
import type { ContainerLive } from "@/lib/views/container-live";
import { createRunsStore, type RunsActions, type RunsState, type RunsStore } from "./runs-store";

const RunsContext = createContext<RunsStore | null>(null);

/** Holds the runs state of one editor (created once per mount). */
export function RunsProvider({ topologyId, children }: { topologyId: string; children: ReactNode }) {
  const [store] = useState(() => createRunsStore(topologyId));
  return <RunsContext.Provider value={store}>{children}</RunsContext.Provider>;
}

export function useRunsStore(): RunsStore {
  const store = useContext(RunsContext);
  if (!store) throw new Error("useRuns must be used inside <RunsProvider>");
  return store;
}

/** Subscribes to a slice of the runs state. Select primitives, or wrap object selectors in useShallow. */
export function useRuns<T>(selector: (state: RunsState & RunsActions) => T): T {
  return useStore(useRunsStore(), selector);
}

/** A store that never changes, for canvas elements drawn outside an editor with runs (none today). */
const EMPTY = createRunsStore("");

/**
 * The overlay of one canvas element by layout key: its drift mark and whether it is on a failed
 * ping path. Safe without a RunsProvider (nothing is marked).
 */
export function useOverlay(key: string): { drift: DriftMark | undefined; failed: boolean } {
  const store = useContext(RunsContext) ?? EMPTY;
  const drift = useStore(store, (s) => s.overlay.drift[key]);
  const failed = useStore(store, (s) => s.overlay.failed[key] === true);
  return { drift, failed };
}

/** A design container's live state as last observed (undefined before any observation). Safe without a RunsProvider. */
export function useLive(name: string): ContainerLive | undefined {
  const store = useContext(RunsContext) ?? EMPTY;
  return useStore(store, (s) => s.overlay.live[name]);
}
