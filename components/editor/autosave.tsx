"use client";

import { useEffect, useRef } from "react";
import { positionsOf } from "@/lib/graph/layout";
import { saveDocument } from "./save";
import { useEditor, useEditorStore } from "./state/editor-context";
import { IMPORTED, loadDraft, saveDraft, savePositions } from "./storage";

/** A pause this long after the last edit saves a valid design (one version per burst of edits). */
const DEBOUNCE_MS = 2500;

/**
 * Unsaved work is never lost: every change is kept as a local draft at once, and leaving the page
 * while it differs from the saved version asks first. Only a valid design is saved as a version on
 * its own (after a pause); a design with errors stays a draft, shown as such with its issues, until
 * it is fixed or the user saves it on purpose (Save, Ctrl+S).
 */
export function Autosave() {
  const store = useEditorStore();
  const document = useEditor((s) => s.document);
  const saved = useEditor((s) => s.savedDocument);
  const topologyId = useEditor((s) => s.topologyId);
  const errors = useEditor((s) => s.check.issues.filter((issue) => issue.severity === "error").length);

  // An imported file with errors stays the draft the editor opens with, until a version is saved.
  const imported = useRef(loadDraft(topologyId)?.base === IMPORTED);
  const firstSaved = useRef(saved);

  useEffect(() => {
    if (saved !== firstSaved.current) imported.current = false;
    if (document === saved) {
      saveDraft(topologyId, undefined);
      // Back to the saved version (an error fixed, an edit undone): nothing to save, and the status
      // must say so instead of the draft/dirty/refused state the edits left behind.
      const { status } = store.getState().save;
      if (status !== "saved" && status !== "saving") void saveDocument(store);
      return;
    }
    saveDraft(topologyId, { document, base: imported.current ? IMPORTED : saved, at: Date.now() });
    if (store.getState().save.status === "saving") return;
    if (errors > 0) {
      store.getState().setSave({ status: "draft", errors });
      return;
    }
    store.getState().setSave({ status: "dirty" });
    const timer = setTimeout(() => void saveDocument(store), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [document, saved, topologyId, store, errors]);

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
