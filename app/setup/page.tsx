import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { countAdmins } from "@/lib/auth/users";
import { getTranslator } from "../_lib/locale";
import { getStore } from "../_lib/store";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslator()).t("auth.setupTitle") };
}

export default async function SetupPage() {
  if (countAdmins(getStore()) > 0) redirect("/login");
  const { t } = await getTranslator();
  return (
    <section className="mx-auto w-full max-w-md space-y-4 p-6" data-testid="setup-page">
      <h1 className="text-xl font-semibold">{t("auth.setupHeading")}</h1>
      <p className="text-sm text-muted">{t("auth.setupHelp")}</p>
      <SetupForm />
    </section>
  );
}
