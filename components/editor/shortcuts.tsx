"use client";

import { useEffect } from "react";
import { saveDocument } from "./save";
import { useEditorStore } from "./state/editor-context";

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Undo/redo, copy/paste and save from the keyboard (Delete is React Flow's). Text fields keep their own. */
export function Shortcuts() {
  const store = useEditorStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === "s") {
        event.preventDefault();
        void saveDocument(store);
        return;
      }
      if (typing(event.target)) return;
      const state = store.getState();
      if (key === "z" && !event.shiftKey) state.undo();
      else if ((key === "z" && event.shiftKey) || key === "y") state.redo();
      else if (key === "c") state.copy();
      else if (key === "v") state.paste();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [store]);
  return null;
}
