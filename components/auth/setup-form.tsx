"use client";

import { useId, useState } from "react";
import { setupAction } from "@/app/setup/actions";
import { inputClass, primaryButtonClass } from "@/components/topologies/ui";

const FIELDS = [
  { key: "token", label: "Setup token", type: "password", autoComplete: "off" },
  { key: "username", label: "Admin user name", type: "text", autoComplete: "username" },
  { key: "password", label: "Password (at least 12 characters)", type: "password", autoComplete: "new-password" },
] as const;

type Values = Record<(typeof FIELDS)[number]["key"], string>;

/** The one-time token from the server's console, and the first admin's name and password. */
export function SetupForm() {
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
        setError(result.error.message);
        setBusy(false);
      }}
    >
      {FIELDS.map((field) => (
        <div key={field.key}>
          <label htmlFor={`${id}-${field.key}`} className="block text-xs text-muted">
            {field.label}
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
        Create admin and sign in
      </button>
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="setup-error">
          {error}
        </p>
      )}
    </form>
  );
}
