"use client";

import { useEffect, useRef } from "react";
import type { UiKey } from "@/lib/i18n/ui";
import { useEditorStore } from "../editor/state/editor-context";
import { useT } from "../i18n/locale-provider";
import { useContainerHands } from "./use-container-hands";

/** Where the canvas menu of a container opened (screen coordinates) and for which node. */
export type ContainerMenuAt = { x: number; y: number; nodeId: string; name: string; host: string };

const ITEMS: { id: "start" | "stop" | "restart" | "logs" | "console"; label: UiKey }[] = [
  { id: "logs", label: "hands.logs" },
  { id: "console", label: "hands.console" },
  { id: "start", label: "hands.start" },
  { id: "stop", label: "hands.stop" },
  { id: "restart", label: "hands.restart" },
];

/**
 * The canvas's right-click menu on a container: logs, console, start/stop/restart. It selects the
 * container so the inspector shows the hosts to act on and the outcome; without chosen hosts it
 * only does that.
 */
export function ContainerMenu({ at, onClose }: { at: ContainerMenuAt; onClose: () => void }) {
  const t = useT();
  const editor = useEditorStore();
  const menu = useRef<HTMLDivElement>(null);
  const { act, open, inventoryId } = useContainerHands(at.name, at.host);
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>("button")?.focus();
    const away = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    const key = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    document.addEventListener("mousedown", away);
    document.addEventListener("keydown", key);
    return () => {
      document.removeEventListener("mousedown", away);
      document.removeEventListener("keydown", key);
    };
  }, [onClose]);
  const choose = (id: (typeof ITEMS)[number]["id"]) => {
    onClose();
    editor.getState().focusNode(at.nodeId);
    if (!inventoryId) return;
    if (id === "logs" || id === "console") open(id);
    else void act(id);
  };
  return (
    <div
      ref={menu}
      role="menu"
      aria-label={t("hands.menu", { name: at.name })}
      className="fixed z-50 min-w-36 rounded-md border border-border bg-panel py-1 text-sm shadow-lg"
      style={{ left: at.x, top: at.y }}
      data-testid="container-menu"
    >
      {ITEMS.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          className="block w-full px-3 py-1 text-left hover:bg-panel-2 focus:bg-panel-2 focus:outline-none"
          onClick={() => choose(item.id)}
          data-testid={`container-menu-${item.id}`}
        >
          {t(item.label)}
        </button>
      ))}
    </div>
  );
}
