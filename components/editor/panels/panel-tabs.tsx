"use client";

import { type ComponentType, useRef } from "react";
import type { UiKey } from "@/lib/i18n/ui";
import { useT } from "../../i18n/locale-provider";
import { Inspector } from "../inspector/inspector";
import { useEditor, useEditorStore } from "../state/editor-context";
import { ApplyPanel } from "./apply-panel";
import { PlanPanel } from "./plan-panel";
import { TestPanel } from "./test-panel";
import { YamlPanel } from "./yaml-panel";

/** The right-side tabs, each its own component. */
export type PanelTab = { id: string; label: UiKey; Component: ComponentType };

export const PANEL_TABS: readonly PanelTab[] = [
  { id: "inspector", label: "insp.title", Component: Inspector },
  { id: "yaml", label: "tabs.yaml", Component: YamlPanel },
  { id: "plan", label: "tabs.plan", Component: PlanPanel },
  { id: "apply", label: "tabs.apply", Component: ApplyPanel },
  { id: "test", label: "tabs.test", Component: TestPanel },
];

/** WAI-ARIA tabs: arrow keys move between tabs, the active panel is the only one rendered. */
export function PanelTabs({ tabs = PANEL_TABS }: { tabs?: readonly PanelTab[] }) {
  const t = useT();
  const store = useEditorStore();
  const active = useEditor((s) => s.tab);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const current = tabs.find((tab) => tab.id === active) ?? tabs[0];
  const Active = current?.Component;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div role="tablist" aria-label={t("tabs.title")} className="flex shrink-0 border-b border-border">
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === current?.id}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === current?.id ? 0 : -1}
            data-testid={`tab-${tab.id}`}
            className={`px-3 py-2 text-sm ${tab.id === current?.id ? "border-b-2 border-accent font-semibold text-fg" : "text-muted hover:text-fg"}`}
            onClick={() => store.getState().setTab(tab.id)}
            onKeyDown={(event) => {
              if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
              const next = (i + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length;
              const target = tabs[next];
              if (target) store.getState().setTab(target.id);
              buttons.current[next]?.focus();
            }}
          >
            {t(tab.label)}
          </button>
        ))}
      </div>
      {current && Active && (
        <div
          role="tabpanel"
          id={`panel-${current.id}`}
          aria-labelledby={`tab-${current.id}`}
          className="min-h-0 flex-1 overflow-auto"
        >
          <Active />
        </div>
      )}
    </div>
  );
}
