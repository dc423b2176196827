"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import type { IssueView } from "@/app/_lib/documents";
import { importTopologyAction } from "@/app/topologies/actions";
import { render } from "@/lib/i18n/text";
import { IMPORTED, saveDraft } from "../editor/storage";
import { errorText } from "../i18n/error-text";
import { useLocale, useT } from "../i18n/locale-provider";
import { buttonClass } from "../ui/classes";

const MAX_BYTES = 1024 * 1024;

/** Imports a YAML or JSON design file; shows every refusal with its line:column. */
export function ImportButton() {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<{ message: string; issues: IssueView[] } | null>(null);
  const [pending, start] = useTransition();
  const inputId = useId();

  const importFile = (file: File) => {
    setError(null);
    if (file.size > MAX_BYTES) {
      setError({
        message: t("topologies.importTooLarge", { file: file.name, bytes: file.size, limit: MAX_BYTES }),
        issues: [],
      });
      return;
    }
    start(async () => {
      const text = await file.text();
      const result = await importTopologyAction({ fileName: file.name.slice(0, 255), text });
      if (result.ok) {
        // With errors the design is no version yet: the editor opens it as this browser's draft.
        if (result.draft !== undefined)
          saveDraft(result.id, { document: result.draft, base: IMPORTED, at: Date.now() });
        router.push(`/topologies/${result.id}`);
      } else {
        const issues = result.error.issues ?? [];
        setError({
          message: issues.length
            ? t("topologies.notImported", { file: file.name })
            : `${file.name}: ${errorText(t, result.error)}`,
          issues,
        });
      }
    });
  };

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={inputId} className="sr-only">
        {t("topologies.importLabel")}
      </label>
      <input
        id={inputId}
        ref={input}
        type="file"
        accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
        className="sr-only"
        data-testid="topologies-import-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) importFile(file);
          event.target.value = "";
        }}
      />
      <button
        type="button"
        className={buttonClass}
        disabled={pending}
        onClick={() => input.current?.click()}
        data-testid="topologies-import"
      >
        {pending ? t("topologies.importing") : t("topologies.import")}
      </button>
      {error && (
        <div
          role="alert"
          className="max-w-xl rounded-md border border-danger p-3 text-sm"
          data-testid="topologies-import-errors"
        >
          <p className="font-medium text-danger">{error.message}</p>
          {error.issues.length > 0 && (
            <ul className="mt-2 list-disc pl-5">
              {error.issues.map((issue, i) => (
                <li
                  key={`${issue.code}|${issue.line ?? ""}|${issue.column ?? ""}|${issue.message.en}`}
                  data-testid={`topologies-import-issue-${i}`}
                >
                  {issue.line !== undefined && (
                    <span className="font-mono">
                      {issue.line}:{issue.column ?? 1}{" "}
                    </span>
                  )}
                  {render(issue.message, locale)}
                  {issue.hint.en && <span className="text-muted"> {render(issue.hint, locale)}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
