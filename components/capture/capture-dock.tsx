"use client";

import { useShallow } from "zustand/react/shallow";
import { useEditor } from "../editor/state/editor-context";
import { useCapture, useCaptureStore } from "./capture-context";
import { CapturePanel } from "./capture-panel";

/** The editor's capture, docked under the canvas while one is open. */
export function CaptureDock() {
  const store = useCaptureStore();
  const { open, view, selected } = useCapture(
    useShallow((s) => ({ open: s.open, view: s.view, selected: s.selected })),
  );
  const name = useEditor((s) => s.graph.meta.name);
  if (!store || !open) return null;
  const file = `${name || "capture"}-${view.at.join("+")}`.replace(/[^A-Za-z0-9_.+-]+/g, "_");
  return (
    <div className="h-72 shrink-0 border-t border-border" data-testid="capture-dock">
      <CapturePanel
        view={view}
        selected={selected}
        onSelect={(index) => store.getState().select(index)}
        onStop={() => store.getState().stop()}
        onClose={() => store.getState().close()}
        fileName={`${file}.pcapng`}
      />
    </div>
  );
}
