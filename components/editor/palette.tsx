"use client";

import { memo } from "react";
import { DRIVER_LABELS } from "@/lib/graph/defaults";
import { PALETTE, type PaletteItem, paletteKey, pickRequest } from "@/lib/graph/palette";
import { PALETTE_MIME } from "./canvas";
import { useEditorStore } from "./state/editor-context";

const LABELS: Record<Exclude<PaletteItem["kind"], "network">, { label: string; hint: string }> = {
  host: { label: "Host", hint: "A machine: holds NICs, VLANs and containers" },
  nic: { label: "NIC", hint: "A network interface of a host" },
  vlan: { label: "VLAN sub-interface", hint: "802.1q sub-interface NIC.VID on a NIC" },
  container: { label: "Container", hint: "A container on a host" },
};

function describeItem(item: PaletteItem): { label: string; hint: string } {
  return item.kind === "network"
    ? { label: `${DRIVER_LABELS[item.driver]} network`, hint: `A Docker ${item.driver} network` }
    : LABELS[item.kind];
}

/** Elements to drag onto the canvas; Enter or a click adds one (children go into the selected host). */
export const Palette = memo(function Palette() {
  const store = useEditorStore();
  const pick = (item: PaletteItem) => {
    const { graph, selectedIds } = store.getState();
    const request = pickRequest(graph, item, selectedIds);
    if ("reason" in request) store.getState().showToast(request.reason);
    else {
      const id = store.getState().add(request);
      if (id) store.getState().revealNode(id);
    }
  };
  return (
    <nav aria-label="Palette" className="flex flex-col gap-1 p-2" data-testid="palette">
      <h2 className="px-1 pb-1 text-xs font-semibold uppercase tracking-wide text-muted">Add</h2>
      {PALETTE.map((item) => {
        const key = paletteKey(item);
        const { label, hint } = describeItem(item);
        return (
          <button
            key={key}
            type="button"
            draggable
            title={`${hint}. Drag onto the canvas, or press Enter.`}
            data-testid={`palette-${key}`}
            className="cursor-grab rounded-md border border-border bg-panel px-2 py-1.5 text-left text-sm hover:bg-panel-2 active:cursor-grabbing"
            onDragStart={(event) => {
              event.dataTransfer.setData(PALETTE_MIME, key);
              event.dataTransfer.effectAllowed = "copy";
            }}
            onClick={() => pick(item)}
          >
            {label}
          </button>
        );
      })}
      <p className="mt-2 px-1 text-xs text-muted">
        Drag from a container to a network to attach it; from a macvlan network to a NIC or VLAN to set its parent.
      </p>
    </nav>
  );
});
