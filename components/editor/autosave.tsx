"use client";

import { useEffect } from "react";
import { positionsOf } from "@/lib/graph/layout";
import { saveDocument } from "./save";
import { useEditor, useEditorStore } from "./state/editor-context";
import { saveDraft, savePositions } from "./storage";

const DEBOUNCE_MS = 1200;

/**
 * Unsaved work is never lost: every change is kept as a local draft at once, saved to the server
 * after a pause, and leaving the page while it differs from the saved version asks first.
 */
export function Autosave() {
  const store = useEditorStore();
  const document = useEditor((s) => s.document);
  const saved = useEditor((s) => s.savedDocument);
  const topologyId = useEditor((s) => s.topologyId);

  useEffect(() => {
    if (document === saved) {
      saveDraft(topologyId, undefined);
      return;
    }
    saveDraft(topologyId, { document, base: saved, at: Date.now() });
    if (store.getState().save.status !== "saving") store.getState().setSave({ status: "dirty" });
    const timer = setTimeout(() => void saveDocument(store), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [document, saved, topologyId, store]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.graph.nodes === previous.graph.nodes) return;
      clearTimeout(timer);
      timer = setTimeout(() => savePositions(topologyId, positionsOf(store.getState().graph)), 400);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, topologyId]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const state = store.getState();
      if (state.document === state.savedDocument) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [store]);

  return null;
}
