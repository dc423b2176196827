"use client";

import { useId, useState } from "react";
import { changePasswordAction } from "@/app/account/actions";
import { inputClass, primaryButtonClass } from "@/components/ui/classes";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

/** Current and new password; on success every session ends and the browser goes to sign-in. */
export function PasswordForm() {
  const t = useT();
  const id = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="space-y-3" data-testid="account-password">
      <h2 className="text-lg font-semibold">{t("account.password")}</h2>
      <p className="text-sm text-muted">{t("account.passwordHelp")}</p>
      <form
        className="max-w-sm space-y-2"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          const result = await changePasswordAction({ current, next });
          if (result.ok) {
            window.location.assign("/login");
            return;
          }
          setBusy(false);
          setError(errorText(t, result.error));
        }}
      >
        <div>
          <label htmlFor={`${id}-current`} className="block text-xs text-muted">
            {t("account.currentPassword")}
          </label>
          <input
            id={`${id}-current`}
            type="password"
            autoComplete="current-password"
            className={inputClass}
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
            data-testid="password-current"
          />
        </div>
        <div>
          <label htmlFor={`${id}-next`} className="block text-xs text-muted">
            {t("auth.newPassword")}
          </label>
          <input
            id={`${id}-next`}
            type="password"
            autoComplete="new-password"
            className={inputClass}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
            data-testid="password-next"
          />
        </div>
        <button type="submit" className={primaryButtonClass} disabled={busy} data-testid="password-submit">
          {t("account.changePassword")}
        </button>
        {error && (
          <p role="alert" className="text-sm text-danger" data-testid="password-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
