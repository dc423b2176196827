"use client";

import { useEffect, useState } from "react";
import { render } from "@/lib/i18n/text";
import { useLocale } from "../i18n/locale-provider";
import { useEditor } from "./state/editor-context";

/** The latest refusal or notice (a refused connection says why), announced to screen readers. */
export function Toast() {
  const toast = useEditor((s) => s.toast);
  const locale = useLocale();
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!toast) return;
    setVisible(true);
    const timer = setTimeout(() => setVisible(false), 4000);
    return () => clearTimeout(timer);
  }, [toast]);
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed bottom-4 left-1/2 z-50 -translate-x-1/2">
      {visible && toast && (
        <p
          className={`rounded-md border px-3 py-2 text-sm shadow-lg ${toast.tone === "error" ? "border-danger bg-panel text-danger" : "border-border bg-panel text-fg"}`}
          data-testid="toast"
        >
          {render(toast.text, locale)}
        </p>
      )}
    </div>
  );
}
