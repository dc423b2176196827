"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/account/actions";
import { codeBlockClass, inputClass, primaryButtonClass, smallDangerClass } from "@/components/ui/classes";
import type { ApiTokenInfo } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

/** API tokens: make one (label, role up to the user's, days), see it once, list and revoke them. */
export function TokensSection({ tokens, roles }: { tokens: ApiTokenInfo[]; roles: Role[] }) {
  const t = useT();
  const id = useId();
  const router = useRouter();
  const [label, setLabel] = useState("");
  const [role, setRole] = useState<Role>(roles[0] ?? "viewer");
  const [days, setDays] = useState("30");
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="space-y-3" data-testid="account-tokens">
      <h2 className="text-lg font-semibold">{t("account.tokens")}</h2>
      <p className="text-sm text-muted">{t("account.tokensHelp")}</p>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          const result = await createTokenAction({ label, role, days });
          setBusy(false);
          if (!result.ok) {
            setError(errorText(t, result.error));
            return;
          }
          setShown(result.token);
          setLabel("");
          router.refresh();
        }}
      >
        <div className="w-48">
          <label htmlFor={`${id}-label`} className="block text-xs text-muted">
            {t("account.tokenLabel")}
          </label>
          <input
            id={`${id}-label`}
            className={inputClass}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            required
            data-testid="token-label"
          />
        </div>
        <div>
          <label htmlFor={`${id}-role`} className="block text-xs text-muted">
            {t("account.tokenRole")}
          </label>
          <select
            id={`${id}-role`}
            className={inputClass}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            data-testid="token-role"
          >
            {roles.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
        <div className="w-24">
          <label htmlFor={`${id}-days`} className="block text-xs text-muted">
            {t("account.tokenDays")}
          </label>
          <input
            id={`${id}-days`}
            type="number"
            min={1}
            max={365}
            className={inputClass}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            data-testid="token-days"
          />
        </div>
        <button type="submit" className={primaryButtonClass} disabled={busy} data-testid="token-create">
          {t("account.tokenCreate")}
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="token-error">
          {error}
        </p>
      )}
      {shown && (
        <div className="space-y-1" data-testid="token-shown">
          <p className="text-sm">{t("account.tokenShownOnce")}</p>
          <pre className={codeBlockClass} data-testid="token-value">
            {shown}
          </pre>
        </div>
      )}
      <table className="w-full text-left text-sm" data-testid="token-list">
        <thead className="text-xs text-muted">
          <tr>
            <th>{t("account.tokenLabel")}</th>
            <th>{t("account.tokenRole")}</th>
            <th>{t("account.expires")}</th>
            <th>{t("account.lastUsed")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} data-testid="token-row" data-label={token.label}>
              <td>{token.label}</td>
              <td>{token.role}</td>
              <td>{token.expiresAt}</td>
              <td>{token.revokedAt ? t("account.revoked") : (token.lastUsedAt ?? t("account.never"))}</td>
              <td>
                {!token.revokedAt && (
                  <button
                    type="button"
                    className={smallDangerClass}
                    data-testid="token-revoke"
                    onClick={async () => {
                      const result = await revokeTokenAction({ id: token.id });
                      if (!result.ok) setError(errorText(t, result.error));
                      router.refresh();
                    }}
                  >
                    {t("account.revoke")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
