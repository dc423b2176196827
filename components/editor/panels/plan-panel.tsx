"use client";

import { useMemo, useState } from "react";
import { planTopology, renderPlanText } from "@/lib/plan";
import { useLocale, useT } from "../../i18n/locale-provider";
import { useEditor } from "../state/editor-context";

/** What applying the design to fresh hosts would run: the same renderer as `crossnet plan`. */
export function PlanPanel() {
  const valid = useEditor((s) => s.check.valid);
  const errors = useEditor((s) => s.check.issues.filter((i) => i.severity === "error").length);
  const t = useT();
  const locale = useLocale();
  const [explain, setExplain] = useState(false);
  const text = useMemo(() => {
    if (!valid || errors > 0) return undefined;
    try {
      return renderPlanText(planTopology(valid, {}), { explain, locale });
    } catch (error) {
      return t("planPanel.failed", { error: (error as Error).message });
    }
  }, [valid, errors, explain, locale, t]);
  return (
    <section aria-label={t("tabs.plan")} className="flex h-full min-h-0 flex-col gap-2 p-3" data-testid="plan">
      <div className="flex items-center justify-between">
        <p className="text-xs text-muted">{t("planPanel.fresh")}</p>
        <label className="flex items-center gap-1 text-xs">
          <input
            type="checkbox"
            checked={explain}
            onChange={(e) => setExplain(e.target.checked)}
            data-testid="plan-explain"
          />
          {t("planPanel.explain")}
        </label>
      </div>
      {text === undefined ? (
        <p className="text-sm text-warn" data-testid="plan-blocked">
          {t(errors === 1 ? "planPanel.blockedOne" : "planPanel.blocked", { count: errors })}
        </p>
      ) : (
        <pre
          className="min-h-0 flex-1 overflow-auto rounded-md border border-border bg-bg p-2 font-mono text-xs leading-5"
          data-testid="plan-text"
        >
          {text}
        </pre>
      )}
    </section>
  );
}
