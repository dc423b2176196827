"use client";

import { createContext, type ReactNode, useContext, useState } from "react";
import { useStore } from "zustand";
import type { Graph } from "@/lib/graph/types";
import { HandsProvider } from "../../containers/hands-context";
import { RunsProvider } from "../runs/runs-context";
import { createEditorStore, type EditorActions, type EditorState, type EditorStore } from "./editor-store";

const EditorContext = createContext<EditorStore | null>(null);

/** Holds one editor store, and its runs store, for the subtree (created once per mount, never shared between editors). */
export function EditorProvider({
  topologyId,
  graph,
  savedDocument,
  text,
  view,
  children,
}: {
  topologyId: string;
  graph: Graph;
  savedDocument: string;
  text?: string;
  /** View options saved for this topology (networks as buses). */
  view?: { bus?: boolean };
  children: ReactNode;
}) {
  const [store] = useState(() =>
    createEditorStore({
      topologyId,
      graph,
      savedDocument,
      ...(text !== undefined && { text }),
      ...(view !== undefined && { view }),
    }),
  );
  return (
    <EditorContext.Provider value={store}>
      <RunsProvider topologyId={topologyId}>
        <HandsProvider>{children}</HandsProvider>
      </RunsProvider>
    </EditorContext.Provider>
  );
}

/** The store itself, for callbacks that read state without subscribing. */
export function useEditorStore(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error("useEditor must be used inside <EditorProvider>");
  return store;
}

/** Subscribes to a slice of the editor state. Select primitives, or wrap object selectors in useShallow. */
export function useEditor<T>(selector: (state: EditorState & EditorActions) => T): T {
  return useStore(useEditorStore(), selector);
}
