"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  type Connection,
  ConnectionMode,
  Controls,
  type Edge,
  type FinalConnectionState,
  MiniMap,
  type Node,
  Panel,
  ReactFlow,
  useReactFlow,
} from "@xyflow/react";
import { type DragEvent, useCallback, useEffect, useMemo, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { busNodes } from "@/lib/graph/bus";
import { checkConnection } from "@/lib/graph/connect";
import { visibleNodes } from "@/lib/graph/detail";
import { dropRequest, parsePaletteKey } from "@/lib/graph/palette";
import type { CanvasEdge, CanvasNode } from "@/lib/graph/types";
import { sameText } from "@/lib/i18n/text";
import { TraceOverlay } from "../capture/trace-overlay";
import { ContainerMenu, type ContainerMenuAt } from "../containers/container-menu";
import { useT } from "../i18n/locale-provider";
import { useImpairMenu } from "../perf/use-impair-menu";
import { edgeTypes } from "./edges/edge-registry";
import { nodeTypes } from "./nodes/node-registry";
import { CanvasFinder } from "./search";
import { useEditor, useEditorStore } from "./state/editor-context";

export const PALETTE_MIME = "application/x-crossnet-palette";

/** The minimap redraws every node on every move: past this size it costs more than it helps. */
const MINIMAP_MAX_NODES = 150;

function useColorMode(): "light" | "dark" {
  const [mode, setMode] = useState<"light" | "dark">("light");
  useEffect(() => {
    const read = () => setMode(document.documentElement.dataset.theme === "dark" ? "dark" : "light");
    read();
    const observer = new MutationObserver(read);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => observer.disconnect();
  }, []);
  return mode;
}

/** The id of the topmost canvas node under a screen point (child nodes lie above their host), unless it is `except`. */
function nodeIdAt(x: number, y: number, except: string): string | undefined {
  for (const element of document.elementsFromPoint(x, y)) {
    const id = element.closest<HTMLElement>(".react-flow__node")?.dataset.id;
    if (id) return id === except ? undefined : id;
  }
  return undefined;
}

/** The React Flow canvas, controlled by the editor store. */
export function Canvas() {
  const store = useEditorStore();
  const {
    nodes: designNodes,
    edges,
    fitRequest,
    reveal,
    collapsed,
    bus,
  } = useEditor(
    useShallow((s) => ({
      nodes: s.graph.nodes,
      edges: s.graph.edges,
      fitRequest: s.fitRequest,
      reveal: s.reveal,
      collapsed: s.collapsed,
      bus: s.bus,
    })),
  );
  const nodes = useMemo(() => {
    const visible = visibleNodes(designNodes, collapsed);
    return bus ? busNodes(visible) : visible;
  }, [designNodes, collapsed, bus]);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const colorMode = useColorMode();
  const [menu, setMenu] = useState<ContainerMenuAt | null>(null);
  const t = useT();

  useEffect(() => {
    if (fitRequest > 0) requestAnimationFrame(() => flow.fitView({ padding: 0.15, duration: 0 }));
  }, [fitRequest, flow]);

  useEffect(() => {
    if (!reveal) return;
    const frame = requestAnimationFrame(() => {
      const node = flow.getInternalNode(reveal.id);
      if (!node) return;
      const { x, y } = node.internals.positionAbsolute;
      const width = node.measured.width ?? node.width ?? 0;
      const height = node.measured.height ?? node.height ?? 0;
      flow.setCenter(x + width / 2, y + height / 2, { zoom: reveal.zoom ?? Math.min(flow.getZoom(), 1), duration: 0 });
    });
    return () => cancelAnimationFrame(frame);
  }, [reveal, flow]);

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      const check = checkConnection(store.getState().graph, { source: connection.source, target: connection.target });
      // Dragging over a refused target asks again and again: one toast per distinct reason.
      if (!check.ok && !sameText(store.getState().toast?.text, check.reason)) store.getState().showToast(check.reason);
      return check.ok;
    },
    [store],
  );

  /**
   * A connect-drag released anywhere on a node's body (not only on its small handle) connects to that
   * node; a drop on a node that cannot take it says why (the same refusal texts as a handle drop).
   */
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return;
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      if (!point) return;
      const target = nodeIdAt(point.clientX, point.clientY, state.fromNode.id);
      if (target) store.getState().connectEnds({ source: state.fromNode.id, target });
    },
    [store],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const item = parsePaletteKey(event.dataTransfer.getData(PALETTE_MIME));
      if (!item) return;
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const request = dropRequest(store.getState().graph, item, point);
      if ("reason" in request) store.getState().showToast(request.reason);
      else store.getState().add(request);
    },
    [flow, store],
  );

  const impair = useImpairMenu();

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the drop target for palette drags; the palette's buttons are the keyboard way
    <div
      className="relative h-full w-full"
      data-testid="canvas"
      data-bus={bus ? "true" : "false"}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(PALETTE_MIME)) {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }
      }}
      onDrop={onDrop}
    >
      {impair.dialog}
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={(connection) =>
          store.getState().connectEnds({ source: connection.source, target: connection.target })
        }
        isValidConnection={isValidConnection}
        onConnectEnd={onConnectEnd}
        connectionRadius={28}
        onBeforeDelete={async ({ nodes: doomedNodes, edges: doomedEdges }: { nodes: Node[]; edges: Edge[] }) => {
          store.getState().remove(
            doomedNodes.map((n) => n.id),
            doomedEdges.map((e) => e.id),
          );
          return false;
        }}
        onNodeDragStart={() => store.getState().markDragStart()}
        onNodeContextMenu={(event, node) => {
          if (node.type !== "container") {
            impair.onNodeContextMenu(event, node);
            return;
          }
          event.preventDefault();
          const host = store.getState().hostNames[node.id] ?? "";
          setMenu({ x: event.clientX, y: event.clientY, nodeId: node.id, name: node.data.name, host });
        }}
        connectionMode={ConnectionMode.Loose}
        deleteKeyCode={["Delete", "Backspace"]}
        multiSelectionKeyCode={["Shift", "Meta", "Control"]}
        colorMode={colorMode}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        minZoom={0.05}
        maxZoom={2}
        onlyRenderVisibleElements
        elevateEdgesOnSelect
        proOptions={{ hideAttribution: true }}
        aria-label={t("editor.canvas")}
      >
        <Background gap={24} />
        <Panel position="top-left">
          <CanvasFinder />
        </Panel>
        <Controls showInteractive={false} />
        <TraceOverlay />
        {nodes.length <= MINIMAP_MAX_NODES && (
          <MiniMap pannable zoomable ariaLabel={t("editor.minimap")} style={{ width: 160, height: 100 }} />
        )}
      </ReactFlow>
      {menu && <ContainerMenu at={menu} onClose={() => setMenu(null)} />}
    </div>
  );
}
