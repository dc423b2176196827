"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { confirmTotpAction, startTotpAction } from "@/app/account/actions";
import { buttonClass, codeBlockClass, inputClass, primaryButtonClass } from "@/components/ui/classes";
import type { QrSvg } from "@/lib/auth/totp-qr";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

/**
 * Two-factor sign-in for an admin: start (a QR code to scan, plus the secret and its otpauth URI to type
 * or paste, shown once), confirm with a first code, then the recovery codes, shown once. The QR code is
 * plain SVG elements drawn from geometry the server computed: nothing the nonce CSP would block.
 */
export function TotpSection({ enabled }: { enabled: boolean }) {
  const t = useT();
  const id = useId();
  const router = useRouter();
  const [pending, setPending] = useState<{ secret: string; uri: string; qr: QrSvg } | null>(null);
  const [code, setCode] = useState("");
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="space-y-3" data-testid="account-totp" data-enabled={enabled ? "true" : "false"}>
      <h2 className="text-lg font-semibold">{t("account.totp")}</h2>
      <p className="text-sm text-muted">{enabled ? t("account.totpOn") : t("account.totpOff")}</p>
      {!enabled && !pending && (
        <button
          type="button"
          className={buttonClass}
          data-testid="totp-start"
          onClick={async () => {
            setError(null);
            const result = await startTotpAction({});
            if (result.ok) setPending({ secret: result.secret, uri: result.uri, qr: result.qr });
            else setError(errorText(t, result.error));
          }}
        >
          {t("account.totpStart")}
        </button>
      )}
      {pending && !recovery && (
        <form
          className="max-w-xl space-y-2"
          onSubmit={async (event) => {
            event.preventDefault();
            setError(null);
            const result = await confirmTotpAction({ code });
            if (!result.ok) {
              setError(errorText(t, result.error));
              return;
            }
            setRecovery(result.recoveryCodes);
            router.refresh();
          }}
        >
          <p className="text-sm">{t("account.totpScan")}</p>
          <svg
            viewBox={`0 0 ${pending.qr.size} ${pending.qr.size}`}
            width={pending.qr.size * 5}
            height={pending.qr.size * 5}
            shapeRendering="crispEdges"
            className="h-auto max-w-full"
            role="img"
            aria-label={t("account.totpQr")}
            data-testid="totp-qr"
          >
            <rect width={pending.qr.size} height={pending.qr.size} fill="#ffffff" />
            <path d={pending.qr.path} fill="#000000" />
          </svg>
          <pre className={codeBlockClass} data-testid="totp-secret">
            {pending.secret}
          </pre>
          <pre className={codeBlockClass} data-testid="totp-uri">
            {pending.uri}
          </pre>
          <label htmlFor={`${id}-code`} className="block text-xs text-muted">
            {t("account.totpCode")}
          </label>
          <input
            id={`${id}-code`}
            className={inputClass}
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            data-testid="totp-code"
          />
          <button type="submit" className={primaryButtonClass} data-testid="totp-confirm">
            {t("account.totpConfirm")}
          </button>
        </form>
      )}
      {recovery && (
        <div className="space-y-1" data-testid="totp-recovery">
          <p className="text-sm">{t("account.totpRecovery")}</p>
          <pre className={codeBlockClass} data-testid="totp-recovery-codes">
            {recovery.join("\n")}
          </pre>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="totp-error">
          {error}
        </p>
      )}
    </section>
  );
}
