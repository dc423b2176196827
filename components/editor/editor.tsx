"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useState } from "react";
import { graphFromText } from "@/lib/graph/from-text";
import type { Graph } from "@/lib/graph/types";
import { CaptureDock } from "../capture/capture-dock";
import { HandsWindows } from "../containers/hands-windows";
import { useT } from "../i18n/locale-provider";
import { Autosave } from "./autosave";
import { Canvas } from "./canvas";
import { IssuesPanel } from "./issues-panel";
import { Palette } from "./palette";
import { PanelTabs } from "./panels/panel-tabs";
import { RunStreams } from "./runs/run-streams";
import { Shortcuts } from "./shortcuts";
import { EditorProvider } from "./state/editor-context";
import { type Draft, IMPORTED, loadDraft, loadPositions, loadView, saveDraft } from "./storage";
import { Toast } from "./toast";
import { Toolbar } from "./toolbar";

type Start = { graph: Graph; text: string; draft?: Draft };

function start(topologyId: string, name: string, text: string): Start {
  const draft = loadDraft(topologyId);
  if (draft?.base === IMPORTED) {
    // An imported file with errors: no version yet, the draft is what the user edits.
    const imported = graphFromText(draft.document, loadPositions(topologyId));
    if (imported.ok) return { graph: imported.graph, text: draft.document };
  }
  const drawn = graphFromText(text, loadPositions(topologyId));
  const graph = drawn.ok ? drawn.graph : { meta: { name }, nodes: [], edges: [] };
  return { graph, text, ...(draft && draft.base === text && draft.document !== text && { draft }) };
}

/**
 * The editor for one topology. Rendered in the browser only: positions and drafts live in local
 * storage, and React Flow measures the DOM.
 */
export function Editor({ topologyId, name, document }: { topologyId: string; name: string; document: string }) {
  const t = useT();
  const [initial, setInitial] = useState<Start | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => setInitial(start(topologyId, name, document)), [topologyId, name, document]);
  if (!initial)
    return (
      <p className="p-6 text-muted" data-testid="editor-loading">
        {t("editor.loading")}
      </p>
    );
  const restore = (draft: Draft) => {
    const drawn = graphFromText(draft.document, loadPositions(topologyId));
    if (drawn.ok) setInitial({ graph: drawn.graph, text: draft.document });
    setGeneration((g) => g + 1);
  };
  return (
    <ReactFlowProvider key={generation}>
      <EditorProvider
        topologyId={topologyId}
        graph={initial.graph}
        savedDocument={document}
        text={initial.text}
        view={loadView(topologyId)}
      >
        {initial.draft && (
          <div
            role="alert"
            className="flex items-center gap-3 border-b border-warn bg-panel px-3 py-2 text-sm"
            data-testid="draft-banner"
          >
            {t("editor.draftFound", { when: new Date(initial.draft.at).toLocaleString() })}
            <button
              type="button"
              className="font-medium text-accent underline"
              onClick={() => initial.draft && restore(initial.draft)}
              data-testid="draft-restore"
            >
              {t("editor.restore")}
            </button>
            <button
              type="button"
              className="text-muted underline"
              onClick={() => {
                saveDraft(topologyId, undefined);
                setInitial({ graph: initial.graph, text: initial.text });
              }}
              data-testid="draft-discard"
            >
              {t("editor.discard")}
            </button>
          </div>
        )}
        <div className="flex min-h-0 flex-1" data-testid="editor">
          <aside className="w-44 shrink-0 overflow-auto border-r border-border bg-panel">
            <Palette />
          </aside>
          <div className="flex min-w-0 flex-1 flex-col">
            <Toolbar />
            <div className="min-h-0 flex-1">
              <Canvas />
            </div>
            <CaptureDock />
            <div className="h-40 shrink-0 border-t border-border bg-panel">
              <IssuesPanel />
            </div>
          </div>
          <aside className="w-[26rem] shrink-0 border-l border-border bg-panel">
            <PanelTabs />
          </aside>
        </div>
        <Toast />
        <Shortcuts />
        <Autosave />
        <RunStreams />
        <HandsWindows />
      </EditorProvider>
    </ReactFlowProvider>
  );
}
