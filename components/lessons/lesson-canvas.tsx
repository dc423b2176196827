"use client";

import "@xyflow/react/dist/style.css";
import { Background, ConnectionMode, ReactFlow, ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { type RefObject, useEffect, useMemo, useRef } from "react";
import { graphFromText } from "@/lib/graph/from-text";
import { closeUp } from "@/lib/graph/layout";
import type { CanvasEdge, CanvasNode } from "@/lib/graph/types";
import type { ProbeCell } from "@/lib/probe/types";
import { edgeTypes } from "../editor/edges/edge-registry";
import { nodeTypes } from "../editor/nodes/node-registry";
import { useRunsStore } from "../editor/runs/runs-context";
import { EditorProvider } from "../editor/state/editor-context";
import { useT } from "../i18n/locale-provider";

/** Marks the canvas elements on the path of a failed cell (the editor's overlay, fed the lesson's cells). */
function FailedPaths({ cells }: { cells: ProbeCell[] }) {
  const store = useRunsStore();
  useEffect(() => store.getState().showMatrix(cells, null, null), [cells, store]);
  return null;
}

/** Fits the drawing to its pane again whenever the pane changes size (the presenter's panes settle after load). */
function FitOnResize({ pane, maxZoom }: { pane: RefObject<HTMLDivElement | null>; maxZoom: number }) {
  const flow = useReactFlow();
  useEffect(() => {
    const element = pane.current;
    if (!element) return;
    const observer = new ResizeObserver(() => void flow.fitView({ padding: 0.05, maxZoom }));
    observer.observe(element);
    return () => observer.disconnect();
  }, [pane, flow, maxZoom]);
  return null;
}

/**
 * The lesson's design drawn as in the editor, read-only: hosts, NICs, VLANs, networks, containers. Uncontrolled
 * (React Flow keeps the measured nodes itself); loose connections as in the editor, where every node has one
 * handle that ends edges of both directions.
 */
export function LessonCanvas({
  lessonId,
  text,
  cells,
  maxZoom = 1.2,
}: {
  lessonId: string;
  text: string;
  cells: ProbeCell[];
  /** How far fitting the drawing to its pane may enlarge it (the presenter fills a projector). */
  maxZoom?: number;
}) {
  const t = useT();
  const pane = useRef<HTMLDivElement>(null);
  const graph = useMemo(() => {
    const drawn = graphFromText(text, {});
    // Closed up: the fixed pane then shows the drawing larger (the presenter's text must read from afar).
    return drawn.ok ? { ...drawn.graph, nodes: closeUp(drawn.graph.nodes) } : null;
  }, [text]);
  if (!graph) return <p className="p-4 text-muted">{t("lesson.canvasUnavailable")}</p>;
  return (
    <ReactFlowProvider>
      <EditorProvider topologyId={`lesson:${lessonId}`} graph={graph} savedDocument={text} text={text}>
        <FailedPaths cells={cells} />
        <div ref={pane} className="h-full w-full" data-testid="lesson-canvas">
          <ReactFlow<CanvasNode, CanvasEdge>
            defaultNodes={graph.nodes}
            defaultEdges={graph.edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            connectionMode={ConnectionMode.Loose}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            deleteKeyCode={null}
            fitView
            fitViewOptions={{ padding: 0.05, maxZoom }}
            maxZoom={Math.max(2, maxZoom)}
            minZoom={0.05}
            proOptions={{ hideAttribution: true }}
            aria-label={t("lesson.canvasLabel")}
          >
            <Background gap={24} />
            <FitOnResize pane={pane} maxZoom={maxZoom} />
          </ReactFlow>
        </div>
      </EditorProvider>
    </ReactFlowProvider>
  );
}
