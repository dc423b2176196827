import { PasswordForm } from "@/components/account/password-form";
import { SessionsSection } from "@/components/account/sessions-section";
import { TokensSection } from "@/components/account/tokens-section";
import { TotpSection } from "@/components/account/totp-section";
import { sessionListId } from "@/lib/auth/account";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { ROLE_ORDER } from "@/lib/auth/roles";
import { listSessions } from "@/lib/auth/sessions";
import { totpEnabled } from "@/lib/auth/totp";
import { getTranslator } from "../_lib/locale";
import { requireUser, sessionToken } from "../_lib/session";
import { getStore } from "../_lib/store";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslator()).t("account.title") };
}

/** The caller's own account: API tokens, signed-in sessions, password; two-factor sign-in for an admin. */
export default async function AccountPage() {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const { t } = await getTranslator();
  const store = getStore();
  const user = session.user;
  const token = await sessionToken();
  const current = token ? sessionListId(token) : null;
  const roles = ROLE_ORDER.slice(0, ROLE_ORDER.indexOf(user.role) + 1);
  return (
    <section className="mx-auto w-full max-w-4xl space-y-8 overflow-auto p-6" data-testid="account-page">
      <h1 className="text-xl font-semibold">{t("account.heading", { name: user.userName })}</h1>
      <TokensSection tokens={listApiTokens(store, user.userId)} roles={[...roles]} />
      <SessionsSection
        sessions={listSessions(store, user.userId).map((listed) => ({ ...listed, current: listed.id === current }))}
      />
      <PasswordForm />
      {user.role === "admin" && <TotpSection enabled={totpEnabled(store, user.userId)} />}
    </section>
  );
}
