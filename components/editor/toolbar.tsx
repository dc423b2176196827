"use client";

import { useReactFlow } from "@xyflow/react";
import Link from "next/link";
import { graphSvg } from "@/lib/graph/graph-svg";
import type { UiKey } from "@/lib/i18n/ui";
import { useT } from "../i18n/locale-provider";
import { downloadPng, downloadSvg } from "../runs/picture-download";
import { saveDocument } from "./save";
import { useEditor, useEditorStore } from "./state/editor-context";

const button =
  "rounded-md border border-border bg-panel px-2 py-1 text-xs font-medium hover:bg-panel-2 disabled:opacity-40";

const STATUS_TEXT = {
  saved: "editor.saved",
  dirty: "editor.dirty",
  draft: "editor.draft",
  saving: "editor.saving",
  refused: "editor.notSaved",
  failed: "editor.notSaved",
} as const satisfies Record<string, UiKey>;

/** A file name from a design name (its safe characters only). */
function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, "_") || "design";
}

/** Design name, save state, undo/redo, auto-layout and fit. */
export function Toolbar() {
  const t = useT();
  const store = useEditorStore();
  const name = useEditor((s) => s.graph.meta.name);
  const save = useEditor((s) => s.save);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const flow = useReactFlow();
  const statusText = `${t(STATUS_TEXT[save.status], { count: save.errors ?? 0 })}${
    save.version !== undefined && save.status === "saved" ? ` (v${save.version})` : ""
  }${save.message ? `: ${save.message}` : ""}`;
  const tone =
    save.status === "saved"
      ? "text-ok"
      : save.status === "refused" || save.status === "failed"
        ? "text-danger"
        : "text-warn";
  return (
    <div className="flex h-10 shrink-0 items-center gap-2 border-b border-border bg-panel px-3" data-testid="toolbar">
      <Link
        href="/topologies"
        className="whitespace-nowrap text-xs text-muted hover:text-fg"
        data-testid="toolbar-back"
      >
        ← {t("nav.topologies")}
      </Link>
      <h1 className="min-w-0 shrink truncate font-mono text-sm font-semibold" data-testid="toolbar-name">
        {name}
      </h1>
      <span
        className={`min-w-0 max-w-[22rem] truncate whitespace-nowrap text-xs ${tone}`}
        title={statusText}
        role="status"
        aria-live="polite"
        data-testid="save-status"
        data-status={save.status}
      >
        {statusText}
      </span>
      <div className="ml-auto flex shrink-0 items-center gap-1">
        <button
          type="button"
          className={button}
          disabled={!canUndo}
          onClick={() => store.getState().undo()}
          data-testid="toolbar-undo"
          title={t("editor.undoTitle")}
        >
          {t("editor.undo")}
        </button>
        <button
          type="button"
          className={button}
          disabled={!canRedo}
          onClick={() => store.getState().redo()}
          data-testid="toolbar-redo"
          title={t("editor.redoTitle")}
        >
          {t("editor.redo")}
        </button>
        <button
          type="button"
          className={button}
          onClick={() => store.getState().autoLayout()}
          data-testid="toolbar-layout"
        >
          {t("editor.autoLayout")}
        </button>
        <button
          type="button"
          className={button}
          onClick={() => flow.fitView({ padding: 0.15, duration: 0 })}
          data-testid="toolbar-fit"
        >
          {t("editor.fit")}
        </button>
        <button
          type="button"
          className={button}
          onClick={() => {
            const { graph, names } = store.getState();
            downloadSvg(`${fileStem(graph.meta.name)}.svg`, graphSvg(graph, names).svg);
          }}
          title={t("editor.exportTitle")}
          data-testid="toolbar-export-svg"
        >
          {t("editor.exportSvg")}
        </button>
        <button
          type="button"
          className={button}
          onClick={() => {
            const { graph, names } = store.getState();
            void downloadPng(`${fileStem(graph.meta.name)}.png`, graphSvg(graph, names));
          }}
          title={t("editor.exportTitle")}
          data-testid="toolbar-export-png"
        >
          {t("editor.exportPng")}
        </button>
        <button
          type="button"
          className={button}
          onClick={() => void saveDocument(store)}
          data-testid="toolbar-save"
          title={t("editor.saveTitle")}
        >
          {t("editor.save")}
        </button>
      </div>
    </div>
  );
}
