"use client";

import { memo } from "react";
import { DRIVER_LABELS } from "@/lib/graph/defaults";
import { PALETTE, type PaletteItem, paletteKey, pickRequest } from "@/lib/graph/palette";
import type { Translate, UiKey } from "@/lib/i18n/ui";
import { useT } from "../i18n/locale-provider";
import { PALETTE_MIME } from "./canvas";
import { useEditorStore } from "./state/editor-context";

const LABELS: Record<Exclude<PaletteItem["kind"], "network">, { label: UiKey; hint: UiKey }> = {
  host: { label: "palette.host", hint: "palette.hostHint" },
  nic: { label: "palette.nic", hint: "palette.nicHint" },
  vlan: { label: "palette.vlan", hint: "palette.vlanHint" },
  container: { label: "palette.container", hint: "palette.containerHint" },
};

function describeItem(item: PaletteItem, t: Translate): { label: string; hint: string } {
  if (item.kind === "network")
    return {
      label: t("palette.network", { driver: DRIVER_LABELS[item.driver] }),
      hint: t("palette.networkHint", { driver: item.driver }),
    };
  const { label, hint } = LABELS[item.kind];
  return { label: t(label), hint: t(hint) };
}

/** Elements to drag onto the canvas; Enter or a click adds one (children go into the selected host). */
export const Palette = memo(function Palette() {
  const t = useT();
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
    <nav aria-label={t("palette.title")} className="flex flex-col gap-1 p-2" data-testid="palette">
      <h2 className="px-1 pb-1 text-xs font-semibold uppercase tracking-wide text-muted">{t("palette.add")}</h2>
      {PALETTE.map((item) => {
        const key = paletteKey(item);
        const { label, hint } = describeItem(item, t);
        return (
          <button
            key={key}
            type="button"
            draggable
            title={t("palette.itemTitle", { hint })}
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
      <p className="mt-2 px-1 text-xs text-muted">{t("palette.help")}</p>
    </nav>
  );
});
