"use client";

import { useEffect } from "react";
import { smallButtonClass } from "@/components/ui/classes";
import { useRuns } from "../editor/runs/runs-context";
import { useEditor } from "../editor/state/editor-context";
import { useT } from "../i18n/locale-provider";
import { ConsolePanel } from "./console-panel";
import { useHands, useHandsStore } from "./hands-context";
import { LogsPanel } from "./logs-panel";

/** The open logs or console window of a container, over the lower part of the canvas; Escape or Close shuts it. */
export function HandsWindows() {
  const t = useT();
  const hands = useHandsStore();
  const shown = useHands((s) => s.window);
  const topologyId = useEditor((s) => s.topologyId);
  const inventoryId = useRuns((s) => s.inventoryId);
  useEffect(() => {
    if (shown?.kind !== "logs") return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") hands.getState().open(null);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [hands, shown]);
  if (!shown || !inventoryId) return null;
  const title =
    shown.kind === "logs"
      ? t("hands.logs.title", { name: shown.container })
      : t("hands.console.title", { name: shown.container, host: shown.host });
  return (
    <div
      role="dialog"
      aria-label={title}
      className="fixed bottom-3 left-48 right-[27rem] z-40 flex h-[46vh] min-h-64 flex-col gap-2 rounded-lg border border-border bg-panel p-3 shadow-xl"
      data-testid={`hands-window-${shown.kind}`}
      data-container={shown.container}
    >
      <div className="flex items-center justify-between">
        <h2 className="font-mono text-sm font-semibold">{title}</h2>
        <button
          type="button"
          className={smallButtonClass}
          onClick={() => hands.getState().open(null)}
          data-testid="hands-window-close"
        >
          {t("hands.close")}
        </button>
      </div>
      <div className="min-h-0 flex-1">
        {shown.kind === "logs" ? (
          <LogsPanel
            key={`${shown.container}/${inventoryId}`}
            topologyId={topologyId}
            inventoryId={inventoryId}
            container={shown.container}
          />
        ) : (
          <ConsolePanel
            key={`${shown.container}/${inventoryId}`}
            topologyId={topologyId}
            inventoryId={inventoryId}
            container={shown.container}
          />
        )}
      </div>
    </div>
  );
}
