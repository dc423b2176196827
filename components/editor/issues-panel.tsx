"use client";

import { useReactFlow } from "@xyflow/react";
import { memo, useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { byUrgency } from "@/lib/graph/issue-order";
import { render } from "@/lib/i18n/text";
import { formatPath } from "@/lib/topology";
import { useLocale, useT } from "../i18n/locale-provider";
import { useEditor, useEditorStore } from "./state/editor-context";

const ICON = { error: "●", warning: "▲", info: "i" } as const;
const TONE = { error: "text-danger", warning: "text-warn", info: "text-info" } as const;
const SEVERITY_KEY = {
  error: "issues.severity.error",
  warning: "issues.severity.warning",
  info: "issues.severity.info",
} as const;

/** Every issue of the design, live; choosing one selects its element and opens the inspector. */
export const IssuesPanel = memo(function IssuesPanel() {
  const t = useT();
  const locale = useLocale();
  const store = useEditorStore();
  const checked = useEditor(useShallow((s) => s.check.issues));
  const issues = useMemo(() => byUrgency(checked), [checked]);
  const flow = useReactFlow();
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.filter((i) => i.severity === "warning").length;
  const reveal = (elementId: string | undefined) => {
    if (!elementId) return;
    store.getState().select(elementId);
    store.getState().setTab("inspector");
    const node = flow.getInternalNode(elementId);
    if (node) {
      const { x, y } = node.internals.positionAbsolute;
      flow.setCenter(x + (node.measured.width ?? 0) / 2, y + (node.measured.height ?? 0) / 2, {
        zoom: Math.max(flow.getZoom(), 0.8),
        duration: 0,
      });
    }
  };
  return (
    <section aria-label={t("issues.title")} className="flex h-full min-h-0 flex-col" data-testid="issues">
      <h2 className="flex items-center gap-3 border-b border-border px-3 py-1.5 text-sm font-semibold">
        {t("issues.title")}
        <span className="text-xs font-normal text-danger" data-testid="issues-errors">
          {t(errors === 1 ? "issues.error" : "issues.errors", { count: errors })}
        </span>
        <span className="text-xs font-normal text-warn" data-testid="issues-warnings">
          {t(warnings === 1 ? "issues.warning" : "issues.warnings", { count: warnings })}
        </span>
      </h2>
      {issues.length === 0 ? (
        <p className="px-3 py-2 text-sm text-ok" data-testid="issues-empty">
          {t("issues.none")}
        </p>
      ) : (
        <ol className="min-h-0 flex-1 overflow-auto" data-testid="issues-list">
          {issues.map((issue, i) => (
            <li key={`${issue.code}|${issue.elementId ?? ""}|${issue.path.join("/")}|${issue.message.en}`}>
              <button
                type="button"
                className="flex w-full items-start gap-2 px-3 py-1 text-left text-sm hover:bg-panel-2 disabled:cursor-default"
                data-testid={`issues-item-${i}`}
                data-code={issue.code}
                data-severity={issue.severity}
                data-element={issue.elementId ?? ""}
                disabled={!issue.elementId}
                onClick={() => reveal(issue.elementId)}
              >
                <span
                  role="img"
                  aria-label={t(SEVERITY_KEY[issue.severity])}
                  className={`${TONE[issue.severity]} w-3 shrink-0 font-bold`}
                >
                  {ICON[issue.severity]}
                </span>
                <span className="min-w-0">
                  <span className="block">{render(issue.message, locale)}</span>
                  <span className="block text-xs text-muted">
                    {issue.path.length > 0 && <code className="mr-2 font-mono">{formatPath(issue.path)}</code>}
                    {render(issue.hint, locale)}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
});
