"use client";

import { useShallow } from "zustand/react/shallow";
import type { Graph } from "@/lib/graph/types";
import { useEditor, useEditorStore } from "../state/editor-context";
import type { FieldIssue } from "./fields";

/** Issues of one element (same array items while nothing changed, so useShallow keeps renders down). */
export function useElementIssues(id: string): FieldIssue[] {
  return useEditor(useShallow((s) => s.check.issues.filter((issue) => issue.elementId === id)));
}

/** Applies a pure edit to the graph; successive edits of one field coalesce into one undo step. */
export function useEdit(): (edit: (graph: Graph) => Graph, coalesce?: string) => void {
  const store = useEditorStore();
  return (edit, coalesce) => store.getState().commit(edit(store.getState().graph), coalesce ? { coalesce } : {});
}
