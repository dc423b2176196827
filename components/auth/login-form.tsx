"use client";

import { useId, useState } from "react";
import { loginAction } from "@/app/login/actions";
import { inputClass, primaryButtonClass } from "@/components/ui/classes";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

/** User name and password; on success the browser goes to `next` with its new session cookie. */
export function LoginForm({ next }: { next: string }) {
  const t = useT();
  const id = useId();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refusals, setRefusals] = useState(0);
  const [code, setCode] = useState("");
  const [needCode, setNeedCode] = useState(false);
  return (
    <form
      className="space-y-3"
      data-testid="login-form"
      data-refusals={refusals}
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        const result = await loginAction({ username, password, next, ...(needCode && code ? { code } : {}) });
        if (result.ok) {
          window.location.assign(result.next);
          return;
        }
        if (result.error.code === "second-factor-required") {
          // The password was right: keep it, ask for the code.
          setNeedCode(true);
          setError(errorText(t, result.error));
          setBusy(false);
          return;
        }
        setPassword("");
        setCode("");
        setRefusals((n) => n + 1);
        setError(errorText(t, result.error));
        setBusy(false);
      }}
    >
      <div>
        <label htmlFor={`${id}-user`} className="block text-xs text-muted">
          {t("auth.userName")}
        </label>
        <input
          id={`${id}-user`}
          className={inputClass}
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          data-testid="login-username"
        />
      </div>
      <div>
        <label htmlFor={`${id}-password`} className="block text-xs text-muted">
          {t("auth.password")}
        </label>
        <input
          id={`${id}-password`}
          type="password"
          className={inputClass}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid="login-password"
        />
      </div>
      {needCode && (
        <div>
          <label htmlFor={`${id}-code`} className="block text-xs text-muted">
            {t("auth.secondFactor")}
          </label>
          <input
            id={`${id}-code`}
            className={inputClass}
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
            data-testid="login-code"
          />
        </div>
      )}
      <button type="submit" className={primaryButtonClass} disabled={busy} data-testid="login-submit">
        {t("shell.signIn")}
      </button>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-danger" data-testid="login-error">
          {error}
        </p>
      )}
    </form>
  );
}
