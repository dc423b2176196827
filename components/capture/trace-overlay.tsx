"use client";

import { useNodes, useReactFlow, ViewportPortal } from "@xyflow/react";
import { useEffect, useMemo } from "react";
import { layoutKeys } from "@/lib/graph/keys";
import type { HopState } from "@/lib/views/capture-targets";
import { useEditor } from "../editor/state/editor-context";
import { useT } from "../i18n/locale-provider";
import { useCapture } from "./capture-context";

const RING: Record<HopState, string> = {
  both: "var(--ok)",
  request: "var(--warn)",
  reply: "var(--warn)",
  none: "var(--danger)",
};

/**
 * A trace drawn on the canvas: a ring around each element of the probe's path (green: request and
 * reply seen; amber: one way; red and dashed: not seen), numbered in path order, and a flag on the
 * last element where the request was seen. Drawn in the viewport, above the nodes, and never
 * changes the design.
 */
export function TraceOverlay() {
  const t = useT();
  const marks = useCapture((s) => s.trace.marks);
  const graph = useEditor((s) => s.graph);
  useNodes();
  const flow = useReactFlow();
  const idByKey = useMemo(() => {
    const inverse = new Map<string, string>();
    for (const [id, key] of layoutKeys(graph)) inverse.set(key, id);
    return inverse;
  }, [graph]);
  // A new trace brings its path into view; moving the view by hand afterwards is the user's choice.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new trace (marks) refits, not every edit of the graph
  useEffect(() => {
    const ids = Object.keys(marks).flatMap((key) => {
      const id = idByKey.get(key);
      return id && flow.getInternalNode(id) ? [{ id }] : [];
    });
    if (ids.length === 0) return;
    const frame = requestAnimationFrame(
      () => void flow.fitView({ nodes: ids, padding: 0.25, duration: 0, maxZoom: 1 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [marks]);
  const entries = Object.entries(marks);
  if (entries.length === 0) return null;
  return (
    <ViewportPortal>
      {entries.map(([key, mark]) => {
        const id = idByKey.get(key);
        const node = id ? flow.getInternalNode(id) : undefined;
        if (!node || node.hidden) return null;
        const { x, y } = node.internals.positionAbsolute;
        const width = node.measured.width ?? node.width ?? 0;
        const height = node.measured.height ?? node.height ?? 0;
        return (
          <div
            key={key}
            className="pointer-events-none absolute rounded-lg"
            style={{
              transform: `translate(${x - 5}px, ${y - 5}px)`,
              width: width + 10,
              height: height + 10,
              border: `3px ${mark.state === "none" ? "dashed" : "solid"} ${RING[mark.state]}`,
              zIndex: 1000,
            }}
            data-testid="trace-mark"
            data-key={key}
            data-state={mark.state}
            data-last={mark.last ? "true" : undefined}
          >
            <span
              className="absolute -top-3 -left-3 flex h-6 min-w-6 items-center justify-center rounded-full px-1 text-xs font-bold text-bg"
              style={{ background: RING[mark.state] }}
            >
              {mark.order}
            </span>
            {mark.last && (
              <span
                className="absolute top-full left-0 mt-1 rounded bg-warn px-1.5 text-[11px] font-bold whitespace-nowrap text-bg"
                data-testid="trace-last-mark"
              >
                ⚑ {t("trace.lastSeen", { at: mark.at })}
              </span>
            )}
          </div>
        );
      })}
    </ViewportPortal>
  );
}
