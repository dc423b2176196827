import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { countAdmins } from "@/lib/auth/users";
import { getTranslator } from "../_lib/locale";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslator()).t("shell.signIn") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = safeNextPath(typeof raw === "string" ? raw : null);
  if (countAdmins(getStore()) === 0) redirect("/setup");
  const session = await requireUser("viewer");
  if (session.ok) redirect(next);
  const { t } = await getTranslator();
  return (
    <section className="mx-auto w-full max-w-sm space-y-4 p-6" data-testid="login-page">
      <h1 className="text-xl font-semibold">{t("auth.signInHeading")}</h1>
      <p className="text-sm text-muted">{t("auth.signInHelp")}</p>
      <LoginForm next={next} />
    </section>
  );
}
