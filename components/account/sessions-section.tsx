"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokeSessionAction } from "@/app/account/actions";
import { smallDangerClass } from "@/components/ui/classes";
import type { SessionInfo } from "@/lib/auth/sessions";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

/** The user's signed-in sessions (this one marked), each revocable. Ending this one signs out here. */
export function SessionsSection({ sessions }: { sessions: (SessionInfo & { current: boolean })[] }) {
  const t = useT();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="space-y-3" data-testid="account-sessions">
      <h2 className="text-lg font-semibold">{t("account.sessions")}</h2>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-muted">
          <tr>
            <th>{t("account.sessionId")}</th>
            <th>{t("account.signedIn")}</th>
            <th>{t("account.lastSeen")}</th>
            <th>{t("account.expires")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr
              key={session.id}
              data-testid="session-row"
              data-session={session.id}
              data-current={session.current ? "true" : undefined}
            >
              <td className="font-mono">
                {session.id}
                {session.current && <span className="ml-2 text-xs text-muted">{t("account.thisSession")}</span>}
              </td>
              <td>{session.createdAt}</td>
              <td>{session.lastSeenAt}</td>
              <td>{session.expiresAt}</td>
              <td>
                <button
                  type="button"
                  className={smallDangerClass}
                  data-testid="session-revoke"
                  onClick={async () => {
                    const result = await revokeSessionAction({ id: session.id });
                    if (!result.ok) {
                      setError(errorText(t, result.error));
                      return;
                    }
                    if (session.current) window.location.assign("/login");
                    else router.refresh();
                  }}
                >
                  {t("account.revoke")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
