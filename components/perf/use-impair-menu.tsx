"use client";

import type { MouseEvent as ReactMouseEvent } from "react";
import { useCallback, useState } from "react";
import { layoutKeys } from "@/lib/graph/keys";
import type { CanvasNode } from "@/lib/graph/types";
import { pointOfLayoutKey } from "@/lib/plan/impairment";
import { useRuns } from "../editor/runs/runs-context";
import { useEditor, useEditorStore } from "../editor/state/editor-context";
import { ImpairDialog } from "./impair-dialog";

/**
 * The canvas's context menu for impairments: a right click on a NIC, a VLAN sub-interface or a
 * container of a saved design, with an inventory chosen, opens the impairment dialog for that point.
 */
export function useImpairMenu() {
  const store = useEditorStore();
  const topologyId = useEditor((s) => s.topologyId);
  const inventoryId = useRuns((s) => s.inventoryId);
  const [point, setPoint] = useState<string | null>(null);
  const onNodeContextMenu = useCallback(
    (event: ReactMouseEvent, node: CanvasNode) => {
      const key = layoutKeys(store.getState().graph).get(node.id);
      const at = key ? pointOfLayoutKey(key) : undefined;
      if (!at || !inventoryId) return;
      event.preventDefault();
      setPoint(at);
    },
    [store, inventoryId],
  );
  const dialog =
    point && inventoryId ? (
      <ImpairDialog topologyId={topologyId} inventoryId={inventoryId} point={point} onClose={() => setPoint(null)} />
    ) : null;
  return { onNodeContextMenu, dialog };
}
