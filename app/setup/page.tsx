import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { countAdmins } from "@/lib/auth/users";
import { getStore } from "../_lib/store";

export const dynamic = "force-dynamic";
export const metadata = { title: "First start" };

export default async function SetupPage() {
  if (countAdmins(getStore()) > 0) redirect("/login");
  return (
    <section className="mx-auto w-full max-w-md space-y-4 p-6" data-testid="setup-page">
      <h1 className="text-xl font-semibold">Create the first admin</h1>
      <p className="text-sm text-muted">
        The server printed a one-time setup token on its console when it started (the line &ldquo;crossnet: one-time
        setup token&rdquo;). Paste it here: whoever holds it creates the first admin account. It works once and expires
        after 24 hours; restart the server for a new one.
      </p>
      <SetupForm />
    </section>
  );
}
