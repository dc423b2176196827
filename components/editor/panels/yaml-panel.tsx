"use client";

import { useEffect, useId } from "react";
import { useShallow } from "zustand/react/shallow";
import { render } from "@/lib/i18n/text";
import { useLocale, useT } from "../../i18n/locale-provider";
import { useEditor, useEditorStore } from "../state/editor-context";

/**
 * The design as YAML, editable: typing re-draws the canvas once the text is a design the canvas can
 * draw; until then the canvas stays and the errors show with line:column. The text is never lost.
 */
export function YamlPanel() {
  const t = useT();
  const locale = useLocale();
  const store = useEditorStore();
  const yaml = useEditor(useShallow((s) => s.yaml));
  const id = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: yaml.text restarts the pause on every keystroke (debounce)
  useEffect(() => {
    if (!yaml.pending) return;
    const timer = setTimeout(() => store.getState().applyYamlText(), 300);
    return () => clearTimeout(timer);
  }, [yaml.pending, yaml.text, store]);
  const errors = yaml.issues.filter((issue) => issue.severity === "error");
  return (
    <section aria-label={t("tabs.yaml")} className="flex h-full min-h-0 flex-col gap-2 p-3" data-testid="yaml">
      {yaml.backup !== undefined && (
        <div role="status" className="rounded-md border border-warn p-2 text-xs" data-testid="yaml-backup">
          {t("yaml.replaced")}{" "}
          <button
            type="button"
            className="font-medium text-accent underline"
            onClick={() => store.getState().restoreYamlBackup()}
            data-testid="yaml-restore"
          >
            {t("yaml.restore")}
          </button>
        </div>
      )}
      <label htmlFor={id} className="text-xs text-muted">
        {t("yaml.label")}
      </label>
      <textarea
        id={id}
        className={`min-h-0 flex-1 resize-none rounded-md border bg-bg p-2 font-mono text-xs leading-5 text-fg ${errors.length ? "border-danger" : "border-border"}`}
        spellCheck={false}
        data-testid="yaml-editor"
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length ? `${id}-errors` : undefined}
        value={yaml.text}
        onChange={(event) => store.getState().setYamlText(event.target.value)}
        onBlur={() => store.getState().applyYamlText()}
      />
      <p className="text-xs text-muted" data-testid="yaml-status">
        {yaml.pending ? (errors.length ? t("yaml.notDrawn") : t("yaml.editing")) : t("yaml.inSync")}
      </p>
      {errors.length > 0 && (
        <ul
          id={`${id}-errors`}
          role="alert"
          className="max-h-40 overflow-auto text-xs text-danger"
          data-testid="yaml-errors"
        >
          {errors.map((issue, i) => (
            <li
              key={`${issue.code}|${issue.line ?? ""}|${issue.column ?? ""}|${issue.message.en}`}
              data-testid={`yaml-error-${i}`}
            >
              {issue.line !== undefined && <span className="font-mono">{`${issue.line}:${issue.column ?? 1} `}</span>}
              {render(issue.message, locale)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
