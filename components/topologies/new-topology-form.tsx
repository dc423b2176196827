"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { createTopologyAction } from "@/app/topologies/actions";
import { type Translate, UI_CATALOGUES, type UiKey } from "@/lib/i18n/ui";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";
import { buttonClass, inputClass, primaryButtonClass } from "./ui";

export type TemplateInfo = { id: string; name: string; description: string };

/** A template's description in the reader's language (the examples' own text is English). */
function templateDescription(template: TemplateInfo, t: Translate): string {
  const key = `template.${template.id}`;
  return key in UI_CATALOGUES.en ? t(key as UiKey) : template.description;
}

/** Name + template (or empty) → a new topology, then its editor. */
export function NewTopologyForm({ templates }: { templates: TemplateInfo[] }) {
  const t = useT();
  const router = useRouter();
  const [name, setName] = useState("");
  const [template, setTemplate] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const nameId = useId();
  const templateId = useId();
  const errorId = useId();

  const pickTemplate = (id: string) => {
    setTemplate(id);
    const picked = templates.find((candidate) => candidate.id === id);
    if (picked && (name === "" || templates.some((candidate) => candidate.name === name))) setName(picked.name);
  };

  return (
    <form
      className="flex flex-wrap items-end gap-3"
      data-testid="topologies-new-form"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        start(async () => {
          const result = await createTopologyAction({ name: name.trim(), ...(template && { template }) });
          if (result.ok) router.push(`/topologies/${result.id}`);
          else setError(errorText(t, result.error));
        });
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={nameId} className="text-sm font-medium">
          {t("topologies.col.name")}
        </label>
        <input
          id={nameId}
          className={`${inputClass} w-56`}
          data-testid="topologies-new-name"
          value={name}
          required
          maxLength={63}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          placeholder="my-network"
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={templateId} className="text-sm font-medium">
          {t("topologies.startFrom")}
        </label>
        <select
          id={templateId}
          className={`${inputClass} w-72`}
          data-testid="topologies-new-template"
          value={template}
          onChange={(event) => pickTemplate(event.target.value)}
        >
          <option value="">{t("topologies.emptyCanvas")}</option>
          {templates.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}: {templateDescription(candidate, t)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className={primaryButtonClass}
        disabled={pending || !name.trim()}
        data-testid="topologies-create"
      >
        {pending ? t("topologies.creating") : t("topologies.create")}
      </button>
      {template && (
        <button type="button" className={buttonClass} onClick={() => pickTemplate("")}>
          {t("topologies.clearTemplate")}
        </button>
      )}
      {error && (
        <p id={errorId} role="alert" className="w-full text-sm text-danger" data-testid="topologies-new-error">
          {error}
        </p>
      )}
    </form>
  );
}
