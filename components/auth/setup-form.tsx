"use client";

import { useId, useState } from "react";
import { setupAction } from "@/app/setup/actions";
import { inputClass, primaryButtonClass } from "@/components/ui/classes";
import type { UiKey } from "@/lib/i18n/ui";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

const FIELDS = [
  { key: "token", label: "auth.setupToken", type: "password", autoComplete: "off" },
  { key: "username", label: "auth.adminName", type: "text", autoComplete: "username" },
  { key: "password", label: "auth.newPassword", type: "password", autoComplete: "new-password" },
] as const satisfies readonly { key: string; label: UiKey; type: string; autoComplete: string }[];

type Values = Record<(typeof FIELDS)[number]["key"], string>;

/** The one-time token from the server's console, and the first admin's name and password. */
export function SetupForm() {
  const t = useT();
  const id = useId();
  const [values, setValues] = useState<Values>({ token: "", username: "", password: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="space-y-3"
      data-testid="setup-form"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        const result = await setupAction(values);
        if (result.ok) {
          window.location.assign(result.next);
          return;
        }
        setError(errorText(t, result.error));
        setBusy(false);
      }}
    >
      {FIELDS.map((field) => (
        <div key={field.key}>
          <label htmlFor={`${id}-${field.key}`} className="block text-xs text-muted">
            {t(field.label)}
          </label>
          <input
            id={`${id}-${field.key}`}
            type={field.type}
            className={inputClass}
            autoComplete={field.autoComplete}
            value={values[field.key]}
            onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
            required
            data-testid={`setup-${field.key}`}
          />
        </div>
      ))}
      <button type="submit" className={primaryButtonClass} disabled={busy} data-testid="setup-submit">
        {t("auth.createAdmin")}
      </button>
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="setup-error">
          {error}
        </p>
      )}
    </form>
  );
}
