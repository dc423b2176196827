"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { type Found, searchNodes } from "@/lib/graph/detail";
import type { UiKey } from "@/lib/i18n/ui";
import { useT } from "../i18n/locale-provider";
import { useEditor, useEditorStore } from "./state/editor-context";
import { saveView } from "./storage";

const KIND: Record<Found["kind"], UiKey> = {
  host: "palette.host",
  nic: "palette.nic",
  vlan: "palette.vlan",
  network: "insp.network",
  container: "palette.container",
};

/** The canvas's top-left tools: search, collapse or expand every host, networks as buses or as nodes. */
export function CanvasFinder() {
  const t = useT();
  const store = useEditorStore();
  const allCollapsed = useEditor(
    (s) =>
      s.graph.nodes.some((node) => node.type === "host") &&
      s.graph.nodes.every((node) => node.type !== "host" || s.collapsed[node.id]),
  );
  const bus = useEditor((s) => s.bus);
  const hasNetworks = useEditor((s) => s.graph.nodes.some((node) => node.type === "network"));
  return (
    <div className="flex items-center gap-1">
      <CanvasSearch />
      <button
        type="button"
        className="rounded-md border border-border bg-panel px-2 py-1 text-xs font-medium hover:bg-panel-2"
        onClick={() => store.getState().collapseAll(!allCollapsed)}
        data-testid="canvas-collapse-all"
      >
        {t(allCollapsed ? "detail.expandAll" : "detail.collapseAll")}
      </button>
      {hasNetworks && (
        <button
          type="button"
          aria-pressed={bus}
          className={`rounded-md border px-2 py-1 text-xs font-medium hover:bg-panel-2 ${
            bus ? "border-accent bg-accent/15 text-fg" : "border-border bg-panel"
          }`}
          onClick={() => {
            const { topologyId, setBus } = store.getState();
            setBus(!bus);
            saveView(topologyId, { bus: !bus });
          }}
          title={t("detail.busTitle")}
          data-testid="canvas-bus-toggle"
        >
          {t("detail.bus")}
        </button>
      )}
    </div>
  );
}

/**
 * Find a host, container, network or interface by name (or image, subnet, address): the chosen one
 * is selected, its host expanded, the canvas zoomed to it and the inspector opened. `/` focuses it.
 */
function CanvasSearch() {
  const t = useT();
  const store = useEditorStore();
  const nodes = useEditor((s) => s.graph.nodes);
  const names = useEditor((s) => s.names);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const found = useMemo(() => searchNodes({ nodes }, names, query), [nodes, names, query]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== "/" || !target || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
      if (target.isContentEditable) return;
      event.preventDefault();
      input.current?.focus();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const choose = (item: Found | undefined) => {
    if (!item) return;
    store.getState().focusNode(item.id);
    setOpen(false);
    input.current?.blur();
  };

  return (
    <div className="relative" data-testid="canvas-search">
      <input
        ref={input}
        type="search"
        aria-controls={listId}
        aria-label={t("search.label")}
        placeholder={t("search.placeholder")}
        className="w-52 rounded-md border border-border bg-panel px-2 py-1 text-xs"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") setActive((i) => Math.min(i + 1, Math.max(found.length - 1, 0)));
          else if (event.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
          else if (event.key === "Enter") choose(found[active]);
          else if (event.key === "Escape") setOpen(false);
          else return;
          event.preventDefault();
        }}
        data-testid="canvas-search-input"
      />
      {open && query.trim() !== "" && (
        <ul
          id={listId}
          aria-label={t("search.label")}
          className="absolute left-0 top-full z-50 mt-1 max-h-80 w-80 overflow-auto rounded-md border border-border bg-panel py-1 text-xs shadow-lg"
          data-testid="canvas-search-results"
        >
          {found.length === 0 && <li className="px-2 py-1 text-muted">{t("search.none", { query: query.trim() })}</li>}
          {found.map((item, i) => (
            <li key={item.id}>
              <button
                type="button"
                aria-current={i === active ? "true" : undefined}
                className={`flex w-full items-center gap-2 px-2 py-1 text-left ${i === active ? "bg-panel-2" : ""}`}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(item)}
                data-testid={`canvas-search-result-${item.kind}-${item.name}`}
              >
                <span className="w-20 shrink-0 text-muted">{t(KIND[item.kind])}</span>
                <span className="truncate font-mono">{item.name}</span>
                {item.host !== undefined && <span className="ml-auto shrink-0 font-mono text-muted">{item.host}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
